using System.Text.RegularExpressions;
using Oso.Protocol.Results;
using Oso.School.Doel;

namespace Oso.School.Portal.Doel;

/// <summary>
/// A request's trace as the requesting school's staff read it. The stored trace (also what the LAS API returns) speaks
/// the protocol's language — "Doelschool", result codes, "Actie voor de bronschool"; here the codes become words for
/// this school ("u moet …", "de vorige school moet …") and identifiers go behind "details".
/// </summary>
public static partial class TraceWoorden
{
    /// <summary>The party in words: "Uw school (92VO)", "Vorige school 91PO", "Traffic Center".</summary>
    public static string Partij(TraceStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (Bron().Match(step.Partij) is { Success: true } bron) return "Vorige school " + bron.Groups["brin"].Value;
        if (Doel().Match(step.Partij) is { Success: true } doel) return $"Uw school ({doel.Groups["brin"].Value})";
        return step.Partij;
    }

    /// <summary>The explanation with every result code's text replaced by its text for the requesting school.</summary>
    public static string Toelichting(TraceStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var text = Sessie().Replace(step.Toelichting, "Sessie toegekend");
        text = Afgemeld().Replace(text, m => Resultaten.TryParse(m.Groups["code"].Value, out var c)
            ? $"Afgemeld bij het Traffic Center met als uitkomst: {c.Kort()}."
            : m.Value);
        foreach (var info in Resultaten.Alle)
            if (text.Contains(info.Toelichting, StringComparison.Ordinal))
                text = text.Replace(info.Toelichting, info.Code.Uitleg(Betrokkene.Doelschool), StringComparison.Ordinal);
        return text;
    }

    /// <summary>What stays for the supplier: the result code, the Traffic Center session and the aanleverpunt.</summary>
    public static string? Technisch(TraceStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var sessie = Sessie().Match(step.Toelichting);
        var parts = new[]
        {
            step.Resultaat,
            sessie.Success ? "sessie " + sessie.Groups["id"].Value : null,
            step.Aanleverpunt is null ? null : "aanleverpunt " + step.Aanleverpunt,
        }.OfType<string>().ToList();
        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    [GeneratedRegex(@"^Bronschool (?<brin>\S+)")]
    private static partial Regex Bron();

    [GeneratedRegex(@"^Doelschool (?<brin>\S+)")]
    private static partial Regex Doel();

    [GeneratedRegex(@"Sessie (?<id>[0-9a-fA-F-]{36}) toegekend")]
    private static partial Regex Sessie();

    [GeneratedRegex(@"Afgemeld met beste resultaat (?<code>\w+)\.")]
    private static partial Regex Afgemeld();
}
