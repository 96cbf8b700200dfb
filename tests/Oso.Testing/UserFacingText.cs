using System.Net;
using System.Text.RegularExpressions;
using Xunit;

namespace Oso.Testing;

/// <summary>
/// The check that a page speaks words where words belong: outside a <c>details</c> element (where identifiers and codes
/// may wait for the LAS supplier), no result-code name (<c>LeerlinginfoNietBeschikbaar</c>), protocol message name
/// (<c>meldenNotificatie</c>), rule id (<c>OVa.IZ01</c>, <c>OS.cat02.Verplicht</c>, <c>CL2</c>, <c>EXTRA.…</c>), XPath location
/// (<c>/dossier[1]</c>, <c>/[1]</c>), GUID or ISO timestamp (<c>2026-11-29T04:11</c>) is visible.
/// </summary>
public static partial class UserFacingText
{
    /// <summary>The text a person sees in <paramref name="html"/>: no markup, no head, scripts, styles or <c>details</c> contents.</summary>
    public static string Visible(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var text = Hidden().Replace(html, " ");
        text = Tag().Replace(text, " ");
        return WebUtility.HtmlDecode(text);
    }

    /// <summary>What does not belong in visible text, each with a few characters around it.</summary>
    public static IReadOnlyList<string> Problems(string visibleText)
    {
        ArgumentNullException.ThrowIfNull(visibleText);
        return Patterns().SelectMany(p => p.Matches(visibleText))
            .Select(m => visibleText.Substring(Math.Max(0, m.Index - 30), Math.Min(visibleText.Length - Math.Max(0, m.Index - 30), m.Length + 60)).ReplaceLineEndings(" "))
            .ToList();
    }

    /// <summary>Fails when <paramref name="html"/> shows a code, rule id, GUID or timestamp where a word belongs.</summary>
    public static void AssertWords(string html, string where) => AssertVisibleWords(Visible(html), where);

    /// <summary>Fails when <paramref name="visibleText"/> (e.g. a browser's text of a page without its details elements) shows a code.</summary>
    public static void AssertVisibleWords(string visibleText, string where)
    {
        var problems = Problems(visibleText);
        Assert.True(problems.Count == 0, $"{where} shows codes where words belong: {string.Join(" | ", problems)}");
    }

    private static IEnumerable<Regex> Patterns() => [Guid(), RuleId(), XPath(), IsoTimestamp(), GluedCode(), ProtocolName()];

    [GeneratedRegex(@"<head\b.*?</head>|<script\b.*?</script>|<style\b.*?</style>|<details\b.*?</details>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Hidden();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b")]
    private static partial Regex Guid();

    [GeneratedRegex(@"\b(?:OVa|OVb|PaO|OG|EXTRA|XSD|XML|XSLT|BOUW|MODEL|BESTAND)\.[A-Za-z0-9]|\bOS\.cat\d|\bCL\d{1,2}\b")]
    private static partial Regex RuleId();

    [GeneratedRegex(@"/dossier\[\d+\]|/\[1\]")]
    private static partial Regex XPath();

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")]
    private static partial Regex IsoTimestamp();

    // result codes and status names glue three or more capitalised words: LeerlinginfoNietBeschikbaar, OverdrachtGeslaagd is two
    [GeneratedRegex(@"\b(?:[A-Z][a-z]+){3,}\b|\b(?:Overdracht|Sessie|Notificatie|Afmelding|Technische|Onbekend|Verstrekker|Geen|Niet|Ongeldig|Versie)[A-Z][a-z]+\b")]
    private static partial Regex GluedCode();

    [GeneratedRegex(@"\b(?:melden|document|overdracht|sessiecontrole|afmelding|notificatie|overzicht)[A-Z][A-Za-z]*\b")]
    private static partial Regex ProtocolName();
}
