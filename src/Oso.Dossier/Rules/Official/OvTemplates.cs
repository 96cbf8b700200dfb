using Oso.Dossier.Rules.Evaluation;
using Oso.Dossier.Rules.Xpath;
using Oso.Dossier.Xml;

namespace Oso.Dossier.Rules.Official;

/// <summary>
/// The templates of <c>OV/ValideerOverstapprofielen.xsl</c> except <c>od:leerling</c> (<see cref="OvLeerling"/>).
/// "Overstapdossier" rules (OVa.*) apply when <c>$typeDocument='overstapdossier'</c>, binnen-BRIN rules (OVb.*)
/// when it is <c>'overdrachtbinnenbrin'</c>. The <c>od:leerling</c> template does not call
/// <c>xsl:apply-templates</c>, so the templates for verzorger, overstapadvies, eindtoets, toets, resultaat,
/// toetsscore and score only ever fire for such elements outside a leerling.
/// </summary>
internal static class OvTemplates
{
    private const int Phase = RuleRun.TemplatePhase;

    private static OfficialRule Rule(string code, string tekst) => new(code, tekst, OfficialRuleSource.Overstapprofielen);

    public static readonly OfficialRule IZ01 = Rule("OVa.IZ01", "Een overstapdossier moet het gegevensblok 'Inzage' bevatten.");
    // OVa.MD01 is also OVb.MD01, OVa.MD02 also OVb.MD02, OVa.OS03 also OVb.OS01: one test each
    public static readonly OfficialRule MD01 = Rule("OVa.MD01", "Het dossier voor overstap en overdracht-binnen-brin moet een LAS deel bevatten, en mag niet alleen een LVS of TIB deel bevatten.");
    public static readonly OfficialRule MD02 = Rule("OVa.MD02", "De validatieversie is niet correct voor deze versie van de validatie XSLT.");
    public static readonly OfficialRule OS03 = Rule("OVa.OS03", "Het veld Soort overdracht heeft waarde \"overstapdossier\" of \"overdrachtbinnenbrin\".");
    public static readonly OfficialRule MD03 = Rule("OVa.MD03", "Een overstapdossier moet het blok \"Categorie uitlevering\" bevatten.");
    public static readonly OfficialRule OS01 = Rule("OVa.OS01", "Een overstapdossier moet de aanduiding voor soort overstap bevatten.");
    public static readonly OfficialRule OS02 = Rule("OVa.OS02", "Het veld 'Soort overstap' heeft waarde \"POPO\", \"POVO\" of \"VOVO\" binnen een overstapdossier.");
    public static readonly OfficialRule BbMD03 = Rule("OVb.MD03", "Een binnen-brin dossier moet het blok \"Categorie uitlevering\" bevatten.");
    public static readonly OfficialRule IZ02 = Rule("OVa.IZ02", "Elk overstapdossier moet zijn ingezien door ouders/verzorgers, ofwel het veld 'Inzage ouders' moet waarde \"Ja\" (true) bevatten.");
    public static readonly OfficialRule IZ03 = Rule("OVa.IZ03", "In overstapdossier is 'Inzagedatum' verplicht als er inzage is geweest.");
    public static readonly OfficialRule IZ04 = Rule("OVa.IZ04", "In overstapdossier is de indicatie of ouders het wel of niet eens zijn met de inhoud verplicht als er inzage is geweest.");
    public static readonly OfficialRule IZ05 = Rule("OVa.IZ05", "Het veld 'Toestemming' is verplicht bij een VOVO-overstap.");
    public static readonly OfficialRule SL01 = Rule("OVa.SL01", "In een overstapdossier is minimaal één adres verplicht bij een school.");
    public static readonly OfficialRule SL02 = Rule("OVa.SL02", "In een overstapdossier is minimaal één set communicatiegegevens verplicht bij een school.");
    public static readonly OfficialRule OV03 = Rule("OVa.OV03", "Indien het adres van de verzorger geheim, is ieder verzorgeradres in overstapdossier verboden.");
    public static readonly OfficialRule BbOV01 = Rule("OVb.OV01", "Indien een adres van verzorger geheim, is ieder verzorgeradres in overdracht-binnen-brin verboden.");
    public static readonly OfficialRule OA02 = Rule("OVa.OA02", "Advies VO is verplicht bij een POVO-overstap, SO-scholen uitgezonderd.");
    public static readonly OfficialRule OA03 = Rule("OVa.OA03", "De aanduiding of contact wel of niet nodig is, is verplicht in een overstapdossier.");
    public static readonly OfficialRule OA04 = Rule("OVa.OA04", "In overstapdossier is Contactpersoon verplicht als contact nodig is.");
    public static readonly OfficialRule OA05 = Rule("OVa.OA05", "In overstapdossier is Telefoonnummer verplicht als contact nodig is.");
    public static readonly OfficialRule EB02 = Rule("OVa.EB02", "Indien leerling heeft deelgenomen aan de eindtoets basisonderwijs moet het blok 'eindtoets' aanwezig zijn.");
    public static readonly OfficialRule EB03 = Rule("OVa.EB03", "Indien leerling niet heeft deelgenomen aan de eindtoets basisonderwijs moet binnen eindtoets het 'Soort eindtoets' aanwezig zijn.");
    public static readonly OfficialRule EB03Ontheffing = Rule("OVa.EB03.Ontheffing", "Indien leerling ontheffing heeft voor deelname aan de eindtoets basisonderwijs moet binnen eindtoets het 'Soort eindtoets' aanwezig zijn.");
    public static readonly OfficialRule EB04 = Rule("OVa.EB04", "Indien leerling heeft deelgenomen aan de eindtoets basisonderwijs moet het veld 'Toetsadvies' aanwezig zijn.");
    public static readonly OfficialRule TR05 = Rule("OVa.TR05", "Een toetsresultaat moet minimaal een score, een referentiescore of een bijlage bevatten.");
    // "vaardigeheidsscore" (sic)
    public static readonly OfficialRule TR06 = Rule("OVa.TR06", "Een toetsscore moet minimaal het aantal opgaven, het aantal goed, het aantal fout, het aantal gelezen, de tijd of de vaardigeheidsscore bevatten.");
    public static readonly OfficialRule CL01 = Rule("OVa.CL01", "Een score moet minimaal een waarde of een kwalificatie bevatten.");

