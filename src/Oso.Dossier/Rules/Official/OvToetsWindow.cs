using Oso.Dossier.Rules.Evaluation;
using Oso.Dossier.Rules.Xpath;
using Oso.Dossier.Xml;

namespace Oso.Dossier.Rules.Official;

/// <summary>
/// OVa.TR04, the <c>od:toets</c> template of the OV stylesheet: in a POVO overstap only tests of the current
/// and the two previous school years (1 August – 31 July) may be present, relative to <c>metadata/datum</c>.
/// </summary>
/// <remarks>
/// Exactly as the stylesheet computes it:
/// <code>
/// documentdatum   := xs:date(//od:metadata/od:datum)
/// beginSchooljaar := xs:date(concat(year-from-date(documentdatum), '-08-01'))
/// vanaf           := (year − 3 if documentdatum lt beginSchooljaar, else year − 2) || '-08-01'
/// fires when $typeOverstap='POVO' and od:afname[xs:date(od:afnamedatum) lt xs:date(vanaf)]
/// </code>
/// The processor evaluates the three variables on entering the template, whatever the profile: a missing,
/// repeated or invalid <c>metadata/datum</c> — or a year that makes an invalid boundary date (below 1000) —
/// aborts the run. The afname dates are cast one by one, stopping at the first that is too old. Because the
/// <c>od:leerling</c> template does not descend, the rule only reaches a <c>toets</c> outside any leerling.
/// No clock is read: the window hangs on the dossier's own date.
/// </remarks>
internal static class OvToetsWindow
{
    private const int Phase = RuleRun.TemplatePhase;

    public static readonly OfficialRule TR04 = new("OVa.TR04",
        "Alleen toetsen uit het huidige en twee voorgaande schooljaren mogen aanwezig zijn in de POVO-overstap.", OfficialRuleSource.Overstapprofielen);

    public static void Apply(XmlElementNode toets, RuleRun run)
    {
        if (!TryEarliestAllowed(toets, run, out var vanaf)) return;
        if ((run.Facts.Overstap & OverstapFlags.Povo) == 0) return;
        foreach (var afname in toets.Elements)
        {
            if (afname.LocalName != "afname" || !Od.InNamespace(afname)) continue;
            var n = Od.Count(afname, "afnamedatum", out var datum);
            if (n == 0) continue;
            if (n > 1)
            {
                run.Fail(Phase, afname, $"'afnamedatum' komt {n} keer voor waar de regel OVa.TR04 één datum verwacht");
                return;
            }
            var text = Od.StringValue(datum!);
            if (!XsDate.TryParse(text, out var afgenomen))
            {
                run.Fail(Phase, datum!, $"'{XsText.Quote(text)}' is geen geldige datum (JJJJ-MM-DD)");
                return;
            }
            if (XsDate.LessThan(afgenomen, vanaf))
            {
                run.Report(TR04, toets);
                return;
            }
        }
    }

    /// <summary>The first day of the oldest allowed school year; false (and the run failed) where the stylesheet raises an error.</summary>
    public static bool TryEarliestAllowed(XmlElementNode toets, RuleRun run, out XsDate vanaf)
    {
        vanaf = default;
        var datums = run.Facts.MetadataDatums;
        if (datums.Count != 1)
        {
            run.Fail(Phase, datums.Count == 0 ? toets : datums[1], datums.Count == 0
                ? "voor de toetsdatumregel OVa.TR04 is 'metadata/datum' nodig, maar die ontbreekt"
                : $"'metadata/datum' komt {datums.Count} keer voor; de toetsdatumregel OVa.TR04 verwacht één datum");
            return false;
        }
        var text = Od.StringValue(datums[0]);
        if (!XsDate.TryParse(text, out var documentdatum))
        {
            run.Fail(Phase, datums[0], $"'{XsText.Quote(text)}' is geen geldige datum (JJJJ-MM-DD)");
            return false;
        }
        if (!XsDate.TryFirstOfAugust(documentdatum.Year, out var beginSchooljaar))
        {
            run.Fail(Phase, datums[0], $"het jaar van '{XsText.Quote(text)}' geeft geen geldige schooljaargrens voor de toetsdatumregel OVa.TR04");
            return false;
        }
        var year = documentdatum.Year - (XsDate.LessThan(documentdatum, beginSchooljaar) ? 3 : 2);
        if (!XsDate.TryFirstOfAugust(year, out vanaf))
        {
            run.Fail(Phase, datums[0], $"het jaar van '{XsText.Quote(text)}' geeft geen geldige schooljaargrens voor de toetsdatumregel OVa.TR04");
            return false;
        }
        return true;
    }
}
