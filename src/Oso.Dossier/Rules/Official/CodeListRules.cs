using System.Collections.Frozen;
using Oso.Dossier.Rules.Evaluation;
using Oso.Dossier.Rules.Xpath;
using Oso.Dossier.Xml;

namespace Oso.Dossier.Rules.Official;

/// <summary>
/// One code list check of the common stylesheet:
/// <c>&lt;xsl:for-each select="/descendant::*/od:A/od:B"&gt;&lt;xsl:if test="not(text()='v1') and …"&gt;</c>.
/// It fires for every matching element none of whose text nodes equals a listed value (so an empty element
/// fires, and so does a value with surrounding whitespace).
/// </summary>
/// <param name="Element">The checked element's local name.</param>
/// <param name="Ancestors">The required <c>od:</c> ancestors, nearest first.</param>
/// <param name="BelowAnElement">
/// True for <c>/descendant::*/…</c> paths: the topmost step must have an element parent, so a document
/// element never matches; false for <c>//…</c> paths.
/// </param>
/// <param name="Values">The code list.</param>
/// <param name="Rule">The code and the official message.</param>
internal sealed record CodeListCheck(string Element, string[] Ancestors, bool BelowAnElement, FrozenSet<string> Values, OfficialRule Rule)
{
    /// <summary>The output slot (the check's place in the stylesheet).</summary>
    public int Slot { get; init; }

    public void Visit(XmlElementNode e, RuleRun run)
    {
        var top = e;
        foreach (var name in Ancestors)
        {
            if (!Od.Is(top.Parent, name)) return;
            top = top.Parent!;
        }
        if (BelowAnElement && top.Parent is null) return;
        if (!Od.AnyTextNode(e, Values)) run.Report(Slot, Rule, e);
    }
}

/// <summary>
/// The code list checks of <c>common/ValideerOSOgegevensset.xsl</c> (codelijst 2 … 48) and OG.02, in the
/// stylesheet's order. Code lists 3, 12, 32, 34, 38, 39 and 40 are commented out in 2019.1 and absent here;
/// code list 33 (<c>deeldossier</c>) is a document-level test, see <see cref="DocumentRules"/>.
/// </summary>
internal static class CodeListRules
{
    private static readonly string[] Cl2 = ["01", "10", "20", "21", "22", "23", "30", "31", "32", "33", "34", "35", "40", "41", "42", "43", "44", "50", "51", "52", "60", "61", "70", "80"];
    private static readonly string[] Cl9 = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15"];
    private static readonly string[] Cl37 = ["Ja", "Nee", "Onbekend"];
    private static readonly string[] Cl45 = ["01", "02", "03", "04"];
    private static readonly string[] Cl48 = ["VERPLICHT", "OPTIONEEL", "VERBODEN", "OPT-UIT"];
    private const string InCodelijst = "bevat een waarde die niet voorkomt in codelijst ";
    private const string Eindtoets = " binnen het blok 'Eindtoets basisonderwijs' " + InCodelijst;

