using System.Text;
using System.Xml;
using Oso.Dossier.Schema;
using Oso.Dossier.Xml;

namespace Oso.Dossier.Tests.Validation;

public sealed class ValueMessageTests
{
    private const string Ns = "http://www.edustandaard.nl/oso_gegevensset/2019/dossier";

    private static string WaardeOngeldig(string element, string value)
    {
        var xml = $"<dossier xmlns=\"{Ns}\"><huidigeschool><leerling><{element}>{value}</{element}></leerling></huidigeschool></dossier>";
        var read = SchemaValidatingReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(xml)), Gegevensset2019.Schema);
        return Assert.Single(read.Meldingen, m => m.Code == "XSD.WaardeOngeldig").Tekst;
    }

    // regression: the value was cut after 57 UTF-16 units, which can split a character outside the BMP in two; the
    // lone half made the message unwritable (XmlWriter in `oso dossier validate --format meldingen`, strict UTF-8)
    [Theory]
    [InlineData(55)]
    [InlineData(56)]
    public void A_long_value_is_shortened_without_splitting_a_character(int before)
    {
        var value = new string('x', before) + string.Concat(Enumerable.Repeat("😀", 10));

        var tekst = WaardeOngeldig("geboortemaand", value); // a pattern: the message shows the value

        Assert.Contains("xxxx", tekst, StringComparison.Ordinal);
        Assert.Contains("...", tekst, StringComparison.Ordinal);
        Assert.DoesNotContain(value, tekst, StringComparison.Ordinal);
        _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetBytes(tekst);
        using var writer = XmlWriter.Create(new StringWriter());
        writer.WriteElementString("tekst", tekst);
    }

    [Fact]
    public void A_too_long_value_is_counted_in_characters_not_utf16_units()
    {
        // 35 characters, 36 UTF-16 units: within adresbuitenland's maxLength of 35
        var read = SchemaValidatingReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(
            $"<dossier xmlns=\"{Ns}\"><huidigeschool><leerling><adresbuitenland>{new string('x', 34)}😀</adresbuitenland></leerling></huidigeschool></dossier>")),
            Gegevensset2019.Schema);
        Assert.DoesNotContain(read.Meldingen, m => m.Code == "XSD.WaardeOngeldig");

        Assert.Equal("De waarde van 'adresbuitenland' is langer dan 35 tekens (36).", WaardeOngeldig("adresbuitenland", new string('x', 35) + "😀"));
    }
}
