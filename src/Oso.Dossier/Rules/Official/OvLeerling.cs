using Oso.Dossier.Rules.Evaluation;
using Oso.Dossier.Rules.Xpath;
using Oso.Dossier.Xml;

namespace Oso.Dossier.Rules.Official;

/// <summary>
/// The <c>od:leerling</c> template of <c>OV/ValideerOverstapprofielen.xsl</c>: OVa.LL*, OVa.AI01, OVa.VV*,
/// OVa.OA01, OVa.OV01 and the binnen-BRIN OVb.LL*. It fires for every <c>od:leerling</c> the templates reach
/// (not for one inside another leerling or inside <c>dossier/metadata</c>) and does not descend further.
/// The secret-communication checks (OVa.LL08, OVb.LL04) loop over EVERY <c>communicatie</c> of the document,
/// once per leerling.
/// </summary>
internal static class OvLeerling
{
    private const int Phase = RuleRun.TemplatePhase;

    private static OfficialRule Rule(string code, string tekst) => new(code, tekst, OfficialRuleSource.Overstapprofielen);

    public static readonly OfficialRule LL01 = Rule("OVa.LL01", "In een overstapdossier is minimaal één voornaam verplicht bij een leerling.");
    public static readonly OfficialRule LL02 = Rule("OVa.LL02", "In een overstapdossier is de geboortedatum verplicht bij een leerling.");
    public static readonly OfficialRule LL03 = Rule("OVa.LL03", "In een overstapdossier is de geboortemaand verboden bij een leerling.");
    public static readonly OfficialRule LL04 = Rule("OVa.LL04", "In een overstapdossier is de indicatie 'adres geheim' verplicht bij een leerling.");
    public static readonly OfficialRule LL05 = Rule("OVa.LL05", "Minimaal één Nederlands of buitenlands adres is verplicht bij een leerling waarvan het adres niet geheim is.");
    public static readonly OfficialRule LL06 = Rule("OVa.LL06", "Indien een adres van leerling geheim, is ieder leerlingadres in overstapdossier verboden.");
    public static readonly OfficialRule LL07 = Rule("OVa.LL07", "In een overstapdossier is de postcode4-adres verboden bij een leerling.");
    public static readonly OfficialRule LL08Telefoon = Rule("OVa.LL08.Telefoon", "In een overstapdossier is geheime communicatieinfo over telefoon verplicht middels de geheimwaarde \"9999999999\".");
    public static readonly OfficialRule LL08Email = Rule("OVa.LL08.Email", "In een overstapdossier is geheime communicatieinfo over e-mail verplicht middels de geheimwaarde \"geheim@geheim.geheim\".");
    public static readonly OfficialRule LL09 = Rule("OVa.LL09", "Indien een adres van leerling geheim, is een buitenlands leerlingadres verboden.");
    public static readonly OfficialRule LL10 = Rule("OVa.LL10", "De geboorteplaats van de leerling is verboden in alle overstapdossiers.");
    public static readonly OfficialRule LL11 = Rule("OVa.LL11", "De nationaliteit van de leerling is verboden in een overstapdossier.");
    public static readonly OfficialRule LL12 = Rule("OVa.LL12", "BSN of onderwijsnummer is verplicht bij een leerling in een overstapdossier.");
    public static readonly OfficialRule LL13 = Rule("OVa.LL13", "De code van de leerling in de schooladministratie is verplicht in een POVO-overstapdossier.");
    public static readonly OfficialRule LL14 = Rule("OVa.LL14", "Inschrijfdatum is verplicht bij een leerling in een overstapdossier.");
    public static readonly OfficialRule LL15 = Rule("OVa.LL15", "De aanduiding of verzorgers wel of niet aansprakelijk zijn is verplicht in een overstapdossier.");
    public static readonly OfficialRule AI01Popo = Rule("OVa.AI01.POPO", "Aansprakelijke instelling is verplicht in een POPO-overstapdossier als de verzorgers niet aansprakelijk zijn.");
    public static readonly OfficialRule AI01Povo = Rule("OVa.AI01.POVO", "Aansprakelijke instelling is verplicht in een POVO-overstapdossier als de verzorgers niet aansprakelijk zijn.");
    public static readonly OfficialRule VV01 = Rule("OVa.VV01", "Voorschools is alleen toegestaan bij een POPO-overstap.");
    public static readonly OfficialRule VV02 = Rule("OVa.VV02", "Vroegschools is alleen toegestaan bij een POPO-overstap.");
    // the stylesheet gives this check the id of the school address rule, OVa.SL01
    public static readonly OfficialRule SL01 = Rule("OVa.SL01.Leerling", "Minimaal één schoolloopbaan is verplicht bij een leerling in een overstapdossier.");
    public static readonly OfficialRule OA01 = Rule("OVa.OA01", "Een overstapdossier moet het gegevensblok 'Overstapadvies' bevatten.");
    public static readonly OfficialRule OV01 = Rule("OVa.OV01", "Minimaal één verzorger is verplicht in een overstapdossier als de verzorgers aansprakelijk zijn.");
    public static readonly OfficialRule BbLL01 = Rule("OVb.LL01", "In een overdracht-binnen-brin is de geboortemaand verboden bij een leerling.");
    public static readonly OfficialRule BbLL02 = Rule("OVb.LL02", "Indien een adres van leerling geheim, is ieder leerlingadres in overdracht-binnen-brin verboden.");
    public static readonly OfficialRule BbLL03 = Rule("OVb.LL03", "In een overdracht-binnen-brin is de postcode4-adres verboden bij een leerling.");
    public static readonly OfficialRule BbLL04Telefoon = Rule("OVb.LL04.Telefoon", "In een overdracht-binnen-brin is geheime communicatieinfo over telefoon verplicht middels de geheimwaarde \"9999999999\".");
    public static readonly OfficialRule BbLL04Email = Rule("OVb.LL04.Email", "In een overdracht-binnen-brin is geheime communicatieinfo over e-mail verplicht middels de geheimwaarde \"geheim@geheim.geheim\".");
    public static readonly OfficialRule BbLL05 = Rule("OVb.LL05", "Indien een adres van leerling geheim, is een buitenlands leerlingadres in overdracht-binnen-brin verboden.");
    // the stylesheet numbers these two "OVb.LL??"; we number them on
    public static readonly OfficialRule BbLL06 = Rule("OVb.LL06", "De geboorteplaats van de leerling is verboden in een overstapdossier, dus ook voor overdracht-binnen-brin.");
    public static readonly OfficialRule BbLL07 = Rule("OVb.LL07", "De nationaliteit van de leerling is verboden in een overstapdossier, dus ook voor overdracht-binnen-brin.");

