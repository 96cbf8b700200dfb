using System.Collections.Frozen;
using Oso.Dossier.Codes;
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
/// stylesheet's order, over the values of <see cref="Codes"/> (a test holds them to the stylesheet's). Code lists 3, 12, 32, 34, 38, 39 and 40 are commented out in 2019.1 and absent here;
/// code list 33 (<c>deeldossier</c>) is a document-level test, see <see cref="DocumentRules"/>.
/// </summary>
internal static class CodeListRules
{
    private const string InCodelijst = "bevat een waarde die niet voorkomt in codelijst ";
    private const string Eindtoets = " binnen het blok 'Eindtoets basisonderwijs' " + InCodelijst;

    /// <summary>The checks before code list 33 (slots 0–24).</summary>
    private static readonly CodeListCheck[] BeforeDeeldossier =
    [
        // the official messages of code list 2 say "in in codelijst 2" (sic)
        Desc("CL2", "overstapadvies/advies", AdviesVo.Definition, "Het veld 'VO advies volgens school' bevat een waarde die niet voorkomt in in codelijst 2."),
        Desc("CL2", "overstapadvies/wensouders", AdviesVo.Definition, "Het veld 'VO advies volgens ouders' bevat een waarde die niet voorkomt in in codelijst 2."),
        Desc("CL2", "overstapadvies/wensleerling", AdviesVo.Definition, "Het veld 'VO advies volgens leerling' bevat een waarde die niet voorkomt in in codelijst 2."),
        Desc("CL2", "overstapadvies/herzienadvies", AdviesVo.Definition, "Het veld 'Herzien VO advies' bevat een waarde die niet voorkomt in in codelijst 2."),
        Desc("CL4", "communicatie/soort", CommunicatieSoort.Definition, "Het veld 'Communicatie soort' " + InCodelijst + "4."),
        Desc("CL5", "communicatie/aanduiding", CommunicatieAanduiding.Definition, "Het veld 'Communicatie aanduiding' " + InCodelijst + "5."),
        Desc("CL6", "voorschools/codevoorschoolsetoeleider", VoorschoolseToeleider.Definition, "Het veld 'Voorschoolse toeleider' " + InCodelijst + "6."),
        Desc("CL7", "voorschools/codevoorschoolsehistorie", VoorschoolseHistorie.Definition, "Het veld 'Voorschoolse historie' " + InCodelijst + "7."),
        Desc("CL8", "voorschools/codevoorschoolsedeelname", VoorschoolseDeelname.Definition, "Het veld 'Voorschoolse deelname' " + InCodelijst + "8."),
        Desc("CL9", "voorschools/codevoorschoolsprogramma", VveProgramma.Definition, "Het veld 'Voorschoolse programma' " + InCodelijst + "9."),
        Desc("CL9", "vroegschools/codevroegschoolsprogramma", VveProgramma.Definition, "Het veld 'Vroegschoolse programma' " + InCodelijst + "9."),
        Desc("CL10", "nnca", Nnca.Definition, "Het veld 'NNCA' " + InCodelijst + "10."),
        Desc("CL11", "referentiescore/codereferentiescore", ReferentiescoreCode.Definition,
            "Het veld 'Code van referentiescore' " + InCodelijst + "11."),
        Desc("CL13", "jaargroep", Jaargroep.Definition, "Het veld 'Leerjaar' " + InCodelijst + "13."),
        Desc("CL14", "geslacht", Geslacht.Definition, "Het veld 'Geslacht' " + InCodelijst + "14."),
        Desc("CL15", "leerlinggewicht", Leerlinggewicht.Definition, "Het veld 'Leerlinggewicht' " + InCodelijst + "15."),
        Desc("CL16", "metadata/overstap", Overstap.Definition,
            "Het veld 'Soort overstap' " + InCodelijst + "16."),
        Desc("CL17", "rvc/rvcindicatie", RvcIndicatie.Definition, "Het veld 'RVC indicatie' " + InCodelijst + "17."),
        Desc("CL18", "adres/aanduiding", Huisnummeraanduiding.Definition, "Het veld 'Huisnummer aanduiding' " + InCodelijst + "18."),
        Desc("CL19", "adres/soortadres", SoortAdres.Definition, "Het veld 'Soort adres' " + InCodelijst + "19."),
        Desc("CL21", "overstapadvies/profiel", AdviesProfiel.Definition, "Het veld 'Profiel' binnen overstapadvies " + InCodelijst + "21."),
        Desc("CL22", "referentiescore/codevergelijkingsgroep", Vergelijkingsgroep.Definition, "Het veld 'Code van vergelijkingsgroep' " + InCodelijst + "22."),
        Desc("CL23", "diagnose/code", DiagnoseCode.Definition,
            "Het veld 'Code van diagnose' " + InCodelijst + "23."),
        Desc("CL29", "overdrachtsoort", Overdrachtsoort.Definition, "Het veld 'Soort overdracht' " + InCodelijst + "29."),
        Desc("CL31", "tlv/tlvcategorie", TlvCategorie.Definition, "Het veld 'TLV bekostigingscategorie' " + InCodelijst + "31."),
    ];

