namespace Oso.Dossier.Rules;

/// <summary>Where an official rule is written.</summary>
public enum OfficialRuleSource
{
    /// <summary><c>common/ValideerOSOgegevensset.xsl</c>, included by both profile stylesheets.</summary>
    Gegevensset,

    /// <summary><c>OV/ValideerOverstapprofielen.xsl</c>.</summary>
    Overstapprofielen,

    /// <summary><c>PaO/ValideerSwvPaO-profielen.xsl</c>.</summary>
    SwvPaO,
}

/// <summary>
/// One check of the official validation stylesheets: a stable <see cref="Code"/> and the official Dutch
/// message, verbatim (the standard's own typos included, so that our output equals the official one).
/// </summary>
/// <param name="Code">
/// The rule id from the stylesheet's comments (<c>OVa.MD01</c>, <c>PaO.LL12</c>, <c>OG.04</c>, <c>OS.cat06</c>),
/// <c>CLn</c> for a code list check, with a suffix where one id covers several messages
/// (<c>OS.cat06.Verboden.voorschools</c>, <c>OG.04b</c>); see <see cref="OfficialRules"/> for the table.
/// </param>
/// <param name="Tekst">The official message.</param>
/// <param name="Source">The stylesheet that holds the rule.</param>
public sealed record OfficialRule(string Code, string Tekst, OfficialRuleSource Source);