    /// <summary>Every rule, in the template's order.</summary>
    public static IEnumerable<OfficialRule> Rules =>
    [
        LL01, LL02, LL03, LL04, LL05, LL06, LL07, LL08Telefoon, LL08Email, LL09, LL10, LL11, LL12, LL13, LL14, LL15,
        AI01Popo, AI01Povo, VV01, VV02, SL01, OA01, OV01, BbLL01, BbLL02, BbLL03, BbLL04Telefoon, BbLL04Email, BbLL05, BbLL06, BbLL07,
    ];

    public static void Apply(XmlElementNode l, RuleRun run)
    {
        var f = run.Facts;
        var os = f.IsOverstapdossier;
        var bb = f.IsBinnenBrin;
        if (os && !Od.Has(l, "voornaam")) run.Report(LL01, l);
        if (os && !Od.Has(l, "geboortedatum")) run.Report(LL02, l);
        if (os && Od.Has(l, "geboortemaand")) run.Report(LL03, l);
        if (os && !Od.Has(l, "adresgeheim")) run.Report(LL04, l);
        if (os && !Od.Has(l, "adreslijst", "adres") && !Od.Has(l, "adresbuitenland") && run.Boolean(Phase, l, "adresgeheim") != true) run.Report(LL05, l);
        if (os && run.Boolean(Phase, l, "adresgeheim") == true && Od.Has(l, "adreslijst", "adres")) run.Report(LL06, l);
        if (os && Od.Has(l, "postcode4adres")) run.Report(LL07, l);
        if (os) SecretCommunication.Check(run, LL08Telefoon, LL08Email);
        if (os && run.Boolean(Phase, l, "adresgeheim") == true && Od.Has(l, "adresbuitenland")) run.Report(LL09, l);
        if (os && Od.Has(l, "geboorteplaats")) run.Report(LL10, l);
        if (os && Od.Has(l, "nationaliteit")) run.Report(LL11, l);
        if (os && !Od.Has(l, "bsn") && !Od.Has(l, "onderwijsnummer")) run.Report(LL12, l);
        if (os && (f.Overstap & OverstapFlags.Povo) != 0 && !Od.Has(l, "leerlingid")) run.Report(LL13, l);
        if (os && !Od.Has(l, "datuminschrijving")) run.Report(LL14, l);
        if (os && !Od.Has(l, "verzorgersaansprakelijk")) run.Report(LL15, l);
        if (os && (f.Overstap & OverstapFlags.Popo) != 0 && run.Boolean(Phase, l, "verzorgersaansprakelijk") != true && !Od.Has(l, "aansprakelijkeinstelling")) run.Report(AI01Popo, l);
        if (os && (f.Overstap & OverstapFlags.Povo) != 0 && run.Boolean(Phase, l, "verzorgersaansprakelijk") != true && !Od.Has(l, "aansprakelijkeinstelling")) run.Report(AI01Povo, l);
        if (os && (f.Overstap & OverstapFlags.Popo) == 0 && Od.Has(l, "voorschools")) run.Report(VV01, l);
        if (os && (f.Overstap & OverstapFlags.Popo) == 0 && Od.Has(l, "vroegschools")) run.Report(VV02, l);
        if (os && !Od.Has(l, "schoolloopbaanlijst", "schoolloopbaan")) run.Report(SL01, l);
        if (os && !Od.Has(l, "overstapadvies")) run.Report(OA01, l);
        if (os && run.Boolean(Phase, l, "verzorgersaansprakelijk") == true && !Od.Has(l, "verzorger")) run.Report(OV01, l);
        if (bb && Od.Has(l, "geboortemaand")) run.Report(BbLL01, l);
        if (bb && run.Boolean(Phase, l, "adresgeheim") == true && Od.Has(l, "adreslijst", "adres")) run.Report(BbLL02, l);
        if (bb && Od.Has(l, "postcode4adres")) run.Report(BbLL03, l);
        if (bb) SecretCommunication.Check(run, BbLL04Telefoon, BbLL04Email);
        if (bb && run.Boolean(Phase, l, "adresgeheim") == true && Od.Has(l, "adresbuitenland")) run.Report(BbLL05, l);
        if (bb && Od.Has(l, "geboorteplaats")) run.Report(BbLL06, l);
        if (bb && Od.Has(l, "nationaliteit")) run.Report(BbLL07, l);
    }
}