    /// <summary>The templates, by pattern.</summary>
    public static IReadOnlyList<Template> All { get; } =
    [
        new("dossier", true, Dossier),
        new("metadata", false, Metadata, onlyUnderDossier: true),
        new("inzage", true, Inzage, onlyUnderDossier: true),
        new("huidigeschool", true, Huidigeschool),
        new("leerling", false, OvLeerling.Apply),
        new("verzorger", true, Verzorger),
        new("overstapadvies", true, Overstapadvies),
        new("eindtoets_basisonderwijs", true, Eindtoets),
        new("toets", true, OvToetsWindow.Apply),
        new("resultaat", true, Resultaat),
        new("toetsscore", true, Toetsscore),
        new("score", true, Score),
    ];

    /// <summary>Every rule of the stylesheet, in its order.</summary>
    public static IEnumerable<OfficialRule> Rules =>
    [
        MD01, MD02, OS03, MD03, OS01, OS02, BbMD03, IZ01, IZ02, IZ03, IZ04, IZ05, SL01, SL02, .. OvLeerling.Rules,
        OV03, BbOV01, OA02, OA03, OA04, OA05, EB02, EB03, EB03Ontheffing, EB04, OvToetsWindow.TR04, TR05, TR06, CL01,
    ];

    private static void Dossier(XmlElementNode e, RuleRun run)
    {
        if (run.Facts.IsOverstapdossier && !run.Facts.DossierHasInzage) run.Report(IZ01, e);
    }

    private static void Metadata(XmlElementNode e, RuleRun run)
    {
        var f = run.Facts;
        if (!f.HeeftLas) run.Report(MD01, e);
        if (!Od.AnyValue(e, "validatieversie", "2019.1.1")) run.Report(MD02, e);
        if (!f.IsOverstapdossier && !f.IsBinnenBrin) run.Report(OS03, e);
        if (f.IsOverstapdossier && !Od.Has(e, "categorie_uitlevering")) run.Report(MD03, e);
        if (f.IsOverstapdossier && !Od.Has(e, "overstap")) run.Report(OS01, e);
        if (f.IsOverstapdossier && (f.Overstap & (OverstapFlags.Popo | OverstapFlags.Povo | OverstapFlags.Vovo)) == 0) run.Report(OS02, e);
        if (f.IsBinnenBrin && !Od.Has(e, "categorie_uitlevering")) run.Report(BbMD03, e);
    }

    private static void Inzage(XmlElementNode e, RuleRun run)
    {
        var f = run.Facts;
        if (f.IsOverstapdossier && InzageOudersValue(run) != true) run.Report(IZ02, e);
        if (f.IsOverstapdossier && run.Boolean(Phase, e, "inzage") == true && !Od.Has(e, "inzagedatum")) run.Report(IZ03, e);
        if (f.IsOverstapdossier && run.Boolean(Phase, e, "inzage") == true && !Od.Has(e, "akkoord")) run.Report(IZ04, e);
        if (f.IsOverstapdossier && (f.Overstap & OverstapFlags.Vovo) != 0 && !Od.Has(e, "toestemming")) run.Report(IZ05, e);
    }

