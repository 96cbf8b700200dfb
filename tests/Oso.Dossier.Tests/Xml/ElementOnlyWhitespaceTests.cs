using System.Text;
using Oso.Dossier.Schema;
using Oso.Dossier.Xml;
using Oso.Testing;

namespace Oso.Dossier.Tests.Xml;

/// <summary>
/// Whitespace between elements is formatting, however it is written: XML Schema allows only whitespace characters in
/// element-only content, and a character reference to a space is one. The XmlReader reports whitespace longer than its
/// look-ahead (a few thousand characters) as text, which once made us call such a dossier invalid; both readers now
/// judge the characters themselves.
/// </summary>
public sealed class ElementOnlyWhitespaceTests
{
    private static byte[] Example() => File.ReadAllBytes(StandardFiles.Example("OV_POVO_full"));

    // puts the text before the first child of the first <leerling>
    private static byte[] WithText(string text)
    {
        var xml = Encoding.UTF8.GetString(Example());
        var at = xml.IndexOf("<leerling>", StringComparison.Ordinal) + "<leerling>".Length;
        return Encoding.UTF8.GetBytes(xml.Insert(at, text));
    }

    public static TheoryData<string, int> Formatting => new()
    {
        { "ten thousand tabs", 10_000 },
        { "a hundred thousand spaces", 100_000 },
    };

    [Theory]
    [MemberData(nameof(Formatting))]
    public void Long_whitespace_between_elements_is_valid_to_both_readers_and_to_XmlSchemaSet(string name, int length)
    {
        var document = WithText(new string(name.Contains("tabs", StringComparison.Ordinal) ? '\t' : ' ', length));

        Assert.Empty(XsdOracle.Validate(document));
        var slow = SchemaValidatingReader.ReadWithXmlReader(new MemoryStream(document), Gegevensset2019.Schema, XmlLimits.Default, keepAttachments: false);
        Assert.True(slow.StructurallyValid, string.Join("\n", slow.Meldingen));
        var fast = SchemaValidatingReader.TryReadFast(document, Gegevensset2019.Schema, XmlLimits.Default, keepAttachments: false);
        Assert.NotNull(fast);
        Assert.True(fast.StructurallyValid, string.Join("\n", fast.Meldingen));
    }

    [Fact]
    public void Character_references_to_whitespace_between_elements_are_formatting()
    {
        var document = WithText("&#32;&#x9;&#10;  ");

        Assert.Empty(XsdOracle.Validate(document));
        Assert.True(SchemaValidatingReader.Read(new MemoryStream(document), Gegevensset2019.Schema).StructurallyValid);
        Assert.True(SchemaValidatingReader.ReadWithXmlReader(new MemoryStream(document), Gegevensset2019.Schema, XmlLimits.Default, keepAttachments: true).StructurallyValid);
    }

    [Theory]
    [InlineData("tekst")]
    [InlineData("&#65;")]
    [InlineData("    x    ")]
    public void Other_text_between_elements_is_still_an_error_located_at_its_element(string text)
    {
        var document = WithText(text);

        Assert.NotEmpty(XsdOracle.Validate(document));
        foreach (var read in new[]
        {
            SchemaValidatingReader.Read(new MemoryStream(document), Gegevensset2019.Schema),
            SchemaValidatingReader.ReadWithXmlReader(new MemoryStream(document), Gegevensset2019.Schema, XmlLimits.Default, keepAttachments: true),
        })
        {
            var melding = Assert.Single(read.Meldingen);
            Assert.Equal("XSD.GeenTekstToegestaan", melding.Code);
            Assert.Equal("/dossier[1]/huidigeschool[1]/leerling[1]", melding.Locatie);
        }
    }
}