    /// <summary>The checks before code list 33 (slots 0–24).</summary>
    private static readonly CodeListCheck[] BeforeDeeldossier =
    [
        // the official messages of code list 2 say "in in codelijst 2" (sic)
        Desc("CL2", "overstapadvies/advies", Cl2, "Het veld 'VO advies volgens school' bevat een waarde die niet voorkomt in in codelijst 2."),
        Desc("CL2", "overstapadvies/wensouders", Cl2, "Het veld 'VO advies volgens ouders' bevat een waarde die niet voorkomt in in codelijst 2."),
        Desc("CL2", "overstapadvies/wensleerling", Cl2, "Het veld 'VO advies volgens leerling' bevat een waarde die niet voorkomt in in codelijst 2."),
        Desc("CL2", "overstapadvies/herzienadvies", Cl2, "Het veld 'Herzien VO advies' bevat een waarde die niet voorkomt in in codelijst 2."),
        Desc("CL4", "communicatie/soort", ["e-mail", "telefoon"], "Het veld 'Communicatie soort' " + InCodelijst + "4."),
        Desc("CL5", "communicatie/aanduiding", ["werk", "prive", "overig"], "Het veld 'Communicatie aanduiding' " + InCodelijst + "5."),
        Desc("CL6", "voorschools/codevoorschoolsetoeleider", ["1", "2", "3", "4", "5", "6", "7", "8", "9"], "Het veld 'Voorschoolse toeleider' " + InCodelijst + "6."),
        Desc("CL7", "voorschools/codevoorschoolsehistorie", ["1", "2", "3", "4", "5"], "Het veld 'Voorschoolse historie' " + InCodelijst + "7."),
        Desc("CL8", "voorschools/codevoorschoolsedeelname", ["1", "2", "3", "4", "5"], "Het veld 'Voorschoolse deelname' " + InCodelijst + "8."),
        Desc("CL9", "voorschools/codevoorschoolsprogramma", Cl9, "Het veld 'Voorschoolse programma' " + InCodelijst + "9."),
        Desc("CL9", "vroegschools/codevroegschoolsprogramma", Cl9, "Het veld 'Vroegschoolse programma' " + InCodelijst + "9."),
        Desc("CL10", "nnca", ["0", "1", "2"], "Het veld 'NNCA' " + InCodelijst + "10."),
        Desc("CL11", "referentiescore/codereferentiescore",
            ["AE", "CAE", "IV", "CIV", "FN", "ON", "DLE", "Percentiel", "Percentage", "T-score", "Stanine", "DQ", "IQ", "ERK", "C-score", "Norm", "RNTRM", "ZML", "LGH", "AVI", "NAZ", "LM", "Standaardscore", "LA"],
            "Het veld 'Code van referentiescore' " + InCodelijst + "11."),
        Desc("CL13", "jaargroep", ["0", "1", "2", "3", "4", "5", "6", "7", "8", "11", "12", "13", "14", "15", "16", "S", "P"], "Het veld 'Leerjaar' " + InCodelijst + "13."),
        Desc("CL14", "geslacht", ["0", "1", "2"], "Het veld 'Geslacht' " + InCodelijst + "14."),
        Desc("CL15", "leerlinggewicht", ["0.00", "0.30", "1.20"], "Het veld 'Leerlinggewicht' " + InCodelijst + "15."),
        Desc("CL16", "metadata/overstap",
            ["VSPO", "VSWEC", "POPO", "POWEC", "POVO", "VOVO", "VOMBO", "VOHBO", "VOWO", "WECWEC", "WECVO", "WECMBO", "POSWV", "VOSWV", "WECHBO", "WECWO", "OVERIG"],
            "Het veld 'Soort overstap' " + InCodelijst + "16."),
        Desc("CL17", "rvc/rvcindicatie", ["LWOO", "PRO"], "Het veld 'RVC indicatie' " + InCodelijst + "17."),
        Desc("CL18", "adres/aanduiding", ["TO", "BY"], "Het veld 'Huisnummer aanduiding' " + InCodelijst + "18."),
        Desc("CL19", "adres/soortadres", ["bezoek", "post", "gba"], "Het veld 'Soort adres' " + InCodelijst + "19."),
        Desc("CL21", "overstapadvies/profiel", ["basis", "plus", "bespreek", "disharmonisch", "ondersteuning"], "Het veld 'Profiel' binnen overstapadvies " + InCodelijst + "21."),
        Desc("CL22", "referentiescore/codevergelijkingsgroep", ["BB+", "BB", "KB", "GT", "HAVO", "VWO", "Landelijk"], "Het veld 'Code van vergelijkingsgroep' " + InCodelijst + "22."),
        Desc("CL23", "diagnose/code",
            ["F79.VB", "F79.ZB", "HB", "F80", "F81.0", "F81.1", "F81.2", "F81.9", "F82", "F84", "F84.0", "F84.2", "F84.5", "F84.nld", "F84.mcdd",
             "F90", "F90.0", "F90.0+", "F90.0-", "F91", "F91.3", "F95", "F95.2", "F41.0", "F43.1", "F43.2", "F50", "F92.0", "F93.1", "F94",
             "Fspd", "G40", "H54.0", "H54.2", "H91.9.d", "H91.9.s", "Z62"],
            "Het veld 'Code van diagnose' " + InCodelijst + "23."),
        Desc("CL29", "overdrachtsoort", ["overstapdossier", "overdrachtbinnenbrin", "swv-dossier"], "Het veld 'Soort overdracht' " + InCodelijst + "29."),
        Desc("CL31", "tlv/tlvcategorie", ["H", "M", "L", "Nvt"], "Het veld 'TLV bekostigingscategorie' " + InCodelijst + "31."),
    ];

