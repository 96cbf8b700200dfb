using Oso.Dossier.Rules;
using Oso.Dossier.Validation;

namespace Oso.Testing.Mutations;

/// <summary>
/// Compares our official-rule meldingen with the official XSLT's for one document: the same Fout meldingen
/// (locatie and tekst), in the same order. Where the official run aborts with a dynamic error ("XSLT error",
/// empty locatie) we must report exactly one <see cref="OfficialRules.AbortCode"/> melding and nothing else.
/// </summary>
public static class RuleComparison
{
    private const string XsltError = "XSLT error";

    /// <summary>The differences from the official tool's verdict, each as one line; empty when both agree.</summary>
    public static IReadOnlyList<string> Differences(IReadOnlyList<OfficialMelding> official, IReadOnlyList<Melding> ours) =>
        Differences(official.Any(m => m.Tekst.StartsWith(XsltError, StringComparison.Ordinal)), official, ours);

    /// <summary>The differences from a <see cref="XsltBatch"/> outcome, each as one line; empty when both agree.</summary>
    public static IReadOnlyList<string> Differences(XsltOutcome official, IReadOnlyList<Melding> ours) =>
        Differences(official.Aborted, official.Aborted ? [new OfficialMelding("Fout", "", XsltError)] : official.Rules, ours);

    private static IReadOnlyList<string> Differences(bool officialAborts, IReadOnlyList<OfficialMelding> official, IReadOnlyList<Melding> ours)
    {
        var theirs = official.Where(m => m.Type == "Fout").Select(m => (m.Locatie, m.Tekst)).ToList();
        var mine = ours.Where(m => m.IsFout).ToList();
        var weAbort = mine.Any(m => m.Code == OfficialRules.AbortCode);
        if (officialAborts || weAbort)
        {
            if (officialAborts && weAbort && theirs.Count == 1 && mine.Count == 1) return [];
            return [$"abort: official {(officialAborts ? "aborts" : "does not abort")} ({Describe(theirs)}); ours {(weAbort ? "aborts" : "does not abort")} ({Describe(mine.Select(m => (m.Locatie, m.Tekst)))})"];
        }

        var our = mine.Select(m => (m.Locatie, m.Tekst)).ToList();
        if (theirs.SequenceEqual(our)) return [];
        var differences = new List<string>();
        var missing = new List<(string, string)>(theirs);
        foreach (var m in our)
            if (!missing.Remove(m)) differences.Add($"only ours:     {m.Locatie} | {m.Tekst}");
        var extra = new List<(string, string)>(our);
        foreach (var m in theirs)
            if (!extra.Remove(m)) differences.Add($"only official: {m.Item1} | {m.Item2}");
        if (differences.Count == 0) differences.Add("same meldingen in another order");
        return differences;
    }

    private static string Describe(IEnumerable<(string Locatie, string Tekst)> meldingen)
    {
        var list = meldingen.ToList();
        return list.Count == 0 ? "no meldingen" : $"{list.Count} meldingen, first: {list[0].Locatie} | {list[0].Tekst}";
    }
}
