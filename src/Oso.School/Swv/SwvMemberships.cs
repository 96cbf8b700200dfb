using System.Text.Json;
using Oso.School.Audit;
using Oso.School.Protocol;

namespace Oso.School.Swv;

/// <summary>A samenwerkingsverband the school belongs to, as Central's register gives it.</summary>
/// <param name="Brin">Its BRIN code.</param>
/// <param name="Naam">Its name.</param>
/// <param name="SwvCode">Its own code, if registered.</param>
/// <param name="Regio">Its region, if registered.</param>
/// <param name="Bereikbaar">Whether it can receive an SWV dossier today.</param>
/// <param name="Waarom">Why not (Dutch), when it cannot.</param>
public sealed record SwvChoice(string Brin, string Naam, string? SwvCode, string? Regio, bool Bereikbaar, string? Waarom);

/// <summary>The school's samenwerkingsverbanden, or why Central did not give them.</summary>
/// <param name="Keuzes">The list (empty when not fetched).</param>
/// <param name="Fout">Why the list could not be fetched (Dutch), or null.</param>
public sealed record SwvChoices(IReadOnlyList<SwvChoice> Keuzes, string? Fout);

/// <summary>
/// Asks Central's register, as the system that serves the school (mutual TLS), which samenwerkingsverbanden the school
/// belongs to (<c>GET /oso/register/swv/{brin}</c>): staff choose from these when they send an SWV dossier. Asked each
/// time, not cached: membership and qualification change, and a stale list would offer an SWV the Traffic Center refuses.
/// </summary>
public sealed class SwvMemberships(NodeConnections connections)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record Answer(List<SwvChoice>? Samenwerkingsverbanden);

    /// <summary>The address for <paramref name="brin"/> on Central's protocol listener.</summary>
    public Uri Address(string brin) => new(connections.TrafficCenter, "/oso/register/swv/" + Uri.EscapeDataString(brin));

    /// <summary>The samenwerkingsverbanden of <paramref name="brin"/>, or why they could not be fetched.</summary>
    public async Task<SwvChoices> ForSchoolAsync(string brin, CancellationToken cancellationToken = default)
    {
        var (status, body) = await connections.SendAsync(HttpMethod.Get, Address(brin), null, cancellationToken).ConfigureAwait(false);
        if (status is null) return new([], "Central is nu niet bereikbaar, dus de samenwerkingsverbanden van de school zijn niet op te halen. Probeer het over een paar minuten opnieuw.");
        if (status is not 200)
            return new([], $"Central gaf de samenwerkingsverbanden van de school niet (HTTP {status}): {AuditAnchoring.ProblemDetail(body)} Actie voor de beheerder: controleer het mandaat van dit systeem in Mijn OSO.");
        try
        {
            var answer = JsonSerializer.Deserialize<Answer>(body, Json);
            var list = (answer?.Samenwerkingsverbanden ?? []).Where(s => s is not null && Dossier.Identifiers.Brin.TryParse(s.Brin, out _)).ToList();
            return new(list, null);
        }
        catch (JsonException)
        {
            return new([], "Het antwoord van Central met de samenwerkingsverbanden is onleesbaar. Probeer het later opnieuw.");
        }
    }
}