    /// <summary>The checks after code list 33 (slots 26–53).</summary>
    private static readonly CodeListCheck[] AfterDeeldossier =
    [
        Desc("CL35", "examenresultaat/examenuitslag", ["geslaagd", "afgewezen", "herexamen"], "Het veld 'Examenuitslag' " + InCodelijst + "35."),
        Desc("CL36", "resultaatvakkenvo/beoordelingexamenvak", ["voldoende", "onvoldoende"], "Het veld 'Beoordeling van examenvak' " + InCodelijst + "36."),
        Desc("CL37", "inzage/akkoord", Cl37, "Het veld 'Akkoord' " + InCodelijst + "37."),
        Desc("CL37", "inzage/toestemming", Cl37, "Het veld 'Toestemming' " + InCodelijst + "37."),
        Desc("CL41", "verzorger/relatietotkind", ["1", "2", "3", "4", "5", "6", "7", "8", "9"], "Het veld 'Relatie tot kind' binnen het blok 'Verzorger' " + InCodelijst + "41."),
        Desc("CL42", "eindtoets_basisonderwijs/eindtoetsresultaat/toetssoort", ["0011", "0012", "0013", "0014", "0016"], "Het veld 'Toetssoort'" + Eindtoets + "42."),
        Desc("CL43", "eindtoets_basisonderwijs/eindtoetsresultaat/toetsniveau", ["G"], "Het veld 'Toetsniveau'" + Eindtoets + "43."),
        Desc("CL44", "eindtoets_basisonderwijs/eindtoetsresultaat/wettelijke_ontheffing", ["J", "N"], "Het veld 'Wettelijke ontheffing'" + Eindtoets + "44."),
        Desc("CL45", "eindtoets_basisonderwijs/eindtoetsresultaat/onderdelen/onderdeel/ond_referentieniveau", Cl45, "Het veld 'Onderdeel referentiescore'" + Eindtoets + "45."),
        Desc("CL45", "eindtoets_basisonderwijs/eindtoetsresultaat/onderdelen/onderdeel/domeinen/domein/dom_referentieniveau", Cl45, "Het veld 'Domein referentiescore'" + Eindtoets + "45."),
        Desc("CL46", "eindtoets_basisonderwijs/eindtoetsresultaat/onderdelen/onderdeel/onderdeelcode", ["8000", "8001"], "Het veld 'Onderdeelcode'" + Eindtoets + "46."),
        Desc("CL47", "eindtoets_basisonderwijs/eindtoetsresultaat/onderdelen/onderdeel/domeinen/domein/domeincode", ["8050", "8051"], "Het veld 'Domeincode'" + Eindtoets + "47."),
        Cat48("cat_metadata", "Metadata"),
        Cat48("cat_ouderinzage", "Ouderinzage"),
        Cat48("cat_school", "School"),
        Cat48("cat_leerling", "Leerling"),
        Cat48("cat_oudersverzorgers", "Ouders/Verzorgers"),
        Cat48("cat_vve", "VVE"),
        Cat48("cat_schoolloopbaan", "Schoolloopbaan"),
        Cat48("cat_overstapadvies", "Overstapadvies"),
        Cat48("cat_onderwijsondersteuning", "Onderwijsondersteuning"),
        Cat48("cat_verzuim", "Verzuim"),
        Cat48("cat_eindtoetsbo", "Eindtoets bo"),
        Cat48("cat_toetsresultaten", "Toetsresultaten"),
        Cat48("cat_handelingsplannen", "Handelingsplannen"),
        Cat48("cat_cijferlijsten", "Cijferlijsten"),
        // the official message names the element 'cat_vombon' (sic)
        Cat48("cat_vombo", "VO-MBO", "cat_vombon"),
        Cat48("cat_bijlagedocs", "Bijlagedocumenten"),
    ];

    // OG.02 is written the same way, a fixed value for standaardversie; it comes after OG.01 (e-mail)
    private static readonly CodeListCheck Standaardversie =
        Desc("OG.02", "metadata/standaardversie", ["2019.1"], "Het veld 'Versienummer van standaard' bevat een waarde die niet gelijk is aan de verplichte waarde \"2019.1\".");

    /// <summary>Every check with its slot, in the stylesheet's order.</summary>
    public static IReadOnlyList<CodeListCheck> All { get; } =
    [
        .. BeforeDeeldossier.Select((c, i) => c with { Slot = RootSlots.CodeListsBefore + i }),
        .. AfterDeeldossier.Select((c, i) => c with { Slot = RootSlots.CodeListsAfter + i }),
        Standaardversie with { Slot = RootSlots.Standaardversie },
    ];

    /// <summary>The code list values by check, for tests and tools.</summary>
    public static IEnumerable<string> AllValues => All.SelectMany(c => c.Values).Distinct();

    // "/descendant::*/od:a/od:b": every step but the last is an ancestor; the topmost needs an element parent
    private static CodeListCheck Desc(string code, string path, string[] values, string tekst)
    {
        var steps = path.Split('/');
        return new CodeListCheck(steps[^1], [.. steps[..^1].Reverse()], BelowAnElement: true, values.ToFrozenSet(StringComparer.Ordinal),
            new OfficialRule(code, tekst, OfficialRuleSource.Gegevensset));
    }

    // "//od:metadata/od:categorie_uitlevering/od:cat_x": any depth, the document element included
    private static CodeListCheck Cat48(string element, string titel, string? nameInMessage = null) =>
        new(element, ["categorie_uitlevering", "metadata"], BelowAnElement: false, Cl48.ToFrozenSet(StringComparer.Ordinal),
            new OfficialRule("CL48", $"Het veld 'Categorie {titel}' ({nameInMessage ?? element}) binnen metadata " + InCodelijst + "48.", OfficialRuleSource.Gegevensset));
}
