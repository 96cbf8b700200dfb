using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Oso.Hosting.Http;
using Oso.School.Storage;

namespace Oso.School.LasApi;

/// <summary>
/// Authenticates the LAS integration API per school: an API key (<c>Authorization: Bearer oso_...</c>, stored only as a
/// SHA-256 hash) or a client certificate registered for the LAS installation. Every request is checked against the
/// school in its route: a LAS of one school never reaches another school's data. A gate: it runs before the endpoint
/// reads the request, so a caller without a key gets 401 whatever the body holds.
/// </summary>
public sealed class LasAuthentication(SchoolStore store) : IEndpointGate
{
    private const string ItemKey = "oso.las-client";

    /// <summary>The hash stored for a key.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The authenticated client of a request (after the filter ran).</summary>
    public static LasClient Client(HttpContext context) =>
        context?.Items[ItemKey] as LasClient ?? throw new InvalidOperationException("Geen geauthenticeerde LAS-client.");

    /// <inheritdoc />
    public async ValueTask<IResult?> CheckAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context;
        var brin = http.Request.RouteValues["brin"] as string;
        LasClient? client = null;
        await using (var db = store.Read())
        {
            var header = http.Request.Headers.Authorization.ToString();
            if (header.StartsWith("Bearer ", StringComparison.Ordinal))
            {
                var hash = Hash(header["Bearer ".Length..].Trim());
                client = await db.LasClients.AsNoTracking().FirstOrDefaultAsync(c => c.KeyHash == hash && c.RevokedAt == null, http.RequestAborted).ConfigureAwait(false);
            }
            else if (http.Connection.ClientCertificate is { } certificate)
            {
                var thumbprint = certificate.GetCertHashString(HashAlgorithmName.SHA256);
                client = await db.LasClients.AsNoTracking().FirstOrDefaultAsync(c => c.CertificateThumbprint == thumbprint && c.RevokedAt == null, http.RequestAborted).ConfigureAwait(false);
            }
        }
        if (client is null)
            return Problems.Unauthorized("Geef een geldige API-sleutel mee (Authorization: Bearer ...) of gebruik het geregistreerde clientcertificaat.");
        if (brin is not null && client.Brin != brin)
            return Problems.Forbidden($"Deze LAS-koppeling hoort bij school {client.Brin}, niet bij {brin}.");
        http.Items[ItemKey] = client;
        return null;
    }
}

/// <summary>Problem details in Dutch with stable <c>type</c> URNs.</summary>
public static class Problems
{
    /// <summary>401.</summary>
    public static IResult Unauthorized(string detail) => Make(401, "niet-geauthenticeerd", "Niet aangemeld", detail);

    /// <summary>403.</summary>
    public static IResult Forbidden(string detail) => Make(403, "geen-toegang", "Geen toegang", detail);

    /// <summary>404.</summary>
    public static IResult NotFound(string detail) => Make(404, "niet-gevonden", "Niet gevonden", detail);

    /// <summary>400.</summary>
    public static IResult BadRequest(string detail, object? extensions = null) => Make(400, "ongeldig-verzoek", "Ongeldig verzoek", detail, extensions);

    /// <summary>409.</summary>
    public static IResult Conflict(string detail) => Make(409, "niet-toegestaan", "Nog niet toegestaan", detail);

    /// <summary>409 for an <c>Idempotency-Key</c> used before with another request.</summary>
    public static IResult IdempotencyConflict(string detail) => Make(409, "idempotency-key-hergebruikt", "Idempotency-Key al gebruikt", detail);

    /// <summary>422.</summary>
    public static IResult Unprocessable(string detail, object? extensions = null) => Make(422, "ongeldig-dossier", "Ongeldig dossier", detail, extensions);

    /// <summary>422 for an ontvangstbevestiging whose check failed.</summary>
    public static IResult InvalidReceipt(string detail) => Make(422, "ongeldige-bevestiging", "Ongeldige ontvangstbevestiging", detail);

    private static IResult Make(int status, string type, string title, string detail, object? extensions = null)
    {
        var dictionary = new Dictionary<string, object?>();
        if (extensions is not null) dictionary["meldingen"] = extensions;
        return Results.Problem(detail: detail, statusCode: status, title: title, type: "urn:oso:probleem:" + type, extensions: dictionary);
    }
}
