using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Oso.Protocol.Results;
using Oso.School.Audit;
using Oso.School.Bron;
using Oso.School.Crypto;
using Oso.School.Storage;
using static Oso.School.Crypto.ProtectedDossiers;

namespace Oso.School.LasApi;

/// <summary>The LAS integration API for the school as bron: deliver dossiers, record inzage, release, follow requests and deliveries.</summary>
public static class BronApi
{
    /// <summary>Maps the endpoints under <c>/api/v1/scholen/{brin}</c>.</summary>
    public static RouteGroupBuilder MapBronApi(this RouteGroupBuilder school)
    {
        ArgumentNullException.ThrowIfNull(school);
        school.MapPut("/leerlingen/{lasId}/dossier", Deliver).WithSummary("Lever het overstapdossier van een leerling aan (OSO-XML of JSON volgens het model).")
            .Accepts<Dossier.Model.Dossier>("application/xml", "application/json").Produces<AangeleverdDto>();
        school.MapGet("/leerlingen/{lasId}/dossier", GetDraft).WithSummary("Het dossier zoals het nu is (concept), als OSO-XML.");
        school.MapPost("/leerlingen/{lasId}/inzage", RecordInzage).WithSummary("Leg de inzage, zienswijze of toestemming van ouders/leerling vast.");
        school.MapPost("/leerlingen/{lasId}/vrijgeven", Release).WithSummary("Zet het dossier klaar (vrijgeven): een bevroren versie.").Produces<VrijgegevenDto>(201);
        school.MapGet("/leerlingen/{lasId}/verstrekkingen", Disclosures).WithSummary("Aan welke scholen het dossier is verstrekt, en wanneer.");
        school.MapGet("/verzoeken", IncomingRequests).WithSummary("Ontvangen verzoeken van andere scholen en hun uitkomst.");
        return school;
    }

    private static async Task<IResult> Deliver(string brin, string lasId, HttpContext context, BronDossiers dossiers)
    {
        var actor = Actor.Las(LasAuthentication.Client(context).Id);
        DeliveryResult result;
        if (context.Request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            Dossier.Model.Dossier? model;
            try
            {
                model = await JsonSerializer.DeserializeAsync<Dossier.Model.Dossier>(context.Request.Body, JsonOptions, context.RequestAborted).ConfigureAwait(false);
            }
            catch (JsonException ex)
            {
                return Problems.BadRequest("De JSON past niet op het dossiermodel" + (ex.Path is null ? "." : $" (bij {ex.Path})."));
            }
            if (model is null) return Problems.BadRequest("Leeg dossier.");
            result = await dossiers.DeliverAsync(brin, lasId, model, actor, context.RequestAborted).ConfigureAwait(false);
        }
        else
        {
            result = await dossiers.DeliverAsync(brin, lasId, context.Request.Body, actor, context.RequestAborted).ConfigureAwait(false);
        }
        return result switch
        {
            DeliveryResult.Stored s => Results.Ok(new AangeleverdDto(s.PupilId, s.Created, s.Report.Valid, s.Report.Fouten, s.Report.Waarschuwingen,
                s.Report.Meldingen.Select(MeldingDto.From).ToList())),
            DeliveryResult.Rejected r => Problems.Unprocessable(r.Reason, r.Meldingen.Select(MeldingDto.From).ToList()),
            _ => Results.StatusCode(500),
        };
    }

    private static async Task<IResult> GetDraft(string brin, string lasId, HttpContext context, BronDossiers dossiers, SchoolStore store,
        ProtectedDossiers crypto, AuditLog audit)
    {
        var pupil = await dossiers.FindPupilAsync(brin, lasId, context.RequestAborted).ConfigureAwait(false);
        if (pupil is null) return Problems.NotFound("Geen dossier voor deze leerling.");
        var xml = await store.WriteAsync(async db =>
        {
            var draft = await db.Drafts.AsNoTracking().FirstAsync(d => d.PupilId == pupil.Value, context.RequestAborted).ConfigureAwait(false);
            await audit.RecordAsync(db, brin, Actor.Las(LasAuthentication.Client(context).Id), "dossier.ingezien", "Het LAS haalt het concept-dossier op.",
                pupil.ToString(), cancellationToken: context.RequestAborted).ConfigureAwait(false);
            return crypto.Xml(brin, draft.Xml, Contexts.Draft(pupil.Value));
        }, context.RequestAborted).ConfigureAwait(false);
        return Results.Bytes(xml, "application/xml");
    }

