using System.Text;
using System.Xml.Linq;
using Oso.Dossier.Schema;
using Oso.Dossier.Xml;
using Oso.Testing;

namespace Oso.Dossier.Tests.Schema;

/// <summary>
/// xs:decimal and xs:integer take at most 24 digits, as the official validator's xmllint does. Found by the structural
/// differential test: a 30-digit integer was valid to us but invalid to xmllint and XmlSchemaSet.
/// </summary>
public sealed class DigitLimitTests
{
    private const string Z23 = "00000000000000000000000";

    // (element, value, valid): the verdicts of xmllint (libxml2 2.9.14) on an official example with that value
    // (rapportcijfer is an xs:decimal in OV_VOVO_full, codevroegschoolsprogramma an xs:integer in OV_BB_full)
    public static TheoryData<string, string, bool> Cases => new()
    {
        { "rapportcijfer", "123456789012345678901234", true },
        { "rapportcijfer", "1234567890123456789012345", false },
        { "rapportcijfer", "123456789012.345678901234", true },
        { "rapportcijfer", "123456789012.3456789012345", false },
        { "rapportcijfer", "1." + Z23, true }, // trailing zeros of the fraction count
        { "rapportcijfer", "1.0" + Z23, false },
        { "rapportcijfer", "0.0" + Z23, true }, // leading zeros of the integer part do not
        { "rapportcijfer", "0.00" + Z23, false },
        { "rapportcijfer", "-0." + Z23 + "1", true },
        { "rapportcijfer", "0000000000000000000000000001.5", true },
        { "rapportcijfer", "1" + Z23 + ".", false }, // 24 digits and a point: libxml2 stops reading before the point
        { "rapportcijfer", "1" + Z23 + ".0", false },
        { "rapportcijfer", "1234567890123456789012345678", false }, // fits System.Decimal, not xmllint
        { "codevroegschoolsprogramma", "123456789012345678901234", true },
        { "codevroegschoolsprogramma", "-123456789012345678901234", true },
        { "codevroegschoolsprogramma", "+123456789012345678901234", true },
        { "codevroegschoolsprogramma", "1234567890123456789012345", false },
        { "codevroegschoolsprogramma", "123456789012345678901234567890", false },
        { "codevroegschoolsprogramma", "0000000000000000000000000000000000000000001", true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_number_is_valid_when_xmllint_takes_it(string element, string value, bool valid)
    {
        var example = element == "rapportcijfer" ? "OV_VOVO_full" : "OV_BB_full";
        var doc = XDocument.Parse(File.ReadAllText(StandardFiles.Example(example)), LoadOptions.PreserveWhitespace);
        doc.Descendants().First(e => e.Name.LocalName == element).Value = value;
        var bytes = Encoding.UTF8.GetBytes(doc.ToString(SaveOptions.DisableFormatting));

        var meldingen = SchemaValidatingReader.Read(new MemoryStream(bytes), Gegevensset2019.Schema).Meldingen;

        Assert.Equal(valid, meldingen.Count == 0);
        if (!valid)
            Assert.Equal($"De waarde '{value}' van '{element}' heeft te veel cijfers: de officiële validatie neemt er hoogstens 24 (voorloopnullen niet meegeteld).",
                Assert.Single(meldingen).Tekst);
        if (Xmllint.Available) Assert.Equal(valid, Xmllint.Validate(bytes).Valid);
    }

    [Theory]
    [InlineData("0", true)]
    [InlineData("-0.5", true)]
    [InlineData(".5", true)]
    [InlineData("00.", true)]
    [InlineData("999999999999999999999999", true)]
    [InlineData("9999999999999999999999999", false)]
    [InlineData("+000999999999999999999999999999", false)]
    public void FitsDigitLimit_counts_digits_after_leading_zeros(string value, bool fits) =>
        Assert.Equal(fits, XmlValues.FitsDigitLimit(value));
}
