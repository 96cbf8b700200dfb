using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Oso.Central.Accounts;
using Oso.Central.Api;

namespace Oso.Central.Qualification;

/// <summary>Qualification in the management API: the handbook, a school's checklist and evidence, the operator's review.</summary>
internal static class QualificationApi
{
    public sealed record Verklaring(string Tekst, string OndertekendDoor, string Functie);

    public sealed record Beoordeling(bool Goedgekeurd, string? Opmerking);

    public static WebApplication MapQualificationApi(this WebApplication app)
    {
        app.MapGet("/api/kwalificatie/handboek", () => Handboek.Items).WithTags("Kwalificatie")
            .WithSummary("De checklist van het handboek: wat een school moet aantonen.");

        var school = app.MapGroup("/api/mijnoso/kwalificatie").WithTags("Mijn OSO: kwalificatie").Voor(Rol.School);
        school.MapGet("/", async (Actor a, CentralAdmin admin, CancellationToken ct) => ApiResults.From(await admin.QualificationAsync(a.Scope!, ct)))
            .WithSummary("Uw checklist en kwalificatie.");
        school.MapPost("/{item}/document", DocumentAsync).DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(CentralAdmin.MaxBewijsBytes + 64 * 1024))
            .WithSummary("Upload een document als bewijs (PDF, PNG, JPEG, docx/xlsx/odt; hoogstens 5 MB).");
        school.MapPost("/{item}/verklaring", async (string item, Verklaring v, Actor a, CentralAdmin admin, CancellationToken ct) =>
            ApiResults.From(await admin.Als(a.Door).SubmitStatementAsync(a.Scope!, item, v.Tekst, v.OndertekendDoor, v.Functie, ct)))
            .WithSummary("Dien een ondertekende verklaring in als bewijs.");

        var leverancier = app.MapGroup("/api/leverancier/conformance").WithTags("Leverancier: kwalificatie").Voor(Rol.Leverancier);
        leverancier.MapPost("/", ConformanceAsync).DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(MaxRapportBytes))
            .WithSummary("Dien een conformancerapport in (de JSON van 'oso conformance bron|doel --json', ondertekend met het systeemcertificaat) als technische test.");
        leverancier.MapGet("/", (Actor a, CentralAdmin admin, CancellationToken ct) => admin.ConformanceAsync(a.Scope!, ct))
            .WithSummary("De conformancerapporten van uw systeem en hun beoordeling.");

        var beheer = app.MapGroup("/api/beheer").WithTags("Beheer: kwalificatie").Voor(Rol.Beheerder);
        beheer.MapGet("/systemen/{id}/conformance", (string id, CentralAdmin admin, CancellationToken ct) => admin.ConformanceAsync(id, ct))
            .WithSummary("De conformancerapporten van een systeem, met elk scenario.");
        beheer.MapPost("/conformance/{id:guid}/beoordeling", async (Guid id, Beoordeling b, Actor a, CentralAdmin admin, CancellationToken ct) =>
            ApiResults.From(await admin.Als(a.Door).ReviewConformanceAsync(id, b.Goedgekeurd, b.Opmerking, ct)))
            .WithSummary("Keur een conformancerapport goed (het systeem is dan gekwalificeerd) of af.");
        beheer.MapGet("/accounts", (CentralAdmin admin, AccountStatus? status, CancellationToken ct) => admin.AccountsAsync(status, ct))
            .WithSummary("Accounts, bijvoorbeeld die wachten op verificatie.");
        beheer.MapPost("/accounts/{id}/verifieren", async (string id, Actor a, CentralAdmin admin, CancellationToken ct) =>
            ApiResults.From(await admin.Als(a.Door).VerifyAccountAsync(id, ct)));
        beheer.MapGet("/bewijzen", (CentralAdmin admin, BewijsStatus? status, string? brin, CancellationToken ct) => admin.EvidenceAsync(status, brin, ct))
            .WithSummary("Bewijsstukken, bijvoorbeeld die op beoordeling wachten.");
        beheer.MapGet("/bewijzen/{id:guid}/document", async (Guid id, CentralAdmin admin, CancellationToken ct) =>
        {
            var doc = await admin.EvidenceDocumentAsync(id, null, ct);
            return doc.Gelukt
                ? (Results<FileContentHttpResult, ProblemHttpResult>)TypedResults.File(doc.Waarde!.Inhoud, doc.Waarde.ContentType, doc.Waarde.Bestandsnaam)
                : ApiResults.Problem(doc.Fout);
        });
        beheer.MapPost("/bewijzen/{id:guid}/beoordeling", async (Guid id, Beoordeling b, Actor a, CentralAdmin admin, CancellationToken ct) =>
            ApiResults.From(await admin.Als(a.Door).ReviewAsync(id, b.Goedgekeurd, b.Opmerking, ct)))
            .WithSummary("Keur een bewijsstuk goed of af (met opmerking); de kwalificatie van de school wordt herberekend.");
        beheer.MapPost("/scholen/{brin}/kwalificatie", async (string brin, Actor a, CentralAdmin admin, CancellationToken ct) =>
            ApiResults.From(await admin.Als(a.Door).ApproveAllAsync(brin, ct))).WithSummary("Keurt alle onderdelen in één keer goed (gescripte inrichting).");
        beheer.MapPost("/systemen/{id}/kwalificatie", async (string id, Actor a, CentralAdmin admin, CancellationToken ct) =>
            ApiResults.From(await admin.Als(a.Door).ApproveSystemAsync(id, ct))).WithSummary("Kwalificeert een systeem zonder testuitwisseling.");
        return app;
    }

    private const int MaxRapportBytes = 1024 * 1024;

    private static async Task<Results<Ok<ConformanceInfo>, ProblemHttpResult>> ConformanceAsync(HttpRequest request, Actor a, CentralAdmin admin, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        if (buffer.Length > MaxRapportBytes) return ApiResults.Problem(Fout.Ongeldig("conformance.te-groot", "Het rapport is groter dan 1 MB."));
        return ApiResults.From(await admin.Als(a.Door).SubmitConformanceAsync(a.Scope!, buffer.ToArray(), ct));
    }

    private static async Task<Results<Ok<BewijsInfo>, ProblemHttpResult>> DocumentAsync(string item, IFormFile bestand, Actor a, CentralAdmin admin, CancellationToken ct)
    {
        if (bestand.Length > CentralAdmin.MaxBewijsBytes)
            return ApiResults.Problem(Fout.Ongeldig("bewijs.te-groot", $"Het bestand is groter dan {CentralAdmin.MaxBewijsBytes / 1024 / 1024} MB."));
        using var buffer = new MemoryStream((int)bestand.Length);
        await bestand.CopyToAsync(buffer, ct);
        return ApiResults.From(await admin.Als(a.Door).SubmitDocumentAsync(a.Scope!, item, bestand.FileName, buffer.ToArray(), ct));
    }
}
