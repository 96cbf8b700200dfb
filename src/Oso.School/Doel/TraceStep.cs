using System.Text.Json;
using Oso.Protocol.Results;

namespace Oso.School.Doel;

/// <summary>
/// One step of a transfer as both schools can follow it: when, what, with whom, the result and — when something
/// failed — who must do what. Never personal data.
/// </summary>
/// <param name="At">When.</param>
/// <param name="Stap">What (Dutch).</param>
/// <param name="Partij">With whom (Traffic Center, the bron school and its aanleverpunt).</param>
/// <param name="Resultaat">The result code, if any.</param>
/// <param name="Toelichting">A Dutch explanation, including who must act.</param>
/// <param name="Aanleverpunt">The aanleverpunt concerned, if any.</param>
/// <param name="Geslaagd">Whether the step succeeded.</param>
public sealed record TraceStep(DateTimeOffset At, string Stap, string Partij, string? Resultaat, string Toelichting, string? Aanleverpunt, bool Geslaagd)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>A step with a result code (its Dutch explanation included).</summary>
    public static TraceStep For(DateTimeOffset at, string stap, string partij, ResultaatCode code, string? aanleverpunt = null) =>
        new(at, stap, partij, code.ToString(), code.Info().Toelichting, aanleverpunt, code is ResultaatCode.OverdrachtGeslaagd
            || code.Info().IsBevestiging);

    /// <summary>Reads a stored trace.</summary>
    public static List<TraceStep> Parse(string json) => JsonSerializer.Deserialize<List<TraceStep>>(json, Json) ?? [];

    /// <summary>Writes a trace.</summary>
    public static string Write(IEnumerable<TraceStep> steps) => JsonSerializer.Serialize(steps, Json);
}
