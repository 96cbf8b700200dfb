using Oso.Dossier.Rules.Evaluation;

namespace Oso.Dossier.Rules.Official;

/// <summary>
/// Root-template checks whose context is the document node (locatie <c>/[1]</c>): code list 33 and the
/// category rules (<see cref="CategoryRules"/>).
/// </summary>
internal static class DocumentRules
{
    /// <summary>
    /// Code list 33: <c>not(//od:metadata/od:deeldossier/text()='LAS') and …</c> — fires once when no
    /// <c>deeldossier</c> text anywhere is LAS, LVS, LASLVS or TIB (also when there is none at all).
    /// </summary>
    public static readonly OfficialRule Deeldossier = new("CL33",
        "Het veld 'Deeldossier type' binnen metadata bevat een waarde die niet voorkomt in codelijst 33.", OfficialRuleSource.Gegevensset);

    public static void Evaluate(RuleRun run)
    {
        if (run.Facts.Deeldossier == DeeldossierFlags.None) run.ReportDocument(RootSlots.Deeldossier, Deeldossier);
        CategoryRules.Evaluate(run);
    }
}
