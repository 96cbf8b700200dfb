using System.Globalization;
using Oso.Dossier.Model;

namespace Oso.Dossier.Building;

/// <summary>
/// What a <see cref="DossierBuilder"/> fills in where nothing was set. The identity values are recognisably examples —
/// the OSO test school 00YY, a pupil "Sam Voorbeeld" with a BSN from the 999 test range, addresses on
/// <c>.example</c> domains — so a dossier that still carries them is plainly test data. Dates follow from the dossier
/// date, so the defaults are valid on any day.
/// </summary>
internal static class ExampleValues
{
    public const string Pakketnaam = "OpenOSO";
    public const string Pakketversie = "1.0";
    public const string Standaardversie = "2019.1";
    public const string Validatieversie = "2019.1.1";

    /// <summary>A BSN from the 999 range test environments use; it passes the 11-proef.</summary>
    public const string Bsn = "999990019";

    public const string Leerlingid = "1";

    /// <summary>A code of code list 2; the meanings of its codes are not public.</summary>
    public const string Schooladvies = "40";

    public static IReadOnlyList<string> Voornamen { get; } = ["Sam"];

    public const string Achternaam = "Voorbeeld";

    /// <summary>The OSO test school: BRIN 00YY, vestiging 00 (primary) or 01 (secondary).</summary>
    public static School School(bool vo) => new()
    {
        Naam = vo ? "OSO Testschool De Proef (voortgezet onderwijs)" : "OSO Testschool De Proef (basisonderwijs)",
        Adreslijst = [Address("bezoek", "Proefstraat", "1")],
        Communicatielijst =
        [
            new Communicatie { Soort = "telefoon", Aanduiding = "werk", Nummer = "0301234567", Geheim = false, Noodnummer = false },
            new Communicatie { Soort = "e-mail", Aanduiding = "werk", Nummer = "testschool@oso-testschool.example", Geheim = false, Noodnummer = false },
        ],
        Brincode = "00YY",
        Vestigingscode = vo ? "01" : "00",
        Aanleverpunt = "1",
        Soort = vo ? "VO" : "BAO",
        Naamdirecteur = "mevr. T. Proef",
        Website = "www.oso-testschool.example",
    };

    /// <summary>The pupil's home address as registered (soort <c>gba</c>).</summary>
    public static Adres Home { get; } = Address("gba", "Voorbeeldlaan", "12");

    public static Verzorger Parent { get; } = new()
    {
        Voornaam = ["Alex"],
        Voorletters1 = "A.",
        Achternaam = Achternaam,
        Communicatielijst = [new Communicatie { Soort = "e-mail", Aanduiding = "prive", Nummer = "ouder@voorbeeld.example", Geheim = false, Noodnummer = false }],
        Wettigevertegenwoordiger = true,
    };

    /// <summary>The school year (named by the year it starts in, 1 August) that <paramref name="date"/> lies in.</summary>
    public static int SchoolYear(DateOnly date) => date.Month >= 8 ? date.Year : date.Year - 1;

    public static string SchoolYearName(int schoolYear) => $"{schoolYear}-{schoolYear + 1}";

    /// <summary>
    /// A pupil in group 8 (primary) or the second year (secondary) now: group 8 is the school year a child turns
    /// twelve, and the second year of secondary school two years later.
    /// </summary>
    public static DateOnly Birth(bool vo, int schoolYear) => new(schoolYear - (vo ? 13 : 11), 1, 15);

    /// <summary>Primary pupils start the day after their fourth birthday; secondary pupils on 1 August of their first year.</summary>
    public static DateOnly Enrolment(bool vo, DateOnly birth, int schoolYear) =>
        vo ? new DateOnly(schoolYear - 1, 8, 1) : birth.AddYears(4).AddDays(1);

    /// <summary>This school year's line of the school history, at <paramref name="school"/>.</summary>
    public static Schoolloopbaan CurrentYear(bool vo, int schoolYear, School school) => new()
    {
        Schooljaar = SchoolYearName(schoolYear),
        Groepscode = vo ? "2A" : "8A",
        Groepsnaam = vo ? "Klas 2A" : "Groep 8A",
        Jaargroep = vo ? "12" : "8",
        Begindatum = new DateOnly(schoolYear, 8, 1),
        Brincode = school.Brincode,
        Vestigingscode = school.Vestigingscode,
        Schoolsoort = school.Soort,
    };

    /// <summary>Initials as the standard writes them: <c>S.M.</c>, points and no spaces.</summary>
    public static string? Initials(IReadOnlyList<string> voornamen) =>
        voornamen.Count == 0 || voornamen.Any(string.IsNullOrWhiteSpace)
            ? null
            : string.Concat(voornamen.Select(n => n.Trim()[0].ToString(CultureInfo.InvariantCulture).ToUpperInvariant() + "."));

    private static Adres Address(string soort, string straat, string nummer) => new()
    {
        Soortadres = soort,
        Straat = straat,
        Nummer = nummer,
        Postcode = "3511AA",
        Plaats = "Utrecht",
        Gemeente = "Utrecht",
        Land = new WaardeMetOmschrijving { Waarde = "6030", Omschrijving = "Nederland" },
    };
}
