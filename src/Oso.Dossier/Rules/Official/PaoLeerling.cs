using Oso.Dossier.Rules.Evaluation;
using Oso.Dossier.Rules.Xpath;
using Oso.Dossier.Xml;

namespace Oso.Dossier.Rules.Official;

/// <summary>The <c>od:leerling</c> template of <c>PaO/ValideerSwvPaO-profielen.xsl</c>: PaO.LL*, PaO.VV*, PaO.EB01, PaO.OV01, PaO.VM*.</summary>
internal static class PaoLeerling
{
    private const int Phase = RuleRun.TemplatePhase;

    private static OfficialRule Rule(string code, string tekst) => new(code, tekst, OfficialRuleSource.SwvPaO);

    public static readonly OfficialRule LL01 = Rule("PaO.LL01", "In een SWV-dossier is minimaal één voornaam verplicht bij een leerling.");
    public static readonly OfficialRule LL02 = Rule("PaO.LL02", "In een SWV-dossier is de geboortedatum verplicht bij een leerling.");
    public static readonly OfficialRule LL03 = Rule("PaO.LL03", "In een SWV-dossier is de geboortemaand verboden bij een leerling.");
    public static readonly OfficialRule LL04 = Rule("PaO.LL04", "In een SWV-dossier is de indicatie 'adres geheim' verplicht bij een leerling.");
    public static readonly OfficialRule LL05 = Rule("PaO.LL05", "Minimaal één Nederlands of buitenlands adres is verplicht bij een leerling waarvan het adres niet geheim is.");
    public static readonly OfficialRule LL06 = Rule("PaO.LL06", "Indien een adres van leerling geheim, is ieder leerlingadres in SWV-dossier verboden.");
    public static readonly OfficialRule LL07 = Rule("PaO.LL07", "In een SWV-dossier is de postcode4-adres verboden bij een leerling.");
    public static readonly OfficialRule LL08Telefoon = Rule("PaO.LL08.Telefoon", "In een SWV-dossier is geheime communicatieinfo over telefoon verplicht middels de geheimwaarde \"9999999999\".");
    public static readonly OfficialRule LL08Email = Rule("PaO.LL08.Email", "In een SWV-dossier is geheime communicatieinfo over e-mail verplicht middels de geheimwaarde \"geheim@geheim.geheim\".");
    public static readonly OfficialRule LL09 = Rule("PaO.LL09", "Indien een adres van leerling geheim, is een buitenlands leerlingadres verboden.");
    public static readonly OfficialRule LL10 = Rule("PaO.LL10", "De geboorteplaats van de leerling is verboden in alle SWV-dossiers.");
    public static readonly OfficialRule LL11 = Rule("PaO.LL11", "De nationaliteit van de leerling is verboden in een SWV-dossier.");
    public static readonly OfficialRule LL12 = Rule("PaO.LL12", "BSN of onderwijsnummer is verboden bij een leerling in een SWV-dossier.");
    public static readonly OfficialRule VV01 = Rule("PaO.VV01", "Het veld \"Afkomstig van PSZ\" is niet toegestaan in een VO SWV-dossier.");
    public static readonly OfficialRule VV02 = Rule("PaO.VV02", "Het veld \"Naam van PSZ\" is niet toegestaan in een VO SWV-dossier.");
    public static readonly OfficialRule VV03 = Rule("PaO.VV03", "Voorschools is niet toegestaan in een VO SWV-dossier.");
    public static readonly OfficialRule VV04 = Rule("PaO.VV04", "Vroegschools is niet toegestaan in een VO SWV-dossier.");
    // the stylesheet gives this check the id of the school address rule, PaO.SL01; "SWV-dossier ." (sic)
    public static readonly OfficialRule SL01 = Rule("PaO.SL01.Leerling", "Minimaal één schoolloopbaan is verplicht bij een leerling in een SWV-dossier .");
    public static readonly OfficialRule EB01 = Rule("PaO.EB01", "Het blok \"Eindtoets basisonderwijs\" is niet toegestaan in een PO SWV-dossier.");
    public static readonly OfficialRule OV01 = Rule("PaO.OV01", "Minimaal één verzorger is verplicht in een SWV-dossier als de verzorgers aansprakelijk zijn.");
    public static readonly OfficialRule VM01 = Rule("PaO.VM01", "Het blok \"Bevorderd\" is niet toegestaan in een PO SWV-dossier.");
    public static readonly OfficialRule VM02 = Rule("PaO.VM02", "Het blok \"Examens en uitslagen\" is niet toegestaan in een PO SWV-dossier.");
    public static readonly OfficialRule VM03 = Rule("PaO.VM03", "Het blok \"VO vakresultaat\" is niet toegestaan in een PO SWV-dossier.");
    public static readonly OfficialRule VM04 = Rule("PaO.VM04", "Het blok \"Certificaat\" is niet toegestaan in een PO SWV-dossier.");
    public static readonly OfficialRule VM05 = Rule("PaO.VM05", "Het blok \"Competentie\" is niet toegestaan in een PO SWV-dossier.");
    public static readonly OfficialRule VM06 = Rule("PaO.VM06", "Het blok \"Stages\" is niet toegestaan in een PO SWV-dossier.");
    public static readonly OfficialRule VM07 = Rule("PaO.VM07", "Het blok \"Overige vo-mbo gegevens\" is niet toegestaan in een PO SWV-dossier.");

