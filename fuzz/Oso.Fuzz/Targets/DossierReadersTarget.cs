using System.Text;
using Oso.Dossier.Schema;
using Oso.Dossier.Xml;
using Oso.Testing;

namespace Oso.Fuzz.Targets;

/// <summary>
/// Both readers of <see cref="SchemaValidatingReader"/> on every input (ADR 0008): the <see cref="System.Xml.XmlReader"/>
/// path must never throw, the fast <c>Utf8DocumentReader</c> must never throw, and whenever the fast reader decides, its
/// tree and meldingen must equal the XmlReader path's in every detail (<see cref="ReadResultDifference"/>). Inputs of
/// odd length run under tight limits, so the limit refusals are reached too.
/// </summary>
internal sealed class DossierReadersTarget : FuzzTarget
{
    private static readonly XmlLimits Tight = XmlLimits.Default with
    {
        MaxDepth = 6, MaxElements = 64, MaxTextLength = 64, MaxAttributes = 3, MaxDocumentLength = 4096,
    };

    public override string Name => "dossier-readers";

    public override string Description => "Utf8DocumentReader against the XmlReader path: no throw, the same result whenever the fast reader decides";

    public override string Dictionary => "xml";

    public override void Run(byte[] input)
    {
        var limits = input.Length % 2 == 0 ? XmlLimits.Default : Tight;
        var keepAttachments = input.Length % 3 != 0;
        var expected = SchemaValidatingReader.ReadWithXmlReader(new MemoryStream(input, writable: false), Gegevensset2019.Schema, limits, keepAttachments);
        var actual = SchemaValidatingReader.TryReadFast(input, Gegevensset2019.Schema, limits, keepAttachments);
        if (actual is null || ReadResultDifference.First(expected, actual) is not { } difference) return;
        if (XmlReaderMisjudgedEncoding(expected, actual, input)) return;
        throw new FuzzFinding($"The fast reader differs from the XmlReader path (limits: {(limits == Tight ? "tight" : "default")}):\n{difference}");
    }

    /// <summary>
    /// The one known deviation of the reference (FastReaderDifferentialTests): the XmlReader calls a long run of characters
    /// outside the BMP crossing its buffer an encoding error, where the fast reader (and xmllint) read a tree.
    /// </summary>
    private static bool XmlReaderMisjudgedEncoding(XmlReadResult expected, XmlReadResult actual, byte[] input) =>
        expected.Root is null && actual.Root is not null && expected.Meldingen.Count > 0 && expected.Meldingen[^1].Code == "XML.Codering"
        && input.Any(b => b >= 0xF0);

    public override IEnumerable<(string Name, byte[] Bytes)> Seeds(SeedSources sources) =>
        DossierSeeds.All(sources).Append(("non-bmp.xml", Encoding.UTF8.GetBytes(
            "<dossier xmlns=\"http://www.edustandaard.nl/oso_gegevensset/2019/dossier\"><huidigeschool><naam>\U0001F600 é ü</naam></huidigeschool></dossier>")));
}