/// <summary>
/// The secret phone and e-mail convention (OVa.LL08, OVb.LL04, PaO.LL08): a <c>communicatie</c> marked
/// <c>geheim</c> must carry <c>9999999999</c> (telefoon) or <c>geheim@geheim.geheim</c> (e-mail) as its
/// number. Tested over every <c>/descendant::*/od:communicatie</c> of the document, in document order, with
/// the communicatie as context; the casts run left to right and stop at the first false.
/// </summary>
internal static class SecretCommunication
{
    public const string SecretPhone = "9999999999";
    public const string SecretEmail = "geheim@geheim.geheim";

    /// <summary>Runs both tests for every communicatie (the caller has checked the profile condition).</summary>
    public static void Check(RuleRun run, OfficialRule telefoon, OfficialRule email)
    {
        const int phase = RuleRun.TemplatePhase;
        foreach (var c in run.Facts.Communicaties)
        {
            if (run.Boolean(phase, c, "geheim") == true && run.String(phase, c, "soort") == "telefoon" && run.String(phase, c, "nummer") != SecretPhone)
                run.Report(telefoon, c);
            if (run.Boolean(phase, c, "geheim") == true && run.String(phase, c, "soort") == "e-mail" && run.String(phase, c, "nummer") != SecretEmail)
                run.Report(email, c);
        }
    }
}
