using Oso.Dossier.Rules.Evaluation;
using Oso.Dossier.Rules.Xpath;
using Oso.Dossier.Xml;

namespace Oso.Dossier.Rules.Official;

/// <summary>
/// The templates of <c>PaO/ValideerSwvPaO-profielen.xsl</c> (POSWV, VOSWV): rules apply when
/// <c>$typeDocument='swv-dossier'</c>. Unlike the OV stylesheet, its <c>od:leerling</c> template descends,
/// so the verzorger, zorg, resultaat, toetsscore and score rules reach the pupil's data. The templates for
/// overstapadvies, eindtoets_basisonderwijs and toets only descend and are left to the built-in recursion.
/// </summary>
internal static class PaoTemplates
{
    private const int Phase = RuleRun.TemplatePhase;

    private static OfficialRule Rule(string code, string tekst) => new(code, tekst, OfficialRuleSource.SwvPaO);

    public static readonly OfficialRule MD01 = Rule("PaO.MD01", "Het dossier voor SWV-profielen moet een LAS deel bevatten, en mag niet alleen een LVS of TIB deel bevatten.");
    public static readonly OfficialRule MD02 = Rule("PaO.MD02", "De validatieversie is niet correct voor deze versie van de standaard.");
    public static readonly OfficialRule MD03 = Rule("PaO.MD03", "Een SWV-dossier moet het blok \"Categorie uitlevering\" bevatten.");
    public static readonly OfficialRule SO01 = Rule("PaO.SO01", "Een SWV-dossier moet de aanduiding voor soort overstap/dossier bevatten.");
    public static readonly OfficialRule SO02 = Rule("PaO.SO02", "Het veld 'Soort overstap/dossier' heeft waarde \"POSWV\" of \"VOSWV\" binnen een SWV-dossier.");
    public static readonly OfficialRule SO03 = Rule("PaO.SO03", "Een SWV-dossier moet de aanduiding \"swv-dossier\" voor soort overdracht bevatten.");
    public static readonly OfficialRule SL01 = Rule("PaO.SL01", "In een SWV-dossier is minimaal één adres verplicht bij een school.");
    public static readonly OfficialRule SL02 = Rule("PaO.SL02", "In een SWV-dossier is minimaal één set communicatiegegevens verplicht bij een school.");
    public static readonly OfficialRule OV03 = Rule("PaO.OV03", "Indien het adres van de verzorger geheim, is ieder verzorgeradres in SWV-dossier verboden.");
    public static readonly OfficialRule OV05 = Rule("PaO.OV05", "Voor een verzorger is een banknummer in SWV-dossier verboden.");
    public static readonly OfficialRule ZB01 = Rule("PaO.ZB01", "De gegevens van de leerling m.b.t. VIR (Verwijsindex jongeren) zijn verboden in een SWV-dossier.");
    public static readonly OfficialRule ZB02 = Rule("PaO.ZB02", "De gegevens van de leerling m.b.t. ZAT (Zorgadviesteam) zijn verboden in een SWV-dossier.");
    public static readonly OfficialRule TR01 = Rule("PaO.TR01", "Een toetsresultaat moet minimaal een score, een referentiescore of een bijlage bevatten.");
    // "oipgaven" and "vaardigeheidsscore" (sic)
    public static readonly OfficialRule TR02 = Rule("PaO.TR02", "Een toetsscore moet minimaal het aantal oipgaven, het aantal goed, het aantal fout, het aantal gelezen, de tijd of de vaardigeheidsscore bevatten.");
    public static readonly OfficialRule CL01 = Rule("PaO.CL01", "Een score moet minimaal een waarde of een kwalificatie bevatten.");

    /// <summary>The templates with checks, by pattern.</summary>
    public static IReadOnlyList<Template> All { get; } =
    [
        new("metadata", false, Metadata, onlyUnderDossier: true),
        new("huidigeschool", true, Huidigeschool),
        new("leerling", true, PaoLeerling.Apply),
        new("verzorger", true, Verzorger),
        new("zorg", true, Zorg),
        new("resultaat", true, Resultaat),
        new("toetsscore", true, Toetsscore),
        new("score", true, Score),
    ];

    /// <summary>Every rule of the stylesheet, in its order.</summary>
    public static IEnumerable<OfficialRule> Rules =>
        [MD01, MD02, MD03, SO01, SO02, SO03, SL01, SL02, .. PaoLeerling.Rules, OV03, OV05, ZB01, ZB02, TR01, TR02, CL01];

    private static void Metadata(XmlElementNode e, RuleRun run)
    {
        var f = run.Facts;
        var swv = f.IsSwvDossier;
        if (!f.HeeftLas) run.Report(MD01, e);
        if (swv && !Od.AnyValue(e, "validatieversie", "2019.1.1")) run.Report(MD02, e);
        if (swv && !Od.Has(e, "categorie_uitlevering")) run.Report(MD03, e);
        if (swv && !Od.Has(e, "overstap")) run.Report(SO01, e);
        if (swv && (f.Overstap & (OverstapFlags.Poswv | OverstapFlags.Voswv)) == 0) run.Report(SO02, e);
        if (!swv) run.Report(SO03, e);
    }

    private static void Huidigeschool(XmlElementNode e, RuleRun run)
    {
        if (run.Facts.IsSwvDossier && !Od.Has(e, "adreslijst", "adres")) run.Report(SL01, e);
        if (run.Facts.IsSwvDossier && !Od.Has(e, "communicatielijst", "communicatie")) run.Report(SL02, e);
    }

    private static void Verzorger(XmlElementNode e, RuleRun run)
    {
        var swv = run.Facts.IsSwvDossier;
        if (swv && run.Boolean(Phase, e, "adresgeheim") == true && Od.Has(e, "adreslijst", "adres")) run.Report(OV03, e);
        if (swv && Od.Has(e, "banknummer")) run.Report(OV05, e);
    }

    private static void Zorg(XmlElementNode e, RuleRun run)
    {
        if (run.Facts.IsSwvDossier && Od.Has(e, "vir")) run.Report(ZB01, e);
        if (run.Facts.IsSwvDossier && Od.Has(e, "zat")) run.Report(ZB02, e);
    }

    private static void Resultaat(XmlElementNode e, RuleRun run)
    {
        if (run.Facts.IsSwvDossier && !Od.Has(e, "toetsscore") && !Od.Has(e, "referentiescore") && !Od.Has(e, "document")) run.Report(TR01, e);
    }

    private static void Toetsscore(XmlElementNode e, RuleRun run)
    {
        if (run.Facts.IsSwvDossier && !OvTemplates.HasAnyScore(e)) run.Report(TR02, e);
    }

    private static void Score(XmlElementNode e, RuleRun run)
    {
        if (run.Facts.IsSwvDossier && !Od.Has(e, "waarde") && !Od.Has(e, "kwalificatie")) run.Report(CL01, e);
    }
}
