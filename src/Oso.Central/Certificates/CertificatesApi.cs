using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Oso.Central.Accounts;
using Oso.Central.Api;

namespace Oso.Central.Certificates;

/// <summary>What school nodes fetch (the anchor, the revocation list) and what operators and suppliers do with certificates.</summary>
internal static class CertificatesApi
{
    public sealed record Ingetrokken(DateTimeOffset Bijgewerkt, IReadOnlyList<IngetrokkenCertificaat> Certificaten);

    public sealed record Intrekking(string Reden);

    public sealed record Registratie(string Pem);

    public sealed record Pem(string Certificaat, string Sleutel, CertificaatInfo Info);

    public static WebApplication MapCertificatesApi(this WebApplication app)
    {
        var publiek = app.MapGroup("/api/certificaten").WithTags("Certificaten");
        publiek.MapGet("/ca", (CentralAdmin admin) => TypedResults.Text(admin.TrustAnchorsPem, "application/x-pem-file"))
            .WithSummary("De vertrouwensankers (PEM) waaraan systeemcertificaten moeten ketenen.");
        publiek.MapGet("/ingetrokken", (CentralAdmin admin, TimeProvider time) => TypedResults.Ok(new Ingetrokken(time.GetUtcNow(), admin.RevokedCertificates())))
            .WithSummary("Ingetrokken certificaten (serienummers en SHA-256-vingerafdrukken), om bij elke handdruk te weigeren.");

        var beheer = app.MapGroup("/api/beheer").WithTags("Beheer: certificaten").Voor(Rol.Beheerder);
        beheer.MapGet("/certificaten", (CentralAdmin admin, string? systeem, CancellationToken ct) => admin.CertificatesAsync(systeem, ct));
        beheer.MapPost("/systemen/{id}/certificaten", async (string id, Actor actor, CentralAdmin admin, CancellationToken ct) =>
        {
            var uitkomst = await admin.Als(actor.Door).IssueCertificateAsync(id, null, ct);
            if (!uitkomst.Gelukt) return (Results<Ok<Pem>, ProblemHttpResult>)ApiResults.Problem(uitkomst.Fout);
            using var c = uitkomst.Waarde!.Certificaat;
            using var key = c.GetECDsaPrivateKey()!;
            return TypedResults.Ok(new Pem(c.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem(), uitkomst.Waarde.Info));
        }).WithSummary("Geeft een systeemcertificaat uit van de ontwikkel-CA (met privésleutel; alleen ontwikkeling).");
        beheer.MapPost("/certificaten/{serienummer}/intrekken", async (string serienummer, Intrekking body, Actor actor, CentralAdmin admin, CancellationToken ct) =>
            ApiResults.From(await admin.Als(actor.Door).RevokeCertificateAsync(serienummer, body.Reden, null, ct)))
            .WithSummary("Trekt een certificaat in (serienummer of SHA-256-vingerafdruk); Central weigert het meteen.");

        var leverancier = app.MapGroup("/api/leverancier").WithTags("Leverancier: certificaten").Voor(Rol.Leverancier);
        leverancier.MapGet("/certificaten", (Actor actor, CentralAdmin admin, CancellationToken ct) => admin.CertificatesAsync(actor.Scope, ct));
        leverancier.MapPost("/certificaten", async (Registratie body, Actor actor, CentralAdmin admin, CancellationToken ct) =>
            ApiResults.From(await admin.Als(actor.Door).RegisterCertificateAsync(actor.Scope!, body.Pem, ct)))
            .WithSummary("Registreert een elders uitgegeven certificaat (bijv. PKIoverheid) voor uw systeem.");
        leverancier.MapPost("/certificaten/{serienummer}/intrekken", async (string serienummer, Intrekking body, Actor actor, CentralAdmin admin, CancellationToken ct) =>
            ApiResults.From(await admin.Als(actor.Door).RevokeCertificateAsync(serienummer, body.Reden, actor.Scope, ct)))
            .WithSummary("Trekt een certificaat van uw systeem in (bijvoorbeeld bij een gelekte sleutel).");
        return app;
    }
}
