using System.Text;
using Bogus.DataSets;
using Oso.Dossier.Codes;
using Oso.Dossier.Model;

namespace Oso.Synthetic.Composition;

/// <summary>Who the pupil is: names, sex and number (BSN or onderwijsnummer), and whether the address is secret.</summary>
internal sealed record PupilIdentity(
    IReadOnlyList<string> Voornamen, string? Voorvoegsel, string Achternaam, Code<Geslacht> Geslacht, string? Bsn, string? Onderwijsnummer, bool Adresgeheim)
{
    public string Roepnaam => Voornamen[0];

    public string Naam => string.Join(' ', new[] { Roepnaam, Voorvoegsel, Achternaam }.Where(p => p is not null));
}

/// <summary>The numbers already given out in one batch, so that the pupils of a school never share a PGN or leerlingnummer.</summary>
internal sealed class IdentityRegistry
{
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);

    public bool TryTake(string value) => _taken.Add(value);
}

/// <summary>Names, addresses and contact details of pupils, parents and staff.</summary>
internal static class People
{
    private static readonly int[] NameCounts = [1, 2, 2, 3];

    private static readonly string[] Toevoegingen = ["a", "b", "c"];

    private static readonly string[] MailDomains = ["example.com", "example.net", "example.org"];

    public static PupilIdentity Identity(Draw draw, IdentityRegistry? registry)
    {
        var female = draw.Chance(0.5);
        var gender = female ? Name.Gender.Female : Name.Gender.Male;
        var voornamen = new List<string>();
        var count = draw.Pick(NameCounts);
        while (voornamen.Count < count)
        {
            var name = draw.Faker.Name.FirstName(gender);
            if (!voornamen.Contains(name)) voornamen.Add(name);
        }
        var (voorvoegsel, achternaam) = draw.Pick(DutchData.Surnames);
        string? bsn = null, onderwijsnummer = null;
        // about one pupil in twenty has no BSN (yet) and is known by an onderwijsnummer
        var useOnderwijsnummer = draw.Chance(0.05);
        do
        {
            if (useOnderwijsnummer) onderwijsnummer = SyntheticIds.Onderwijsnummer(draw);
            else bsn = SyntheticIds.Bsn(draw);
        } while (registry is not null && !registry.TryTake(bsn ?? onderwijsnummer!));
        return new PupilIdentity(voornamen, voorvoegsel, achternaam, female ? "1" : "2", bsn, onderwijsnummer, draw.Chance(0.03));
    }

    /// <summary>A street address in a real place, with a postcode of that place.</summary>
    public static Adres Address(Draw draw, Place place, string soort)
    {
        // postcode letters: F, I, O, Q, U and Y are not used, nor the combinations SA, SD and SS
        string letters;
        do letters = $"{draw.Letter()}{draw.Letter()}"; while (letters is "SA" or "SD" or "SS");
        return new Adres
        {
            Soortadres = soort,
            Straat = draw.Pick(DutchData.Streets),
            Nummer = draw.Int(1, 240).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Toevoeging = draw.Chance(0.1) ? draw.Pick(Toevoegingen) : null,
            Postcode = $"{draw.Int(place.PostcodeFrom, place.PostcodeTo)}{letters}",
            Plaats = place.Plaats,
            Gemeente = place.Gemeente,
            Land = new WaardeMetOmschrijving { Waarde = "6030", Omschrijving = "Nederland" },
        };
    }

    public static Communicatie Phone(string number, string aanduiding, bool emergency = false) =>
        new() { Soort = "telefoon", Aanduiding = aanduiding, Nummer = number, Geheim = false, Noodnummer = emergency };

    public static Communicatie Email(string address, string aanduiding) =>
        new() { Soort = "e-mail", Aanduiding = aanduiding, Nummer = address, Geheim = false, Noodnummer = false };

    /// <summary>Secret contact details travel as the agreed placeholder values (business rule OVa.LL08).</summary>
    public static Communicatie SecretPhone() =>
        new() { Soort = "telefoon", Aanduiding = "prive", Nummer = "9999999999", Geheim = true, Noodnummer = false };

    public static string Mobile(Draw draw) => "06" + draw.Digits(8);

    public static string Landline(Draw draw, Place place) => place.AreaCode + draw.Digits(10 - place.AreaCode.Length);