    // xs:boolean(//od:inzage/od:inzage): over the whole document, not this block
    private static bool? InzageOudersValue(RuleRun run)
    {
        var all = run.Facts.InzageInzages;
        if (all.Count == 0) return null;
        if (all.Count > 1)
        {
            run.Fail(Phase, all[1], $"'inzage/inzage' komt {all.Count} keer voor in het document; de regel OVa.IZ02 verwacht één waarde");
            return null;
        }
        var text = Od.StringValue(all[0]);
        if (XsText.TryParseBoolean(text, out var value)) return value;
        run.Fail(Phase, all[0], $"'{XsText.Quote(text)}' is geen geldige booleaanse waarde (true, false, 1 of 0)");
        return null;
    }

    private static void Huidigeschool(XmlElementNode e, RuleRun run)
    {
        if (run.Facts.IsOverstapdossier && !Od.Has(e, "adreslijst", "adres")) run.Report(SL01, e);
        if (run.Facts.IsOverstapdossier && !Od.Has(e, "communicatielijst", "communicatie")) run.Report(SL02, e);
    }

    private static void Verzorger(XmlElementNode e, RuleRun run)
    {
        var f = run.Facts;
        if (f.IsOverstapdossier && run.Boolean(Phase, e, "adresgeheim") == true && Od.Has(e, "adreslijst", "adres")) run.Report(OV03, e);
        if (f.IsBinnenBrin && run.Boolean(Phase, e, "adresgeheim") == true && Od.Has(e, "adreslijst", "adres")) run.Report(BbOV01, e);
    }

    private static void Overstapadvies(XmlElementNode e, RuleRun run)
    {
        var f = run.Facts;
        if (f.IsOverstapdossier && (f.Overstap & OverstapFlags.Povo) != 0 && !f.SoortSchoolSo && !Od.Has(e, "advies")) run.Report(OA02, e);
        if (f.IsOverstapdossier && !Od.Has(e, "contactnodig")) run.Report(OA03, e);
        if (f.IsOverstapdossier && run.Boolean(Phase, e, "contactnodig") == true && !Od.Has(e, "contactpersoon")) run.Report(OA04, e);
        if (f.IsOverstapdossier && run.Boolean(Phase, e, "contactnodig") == true && !Od.Has(e, "contacttelefoon")) run.Report(OA05, e);
    }

    private static void Eindtoets(XmlElementNode e, RuleRun run)
    {
        var os = run.Facts.IsOverstapdossier;
        if (os && run.Boolean(Phase, e, "deelgenomen") == true && !Od.Has(e, "eindtoetsresultaat")) run.Report(EB02, e);
        if (os && run.Boolean(Phase, e, "deelgenomen") != true && !Od.Has(e, "eindtoetsresultaat", "toetssoort")) run.Report(EB03, e);
        if (os && run.Boolean(Phase, e, "wettelijke_ontheffing") == true && !Od.Has(e, "eindtoetsresultaat", "toetssoort")) run.Report(EB03Ontheffing, e);
        if (os && run.Boolean(Phase, e, "deelgenomen") == true && !Od.Has(e, "eindtoetsresultaat", "toets_advies")) run.Report(EB04, e);
    }

    private static void Resultaat(XmlElementNode e, RuleRun run)
    {
        if (run.Facts.IsOverstapdossier && !Od.Has(e, "toetsscore") && !Od.Has(e, "referentiescore") && !Od.Has(e, "document")) run.Report(TR05, e);
    }

    private static void Toetsscore(XmlElementNode e, RuleRun run)
    {
        if (run.Facts.IsOverstapdossier && !HasAnyScore(e)) run.Report(TR06, e);
    }

    private static void Score(XmlElementNode e, RuleRun run)
    {
        if (run.Facts.IsOverstapdossier && !Od.Has(e, "waarde") && !Od.Has(e, "kwalificatie")) run.Report(CL01, e);
    }

    /// <summary>The toetsscore content that OVa.TR06 and PaO.TR02 accept.</summary>
    internal static bool HasAnyScore(XmlElementNode e) =>
        Od.Has(e, "aantalopgaven") || Od.Has(e, "aantalgoed") || Od.Has(e, "aantalfout")
        || Od.Has(e, "aantalgelezen") || Od.Has(e, "tijd") || Od.Has(e, "vaardigheidsscore");
}
