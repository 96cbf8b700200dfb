using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Oso.Central.Accounts;
using Oso.Central.Api;
using Oso.Central.Qualification;
using Oso.Protocol.Messages;

namespace Oso.Central.Register;

/// <summary>The Register in the management API: operators register, boards mandate, suppliers register aanleverpunten.</summary>
internal static class RegisterApi
{
    public sealed record Intrekking(string Reden);

    public sealed record MandaatVerzoek(string Brin, string SysteemId, DateOnly Van, DateOnly? Tot);

    public sealed record AanleverpuntVerzoek(string RouteringsKenmerk, string Url, Uitwisseldoel Doel, DateOnly Van, DateOnly? Tot);

    /// <summary>A school on the public list of qualified schools (for the map).</summary>
    public sealed record GekwalificeerdeSchool(string Brin, string Naam, Sector Sector, string? Plaats, string? Gemeente, string? Provincie, DateTimeOffset? Sinds);

    public static WebApplication MapRegisterApi(this WebApplication app)
    {
        app.MapGet("/api/scholen/gekwalificeerd", async (CentralAdmin admin, string? provincie, CancellationToken ct) =>
                (await admin.SchoolsAsync(null, ct))
                .Where(s => s.OpenbaarGekwalificeerd()
                    && (provincie == null || string.Equals(s.Provincie, provincie, StringComparison.OrdinalIgnoreCase)))
                .Select(s => new GekwalificeerdeSchool(s.Brin, s.Naam, s.Sector, s.Plaats, s.Gemeente, s.Provincie, s.GekwalificeerdSinds)).ToList())
            .WithTags("Register").WithSummary("Openbare lijst van gekwalificeerde scholen (voor de kaart), optioneel per provincie.");

        var beheer = app.MapGroup("/api/beheer").WithTags("Beheer: register").Voor(Rol.Beheerder);
        beheer.MapPost("/besturen", async (NieuwBestuur b, Actor a, CentralAdmin admin, CancellationToken ct) => ApiResults.From(await admin.Als(a.Door).AddBoardAsync(b, ct)));
        beheer.MapPost("/scholen", async (NieuweSchool s, Actor a, CentralAdmin admin, CancellationToken ct) => ApiResults.From(await admin.Als(a.Door).AddSchoolAsync(s, ct)));
        beheer.MapGet("/scholen", (CentralAdmin admin, string? bestuur, CancellationToken ct) => admin.SchoolsAsync(bestuur, ct));
        beheer.MapPost("/scholen/{brin}/intrekken", async (string brin, Intrekking i, Actor a, CentralAdmin admin, CancellationToken ct) =>
            ApiResults.From(await admin.Als(a.Door).RevokeSchoolAsync(brin, i.Reden, ct))).WithSummary("Trekt de deelname van een school in.");
        beheer.MapPost("/systemen", async (NieuwSysteem s, Actor a, CentralAdmin admin, CancellationToken ct) => ApiResults.From(await admin.Als(a.Door).AddSystemAsync(s, ct)));
        beheer.MapPost("/systemen/{id}/intrekken", async (string id, Intrekking i, Actor a, CentralAdmin admin, CancellationToken ct) =>
            ApiResults.From(await admin.Als(a.Door).RevokeSystemAsync(id, i.Reden, ct))).WithSummary("Trekt een systeem in; zijn certificaten worden meteen geweigerd.");
        beheer.MapPost("/mandaten", async (NieuwMandaat m, Actor a, CentralAdmin admin, CancellationToken ct) => ApiResults.From(await admin.Als(a.Door).AddMandateAsync(m, ct)));
        beheer.MapPost("/aanleverpunten", async (NieuwAanleverpunt p, Actor a, CentralAdmin admin, CancellationToken ct) => ApiResults.From(await admin.Als(a.Door).AddEndpointAsync(p, ct)));
        beheer.MapGet("/audit", (CentralAdmin admin, int? max, CancellationToken ct) => admin.AuditAsync(max ?? 100, ct)).WithSummary("De laatste beheerhandelingen.");

        var school = app.MapGroup("/api/mijnoso").WithTags("Mijn OSO").Voor(Rol.School);
        school.MapGet("/school", async (Actor a, CentralAdmin admin, CancellationToken ct) => ApiResults.From(await admin.SchoolAsync(a.Scope!, ct)));
        school.MapGet("/mandaten", (Actor a, CentralAdmin admin, CancellationToken ct) => admin.MandatesAsync(a.Scope, null, null, ct));
        school.MapGet("/aanleverpunten", (Actor a, CentralAdmin admin, CancellationToken ct) => admin.EndpointsAsync(a.Scope, null, ct));

        var bestuur = app.MapGroup("/api/bestuur").WithTags("Bestuur").Voor(Rol.Bestuur);
        bestuur.MapGet("/scholen", (Actor a, CentralAdmin admin, CancellationToken ct) => admin.SchoolsAsync(a.Scope, ct));
        bestuur.MapGet("/mandaten", (Actor a, CentralAdmin admin, CancellationToken ct) => admin.MandatesAsync(null, a.Scope, null, ct));
        bestuur.MapPost("/mandaten", async (MandaatVerzoek m, Actor a, CentralAdmin admin, CancellationToken ct) =>
            ApiResults.From(await admin.Als(a.Door).AddMandateAsync(new NieuwMandaat(a.Scope!, m.Brin, m.SysteemId, m.Van, m.Tot), ct)))
            .WithSummary("Mandateert een systeem voor een school van uw bestuur.");
        bestuur.MapPost("/mandaten/{id:guid}/beeindigen", async (Guid id, Actor a, CentralAdmin admin, CancellationToken ct) =>
            ApiResults.From(await admin.Als(a.Door).EndMandateAsync(id, a.Scope, ct)));

        var leverancier = app.MapGroup("/api/leverancier").WithTags("Leverancier").Voor(Rol.Leverancier);
        leverancier.MapGet("/systeem", async (Actor a, CentralAdmin admin, CancellationToken ct) => ApiResults.From(await admin.SystemAsync(a.Scope!, ct)))
            .WithSummary("Uw systeem, met de kwalificatie (testuitwisseling met 00YY).");
        leverancier.MapGet("/aanleverpunten", (Actor a, CentralAdmin admin, CancellationToken ct) => admin.EndpointsAsync(null, a.Scope, ct));
        leverancier.MapGet("/mandaten", (Actor a, CentralAdmin admin, CancellationToken ct) => admin.MandatesAsync(null, null, a.Scope, ct));
        leverancier.MapPost("/aanleverpunten", async (AanleverpuntVerzoek p, Actor a, CentralAdmin admin, CancellationToken ct) =>
            ApiResults.From(await admin.Als(a.Door).AddEndpointAsync(new NieuwAanleverpunt(p.RouteringsKenmerk, p.Url, p.Doel, a.Scope!, p.Van, p.Tot), ct)))
            .WithSummary("Registreert een aanleverpunt dat uw systeem beheert.");
        return app;
    }
}
