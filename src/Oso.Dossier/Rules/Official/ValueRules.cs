using Oso.Dossier.Rules.Evaluation;
using Oso.Dossier.Rules.Xpath;
using Oso.Dossier.Xml;

namespace Oso.Dossier.Rules.Official;

/// <summary>
/// The field value rules OG.01, OG.03, OG.04 and OG.05 of the common stylesheet (OG.02 is a fixed-value
/// check among the code lists). Each is an <c>xsl:for-each</c> over <c>/descendant::*/od:x</c>.
/// </summary>
internal static class ValueRules
{
    private static OfficialRule Rule(string code, string tekst) => new(code, tekst, OfficialRuleSource.Gegevensset);

    public static readonly OfficialRule EmailTeKort = Rule("OG.01a", "Een e-mail adres is minimaal 4 tekens.");
    public static readonly OfficialRule EmailTeLang = Rule("OG.01b", "Een e-mail adres is niet langer dan 256 tekens.");
    public static readonly OfficialRule EmailApenstaart = Rule("OG.01c", "In een e-mail adres is het @-teken verplicht.");
    public static readonly OfficialRule EmailTekens = Rule("OG.01d", "In een e-mail adres moet voldoen aan de voorwaarden m.b.t. toegestane karakters voorgaand aan het @-teken en voor domeinnaam en extensie.");
    public static readonly OfficialRule LwooEinddatum = Rule("OG.03", "Het veld 'LWOO einddatum' bevat een waarde die niet gelijk is aan het formaat \"EEJJ-07-31\".");
    public static readonly OfficialRule OverlijdensdatumZonderKenmerk = Rule("OG.04a", "De gegevens over ouder/verzorger mogen geen overlijdensdatum bevatten wanneer het kenmerk van overlijden ontbreekt.");
    public static readonly OfficialRule OverlijdensdatumNietOverleden = Rule("OG.04b", "De gegevens over ouder/verzorger mogen geen overlijdensdatum bevatten wanneer kenmerk van overlijden anders aangeeft.");
    public static readonly OfficialRule HuisartsRoepnaam = Rule("OG.05a", "De gegevens over huisarts mogen geen roepnaam bevatten .");
    public static readonly OfficialRule HuisartsGeslacht = Rule("OG.05b", "De gegevens over huisarts mogen geen geslacht bevatten .");
    public static readonly OfficialRule HuisartsAdresgeheim = Rule("OG.05c", "De gegevens over huisarts mogen geen aanduiding dat het adres geheim is bevatten.");

    /// <summary>The four tests of OG.01, in the stylesheet's order.</summary>
    public static IEnumerable<OfficialRule> Email => [EmailTeKort, EmailTeLang, EmailApenstaart, EmailTekens];

    /// <summary>
    /// OG.01 on <c>/descendant::*/od:communicatie</c>. The stylesheet binds <c>xs:string(od:soort)</c> and
    /// <c>xs:string(od:nummer)</c> to variables that the processor evaluates for every communicatie, so a
    /// repeated <c>soort</c> or <c>nummer</c> aborts the run even when the address is a phone number.
    /// </summary>
    public static void Communicatie(XmlElementNode e, RuleRun run)
    {
        if (e.Parent is null) return;
        run.Facts.Communicaties.Add(e);
        const int phase = RootSlots.Communicatie;
        var soort = run.String(phase, e, "soort");
        var adres = run.String(phase, e, "nummer") ?? "";
        if (soort != "e-mail") return;
        var length = XsText.CodepointLength(adres);
        if (length < 4) run.Report(phase, EmailTeKort, e);
        if (length > 256) run.Report(phase, EmailTeLang, e);
        if (!adres.Contains('@', StringComparison.Ordinal)) run.Report(phase, EmailApenstaart, e);
        if (!EmailPattern.Matches(adres)) run.Report(phase, EmailTekens, e);
    }

    /// <summary>
    /// OG.03 on <c>/descendant::*/od:lwoo_einddatum</c>: <c>not(matches(text(), '[0-9][0-9][0-9][0-9]-07-31'))</c>.
    /// The pattern is unanchored; an element without text fires; text in two or more nodes (split by a
    /// comment or element) is a type error that aborts the run.
    /// </summary>
    public static void LwooEinde(XmlElementNode e, RuleRun run)
    {
        if (e.Parent is null) return;
        var texts = e.TextNodes;
        if (texts.Count > 1)
        {
            run.Fail(RootSlots.LwooEinddatum, e, "de tekst van 'lwoo_einddatum' is door commentaar of een element in stukken gedeeld");
            return;
        }
        if (texts.Count == 0 || !ContainsYearJuly31(texts[0])) run.Report(RootSlots.LwooEinddatum, LwooEinddatum, e);
    }

    private static bool ContainsYearJuly31(string s)
    {
        for (var i = 0; i + 10 <= s.Length; i++)
        {
            if (char.IsAsciiDigit(s[i]) && char.IsAsciiDigit(s[i + 1]) && char.IsAsciiDigit(s[i + 2]) && char.IsAsciiDigit(s[i + 3])
                && s.AsSpan(i + 4, 6).SequenceEqual("-07-31"))
                return true;
        }
        return false;
    }

    /// <summary>
    /// OG.04 on <c>/descendant::*/od:verzorger</c>. The second test casts <c>overleden</c> first, so an invalid
    /// or repeated <c>overleden</c> aborts the run even without a date of death.
    /// </summary>
    public static void Verzorger(XmlElementNode e, RuleRun run)
    {
        if (e.Parent is null) return;
        const int phase = RootSlots.Verzorger;
        if (!Od.Has(e, "overleden") && Od.Has(e, "overlijdensdatum")) run.Report(phase, OverlijdensdatumZonderKenmerk, e);
        if (run.Boolean(phase, e, "overleden") != true && Od.Has(e, "overlijdensdatum")) run.Report(phase, OverlijdensdatumNietOverleden, e);
    }

    /// <summary>OG.05 on <c>/descendant::*/od:huisarts</c>; <c>adresgeheim</c> is cast for every huisarts.</summary>
    public static void Huisarts(XmlElementNode e, RuleRun run)
    {
        if (e.Parent is null) return;
        const int phase = RootSlots.Huisarts;
        if (Od.Has(e, "roepnaam")) run.Report(phase, HuisartsRoepnaam, e);
        if (Od.Has(e, "geslacht")) run.Report(phase, HuisartsGeslacht, e);
        if (run.Boolean(phase, e, "adresgeheim") == true) run.Report(phase, HuisartsAdresgeheim, e);
    }
}
