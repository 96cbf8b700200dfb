using System.Text.Json;
using System.Text.Json.Serialization;

namespace Oso.Conformance;

/// <summary>Which kind of implementation the kit tests.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ConformanceRol>))]
public enum ConformanceRol
{
    /// <summary>A Traffic Center: the kit acts as doel (and as bron for its own aanleverpunt).</summary>
    [JsonStringEnumMemberName("tc")] Tc,

    /// <summary>A bron aanleverpunt: the kit acts as doel, with its own doel identity.</summary>
    [JsonStringEnumMemberName("bron")] Bron,

    /// <summary>A doel system: its aanleverpunt (notificaties) and its transfers with the test school 00YY.</summary>
    [JsonStringEnumMemberName("doel")] Doel,
}

/// <summary>How a scenario went.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ScenarioStatus>))]
public enum ScenarioStatus
{
    /// <summary>The target behaved as docs/protocol.md says.</summary>
    [JsonStringEnumMemberName("passed")] Passed,

    /// <summary>It did not.</summary>
    [JsonStringEnumMemberName("failed")] Failed,

    /// <summary>Not run: what it needs was not given (an optional scenario), or an earlier step failed.</summary>
    [JsonStringEnumMemberName("skipped")] Skipped,
}

/// <summary>One scenario's outcome.</summary>
/// <param name="Id">Stable id, e.g. <c>bron.sessie.verkeerde-sleutel</c>.</param>
/// <param name="Titel">Dutch: what is checked.</param>
/// <param name="Paragraaf">The paragraph of docs/protocol.md it checks.</param>
/// <param name="Verplicht">Whether the report passes only when this scenario passes.</param>
/// <param name="Status">Passed, failed or skipped.</param>
/// <param name="Toelichting">Dutch: what was seen (on failure: what was expected instead).</param>
/// <param name="DuurMs">How long it took.</param>
public sealed record ScenarioUitslag(string Id, string Titel, string Paragraaf, bool Verplicht, ScenarioStatus Status, string Toelichting, long DuurMs);

/// <summary>The signature over a report: by the key of the system certificate the kit ran with.</summary>
/// <param name="Certificaat">The system certificate (PEM).</param>
/// <param name="Algoritme"><c>ES256</c> (ECDSA P-256, IEEE P1363) or <c>RS256</c> (RSA PKCS#1 v1.5), both over SHA-256.</param>
/// <param name="Handtekening">Base64 signature over the report's canonical JSON without this member.</param>
public sealed record Ondertekening(string Certificaat, string Algoritme, string Handtekening);

/// <summary>
/// The report of one run: JSON with <c>passed</c>, <c>failed</c>, <c>skipped</c> and one entry per scenario, signed
/// with the system certificate's key (<see cref="RapportOndertekening"/>), so Central can tell which system ran it and when.
/// </summary>
public sealed record ConformanceRapport
{
    /// <summary>The kit that wrote it.</summary>
    public string Kit { get; init; } = "openoso-conformance";

    /// <summary>The report format version.</summary>
    public int Versie { get; init; } = 1;

    /// <summary>The role tested.</summary>
    public required ConformanceRol Rol { get; init; }

    /// <summary>The URL tested.</summary>
    public required string Target { get; init; }

    /// <summary>The system id in the kit's client certificate (<c>urn:oso:systeem:&lt;id&gt;</c>).</summary>
    public string? Systeem { get; init; }

    /// <summary>When the run started.</summary>
    public required DateTimeOffset Gestart { get; init; }

    /// <summary>When it ended.</summary>
    public required DateTimeOffset Afgerond { get; init; }

    /// <summary>Every scenario, in the order run.</summary>
    public required IReadOnlyList<ScenarioUitslag> Scenarios { get; init; }

    /// <summary>Scenarios that passed.</summary>
    public int Passed => Scenarios.Count(s => s.Status == ScenarioStatus.Passed);

    /// <summary>Scenarios that failed.</summary>
    public int Failed => Scenarios.Count(s => s.Status == ScenarioStatus.Failed);

    /// <summary>Scenarios that were skipped.</summary>
    public int Skipped => Scenarios.Count(s => s.Status == ScenarioStatus.Skipped);

    /// <summary>True when every required scenario passed (the exit code is 0 exactly then).</summary>
    public bool Geslaagd => Scenarios.Count > 0 && Scenarios.Where(s => s.Verplicht).All(s => s.Status == ScenarioStatus.Passed);

    /// <summary>The signature, or null for an unsigned report.</summary>
    public Ondertekening? Ondertekening { get; init; }

    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    /// <summary>The report as JSON (UTF-8).</summary>
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>Reads a report; null when it is not one.</summary>
    public static ConformanceRapport? FromJson(ReadOnlySpan<byte> json)
    {
        try
        {
            var rapport = JsonSerializer.Deserialize<ConformanceRapport>(json, Json);
            return rapport is { Kit: "openoso-conformance", Scenarios: not null } ? rapport : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