    /// <summary>Every rule, in the template's order.</summary>
    public static IEnumerable<OfficialRule> Rules =>
    [
        LL01, LL02, LL03, LL04, LL05, LL06, LL07, LL08Telefoon, LL08Email, LL09, LL10, LL11, LL12,
        VV01, VV02, VV03, VV04, SL01, EB01, OV01, VM01, VM02, VM03, VM04, VM05, VM06, VM07,
    ];

    // VO SWV: no peuterspeelzaal or VVE; PO SWV: none of the VO blocks
    private static readonly (string Element, OfficialRule Rule)[] NotInVoswv =
        [("vanpeuterspeelzaal", VV01), ("naampeuterspeelzaal", VV02), ("voorschools", VV03), ("vroegschools", VV04)];

    private static readonly (string Element, OfficialRule Rule)[] NotInPoswv =
        [("bevorderd", VM01), ("examenresultaat", VM02), ("resultaatvakkenvo", VM03), ("certificaat", VM04), ("competenties", VM05), ("stage", VM06), ("overigvombo", VM07)];

    public static void Apply(XmlElementNode l, RuleRun run)
    {
        var f = run.Facts;
        var swv = f.IsSwvDossier;
        var voswv = swv && (f.Overstap & OverstapFlags.Voswv) != 0;
        var poswv = swv && (f.Overstap & OverstapFlags.Poswv) != 0;
        if (swv && !Od.Has(l, "voornaam")) run.Report(LL01, l);
        if (swv && !Od.Has(l, "geboortedatum")) run.Report(LL02, l);
        if (swv && Od.Has(l, "geboortemaand")) run.Report(LL03, l);
        if (swv && !Od.Has(l, "adresgeheim")) run.Report(LL04, l);
        if (swv && !Od.Has(l, "adreslijst", "adres") && !Od.Has(l, "adresbuitenland") && run.Boolean(Phase, l, "adresgeheim") != true) run.Report(LL05, l);
        if (swv && run.Boolean(Phase, l, "adresgeheim") == true && Od.Has(l, "adreslijst", "adres")) run.Report(LL06, l);
        if (swv && Od.Has(l, "postcode4adres")) run.Report(LL07, l);
        if (swv) SecretCommunication.Check(run, LL08Telefoon, LL08Email);
        if (swv && run.Boolean(Phase, l, "adresgeheim") == true && Od.Has(l, "adresbuitenland")) run.Report(LL09, l);
        if (swv && Od.Has(l, "geboorteplaats")) run.Report(LL10, l);
        if (swv && Od.Has(l, "nationaliteit")) run.Report(LL11, l);
        if (swv && (Od.Has(l, "bsn") || Od.Has(l, "onderwijsnummer"))) run.Report(LL12, l);
        foreach (var (element, rule) in NotInVoswv)
            if (voswv && Od.Has(l, element)) run.Report(rule, l);
        if (swv && !Od.Has(l, "schoolloopbaanlijst", "schoolloopbaan")) run.Report(SL01, l);
        if (poswv && Od.Has(l, "eindtoets_basisonderwijs")) run.Report(EB01, l);
        if (swv && run.Boolean(Phase, l, "verzorgersaansprakelijk") == true && !Od.Has(l, "verzorger")) run.Report(OV01, l);
        foreach (var (element, rule) in NotInPoswv)
            if (poswv && Od.Has(l, element)) run.Report(rule, l);
    }
}