    private static async Task<IResult> RecordInzage(string brin, string lasId, InzageInput input, HttpContext context, BronDossiers dossiers)
    {
        var pupil = await dossiers.FindPupilAsync(brin, lasId, context.RequestAborted).ConfigureAwait(false);
        if (pupil is null) return Problems.NotFound("Geen dossier voor deze leerling.");
        var result = await dossiers.RecordInzageAsync(brin, pupil.Value, input, Actor.Las(LasAuthentication.Client(context).Id), context.RequestAborted).ConfigureAwait(false);
        return result switch
        {
            InzageResult.Recorded => Results.NoContent(),
            InzageResult.NotFound => Problems.NotFound("Geen dossier voor deze leerling."),
            InzageResult.Invalid i => Problems.BadRequest(i.Reason),
            _ => Results.StatusCode(500),
        };
    }

    private static async Task<IResult> Release(string brin, string lasId, VrijgevenDto? input, HttpContext context, BronDossiers dossiers)
    {
        var pupil = await dossiers.FindPupilAsync(brin, lasId, context.RequestAborted).ConfigureAwait(false);
        if (pupil is null) return Problems.NotFound("Geen dossier voor deze leerling.");
        var result = await dossiers.ReleaseAsync(brin, pupil.Value, input?.OptOut, Actor.Las(LasAuthentication.Client(context).Id), context.RequestAborted).ConfigureAwait(false);
        return result switch
        {
            ReleaseResult.Released r => Results.Created($"/api/v1/scholen/{brin}/leerlingen/{lasId}/dossier", new VrijgegevenDto(r.ReleaseId, r.Version, r.Notifications)),
            ReleaseResult.NotFound => Problems.NotFound("Geen dossier voor deze leerling."),
            ReleaseResult.Invalid i => Problems.Unprocessable("Het dossier is niet geldig volgens de officiële standaard en kan niet worden vrijgegeven.",
                i.Meldingen.Select(MeldingDto.From).ToList()),
            ReleaseResult.NotAllowed n => Problems.Conflict(n.Reason),
            _ => Results.StatusCode(500),
        };
    }

    private static async Task<IResult> Disclosures(string brin, string lasId, HttpContext context, BronDossiers dossiers, SchoolStore store)
    {
        var pupil = await dossiers.FindPupilAsync(brin, lasId, context.RequestAborted).ConfigureAwait(false);
        if (pupil is null) return Problems.NotFound("Geen dossier voor deze leerling.");
        await using var db = store.Read();
        var rows = await db.Disclosures.AsNoTracking().Where(d => d.PupilId == pupil.Value).OrderBy(d => d.At)
            .Select(d => new { d.DoelBrin, d.Profiel, d.At, d.SessieId, d.OntvangstStatus, d.OntvangenDoor, d.OntvangenOp }).ToListAsync(context.RequestAborted).ConfigureAwait(false);
        return Results.Ok(rows.Select(d => new VerstrekkingDto(d.DoelBrin, d.Profiel, d.At, d.SessieId, Ontvangst.Of(d.OntvangstStatus, d.OntvangenDoor, d.OntvangenOp))).ToList());
    }

    private static async Task<IResult> IncomingRequests(string brin, HttpContext context, SchoolStore store)
    {
        await using var db = store.Read();
        var rows = await db.IncomingRequests.AsNoTracking().Where(r => r.Brin == brin).OrderByDescending(r => r.ReceivedAt).Take(200)
            .ToListAsync(context.RequestAborted).ConfigureAwait(false);
        return Results.Ok(rows.Select(r => new VerzoekDto(r.SessieId, r.DoelBrin, r.Resultaat,
            Enum.TryParse<ResultaatCode>(r.Resultaat, out var code) ? code.Info().Toelichting : r.Resultaat, r.ReceivedAt, r.NotifiedAt, r.AwaitingNotification)).ToList());
    }

    internal static JsonSerializerOptions JsonOptions => Dossier.Model.ModelJson.Options;
}
