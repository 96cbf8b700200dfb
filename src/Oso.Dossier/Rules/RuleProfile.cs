namespace Oso.Dossier.Rules;

/// <summary>
/// Which official validation stylesheet applies. Both include the common gegevensset rules (code lists,
/// field values, categories); they differ in the profile rules.
/// </summary>
public enum RuleProfile
{
    /// <summary><c>OV/ValideerOverstapprofielen.xsl</c>: POPO, POVO, VOVO and overdracht-binnen-BRIN (rules OVa.*, OVb.*).</summary>
    OV,

    /// <summary><c>PaO/ValideerSwvPaO-profielen.xsl</c>: the SWV profiles POSWV and VOSWV (rules PaO.*).</summary>
    PaO,
}