    /// <summary>An e-mail address on a domain reserved for examples (RFC 2606), so that no mail can reach a real person.</summary>
    public static string MailAddress(Draw draw, params ReadOnlySpan<string?> nameParts)
    {
        var local = new StringBuilder();
        foreach (var part in nameParts)
        {
            if (string.IsNullOrEmpty(part)) continue;
            if (local.Length > 0) local.Append('.');
            local.Append(Ascii(part));
        }
        return $"{local}@{draw.Pick(MailDomains)}";
    }

    /// <summary>The parents (one or two), living with the pupil or, when separated, elsewhere in the same place.</summary>
    public static List<Verzorger> Parents(Draw draw, PupilIdentity pupil, Adres home, Place place)
    {
        var parents = new List<Verzorger>();
        var two = draw.Chance(0.8);
        var separated = two && draw.Chance(0.25);
        var motherFirst = draw.Chance(0.6);
        for (var i = 0; i < (two ? 2 : 1); i++)
        {
            var female = i == 0 ? motherFirst : !motherFirst;
            var voornaam = draw.Faker.Name.FirstName(female ? Name.Gender.Female : Name.Gender.Male);
            // mothers keep their own surname half of the time
            var (voorvoegsel, achternaam) = female && draw.Chance(0.5) ? draw.Pick(DutchData.Surnames) : (pupil.Voorvoegsel, pupil.Achternaam);
            var address = separated && i == 1 ? Address(draw, place, "bezoek") : home with { Soortadres = "bezoek" };
            var contact = new List<Communicatie>();
            if (pupil.Adresgeheim) contact.Add(SecretPhone());
            else contact.Add(Phone(Mobile(draw), "prive", emergency: i == 0));
            contact.Add(Email(MailAddress(draw, voornaam, voorvoegsel + achternaam), "prive"));
            parents.Add(new Verzorger
            {
                Voornaam = [voornaam],
                Voorletters1 = voornaam[0] + ".",
                Voorvoegsel = voorvoegsel,
                Achternaam = achternaam,
                Geslacht = female ? "1" : "2", // codelijst 14: 1 vrouw, 2 man
                Adresgeheim = pupil.Adresgeheim,
                Adreslijst = pupil.Adresgeheim ? [] : [address],
                Communicatielijst = contact,
                Relatietotkind = "1",
                Wettigevertegenwoordiger = true,
            });
        }
        return parents;
    }

    /// <summary>A member of staff: <c>mevr. A. de Vries</c>.</summary>
    public static string Staff(Draw draw)
    {
        var female = draw.Chance(0.7);
        var (voorvoegsel, achternaam) = draw.Pick(DutchData.Surnames);
        var initial = draw.Faker.Name.FirstName(female ? Name.Gender.Female : Name.Gender.Male)[0];
        return string.Join(' ', new[] { female ? "mevr." : "dhr.", initial + ".", voorvoegsel, achternaam }.Where(p => p is not null));
    }

    /// <summary>Initials: <c>S.M.</c>.</summary>
    public static string Initials(IEnumerable<string> names) => string.Concat(names.Select(n => n[0] + "."));

    /// <summary>Words in lower-case ASCII joined by hyphens, for file and web names: <c>basisschool-de-regenboog</c>.</summary>
    public static string Slug(string text) =>
        string.Join('-', text.Split([' ', '-', '\''], StringSplitOptions.RemoveEmptyEntries).Select(Ascii));

    /// <summary>Lower-case ASCII for e-mail addresses and web names (the official e-mail rule allows no accents).</summary>
    public static string Ascii(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            var folded = c switch
            {
                'á' or 'à' or 'ä' or 'â' or 'ã' or 'å' => 'a',
                'é' or 'è' or 'ë' or 'ê' => 'e',
                'í' or 'ì' or 'ï' or 'î' => 'i',
                'ó' or 'ò' or 'ö' or 'ô' or 'õ' or 'ø' => 'o',
                'ú' or 'ù' or 'ü' or 'û' => 'u',
                'ç' => 'c',
                'ñ' => 'n',
                'ş' => 's',
                'ğ' => 'g',
                'ı' => 'i',
                'ÿ' or 'ý' => 'y',
                _ => c,
            };
            if (char.IsAsciiLetterOrDigit(folded)) sb.Append(folded);
        }
        return sb.Length == 0 ? "x" : sb.ToString();
    }
}