    /// <summary>The checks after code list 33 (slots 26–53).</summary>
    private static readonly CodeListCheck[] AfterDeeldossier =
    [
        Desc("CL35", "examenresultaat/examenuitslag", Examenuitslag.Definition, "Het veld 'Examenuitslag' " + InCodelijst + "35."),
        Desc("CL36", "resultaatvakkenvo/beoordelingexamenvak", BeoordelingExamenvak.Definition, "Het veld 'Beoordeling van examenvak' " + InCodelijst + "36."),
        Desc("CL37", "inzage/akkoord", JaNeeOnbekend.Definition, "Het veld 'Akkoord' " + InCodelijst + "37."),
        Desc("CL37", "inzage/toestemming", JaNeeOnbekend.Definition, "Het veld 'Toestemming' " + InCodelijst + "37."),
        Desc("CL41", "verzorger/relatietotkind", RelatieTotKind.Definition, "Het veld 'Relatie tot kind' binnen het blok 'Verzorger' " + InCodelijst + "41."),
        Desc("CL42", "eindtoets_basisonderwijs/eindtoetsresultaat/toetssoort", EindtoetsSoort.Definition, "Het veld 'Toetssoort'" + Eindtoets + "42."),
        Desc("CL43", "eindtoets_basisonderwijs/eindtoetsresultaat/toetsniveau", EindtoetsNiveau.Definition, "Het veld 'Toetsniveau'" + Eindtoets + "43."),
        Desc("CL44", "eindtoets_basisonderwijs/eindtoetsresultaat/wettelijke_ontheffing", WettelijkeOntheffing.Definition, "Het veld 'Wettelijke ontheffing'" + Eindtoets + "44."),
        Desc("CL45", "eindtoets_basisonderwijs/eindtoetsresultaat/onderdelen/onderdeel/ond_referentieniveau", Referentieniveau.Definition, "Het veld 'Onderdeel referentiescore'" + Eindtoets + "45."),
        Desc("CL45", "eindtoets_basisonderwijs/eindtoetsresultaat/onderdelen/onderdeel/domeinen/domein/dom_referentieniveau", Referentieniveau.Definition, "Het veld 'Domein referentiescore'" + Eindtoets + "45."),
        Desc("CL46", "eindtoets_basisonderwijs/eindtoetsresultaat/onderdelen/onderdeel/onderdeelcode", EindtoetsOnderdeelcode.Definition, "Het veld 'Onderdeelcode'" + Eindtoets + "46."),
        Desc("CL47", "eindtoets_basisonderwijs/eindtoetsresultaat/onderdelen/onderdeel/domeinen/domein/domeincode", EindtoetsDomeincode.Definition, "Het veld 'Domeincode'" + Eindtoets + "47."),
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
    private static CodeListCheck Desc(string code, string path, CodeListDefinition list, string tekst) =>
        Desc(code, path, list.Values.Select(v => v.Code), tekst);

    private static CodeListCheck Desc(string code, string path, IEnumerable<string> values, string tekst)
    {
        var steps = path.Split('/');
        return new CodeListCheck(steps[^1], [.. steps[..^1].Reverse()], BelowAnElement: true, values.ToFrozenSet(StringComparer.Ordinal),
            new OfficialRule(code, tekst, OfficialRuleSource.Gegevensset));
    }

    // "//od:metadata/od:categorie_uitlevering/od:cat_x": any depth, the document element included
    private static CodeListCheck Cat48(string element, string titel, string? nameInMessage = null) =>
        new(element, ["categorie_uitlevering", "metadata"], BelowAnElement: false, Categorie.Definition.Values.Select(v => v.Code).ToFrozenSet(StringComparer.Ordinal),
            new OfficialRule("CL48", $"Het veld 'Categorie {titel}' ({nameInMessage ?? element}) binnen metadata " + InCodelijst + "48.", OfficialRuleSource.Gegevensset));
}
