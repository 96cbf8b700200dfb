using Oso.Dossier.Identifiers;
using Oso.Dossier.Rules.Xpath;
using Oso.Dossier.Validation;
using Oso.Dossier.Xml;

namespace Oso.Dossier.Rules.Extra;

/// <summary>EXTRA.Bsn11Proef, EXTRA.BsnVorm, EXTRA.Onderwijsnummer, EXTRA.OnderwijsnummerVorm, EXTRA.BsnEnOnderwijsnummer and EXTRA.BrinOngeldig.</summary>
internal static class IdentifierChecks
{
    public static readonly ExtraRule Bsn = new("EXTRA.Bsn11Proef", "Een BSN van negen cijfers dat niet aan de 11-proef voldoet.");
    public static readonly ExtraRule Onderwijsnummer = new("EXTRA.Onderwijsnummer", "Een onderwijsnummer van negen cijfers dat geen geldig onderwijsnummer is.");
    public static readonly ExtraRule BsnVorm = new("EXTRA.BsnVorm", "Een BSN dat niet uit precies negen cijfers bestaat (letters, spaties, te kort of te lang).");
    public static readonly ExtraRule OnderwijsnummerVorm = new("EXTRA.OnderwijsnummerVorm", "Een onderwijsnummer dat niet uit precies negen cijfers bestaat.");
    public static readonly ExtraRule BeideNummers = new("EXTRA.BsnEnOnderwijsnummer", "Een leerling met zowel een BSN als een onderwijsnummer.");
    public static readonly ExtraRule Brin = new("EXTRA.BrinOngeldig", "Een BRIN-code die niet uit twee cijfers en twee hoofdletters bestaat.");

    // every element of the gegevensset typed brincodeType
    public static readonly string[] BrinElements = ["brincode", "teruggeplaatstnaarbrin", "lgfbrincode", "arrangement_brin", "opdc_brin", "ambulantbrincode"];

    public static void CheckBsn(XmlElementNode e, List<Melding> found)
    {
        var value = e.Text.Trim();
        if (!IsNineDigits(value))
            found.Add(BsnVorm.At(e, $"Het BSN '{XsText.Quote(e.Text)}' bestaat niet uit precies negen cijfers; een BSN heeft er altijd negen (een voorloopnul telt mee). Controleer het nummer in de administratie."));
        else if (!Identifiers.Bsn.IsValid(value))
            found.Add(Bsn.At(e, $"Het BSN '{value}' voldoet niet aan de 11-proef; controleer het nummer in de administratie."));
    }

    public static void CheckOnderwijsnummer(XmlElementNode e, List<Melding> found)
    {
        var value = e.Text.Trim();
        if (!IsNineDigits(value))
            found.Add(OnderwijsnummerVorm.At(e, $"Het onderwijsnummer '{XsText.Quote(e.Text)}' bestaat niet uit precies negen cijfers; controleer het nummer in de administratie."));
        else if (!Identifiers.Onderwijsnummer.IsValid(value))
            found.Add(Onderwijsnummer.At(e, $"'{value}' is geen geldig onderwijsnummer (het begint met 1 en de 11-proef geeft rest 5)."));
    }

    public static void CheckBoth(XmlElementNode leerling, List<Melding> found)
    {
        if (Od.Has(leerling, "bsn") && Od.Has(leerling, "onderwijsnummer"))
            found.Add(BeideNummers.At(leerling, "De leerling heeft zowel een BSN als een onderwijsnummer; een onderwijsnummer hoort alleen bij een leerling zonder BSN."));
    }

    public static void CheckBrin(XmlElementNode e, List<Melding> found)
    {
        if (!Identifiers.Brin.TryParse(e.Text, out _))
            found.Add(Brin.At(e, $"'{XsText.Quote(e.Text)}' is geen BRIN-code (twee cijfers en twee hoofdletters, zoals 00YY)."));
    }

    // neither the schema nor the official rules look inside the number
    private static bool IsNineDigits(string value) => value.Length == 9 && value.All(char.IsAsciiDigit);
}
