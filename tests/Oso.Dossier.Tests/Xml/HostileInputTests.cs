using System.Diagnostics;
using System.Text;
using Oso.Dossier.Validation;
using Oso.Testing;

namespace Oso.Dossier.Tests.Xml;

/// <summary>Hostile input is refused with a clear, located message, in bounded time and memory, and never throws.</summary>
public sealed class HostileInputTests
{
    private const string Ns = "http://www.edustandaard.nl/oso_gegevensset/2019/dossier";

    private static DossierReadResult Read(string xml) => DossierReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(xml)));

    private static Melding Single(DossierReadResult result)
    {
        Assert.Null(result.Document);
        return Assert.Single(result.Meldingen);
    }

    /// <summary>
    /// Found by fuzzing (fuzz/run.sh soap, then dossier-readers): bytes like these inside <c>version="…"</c> make .NET's
    /// XmlReader throw an ArgumentOutOfRangeException (from SwitchEncoding) instead of an XmlException.
    /// </summary>
    internal static byte[] BadByteInVersion => [.. "<?xml version=\"1.0"u8, .. Enumerable.Repeat((byte)0xFA, 8), .. "\" encoding=\"utf-8\"?><a/>"u8];

    [Fact]
    public void A_bad_byte_inside_the_declared_version_is_an_encoding_error_not_a_crash()
    {
        var read = DossierReader.Read(new MemoryStream(BadByteInVersion));
        var report = new DossierValidator().Validate(new MemoryStream(BadByteInVersion));

        Assert.Equal("XML.Codering", Single(read).Code);
        Assert.Equal("XML.Codering", Assert.Single(report.Meldingen).Code);
        Assert.False(report.Valid);
    }

    [Fact]
    public void An_external_entity_is_refused_because_DTDs_are_prohibited()
    {
        var result = Read($"""<?xml version="1.0"?><!DOCTYPE dossier [<!ENTITY x SYSTEM "file:///etc/passwd">]><dossier xmlns="{Ns}">&x;</dossier>""");

        var melding = Single(result);
        Assert.Equal("XML.DtdVerboden", melding.Code);
        Assert.Contains("DTD", melding.Tekst);
        Assert.Equal(1, melding.Regel);
        Assert.DoesNotContain("root:", melding.Tekst);
    }

    [Fact]
    public void A_billion_laughs_document_is_refused_at_once()
    {
        var sb = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (var i = 1; i < 10; i++) sb.Append($"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{(i == 1 ? "" : i - 1)};", 10))}\">");
        sb.Append($"]><dossier xmlns=\"{Ns}\">&lol9;</dossier>");
        var before = GC.GetAllocatedBytesForCurrentThread();

        var melding = Single(Read(sb.ToString()));

        Assert.Equal("XML.DtdVerboden", melding.Code);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 10_000_000, "no entity was expanded"); // 10^9 "lol"s would be gigabytes
    }

    [Fact]
    public void Nesting_100000_deep_is_refused_at_the_depth_limit()
    {
        var depth = 100_000;
        var xml = $"<dossier xmlns=\"{Ns}\">" + string.Concat(Enumerable.Repeat("<a>", depth)) + string.Concat(Enumerable.Repeat("</a>", depth)) + "</dossier>";

        var result = Read(xml);

        var melding = result.Meldingen[^1];
        Assert.Null(result.Document);
        Assert.Equal("XML.TeDiep", melding.Code);
        Assert.Equal(1, melding.Regel);
        Assert.True(melding.Kolom > 64 * 3, "the position of the first element beyond the limit");
    }

    [Fact]
    public void A_500_MB_text_node_is_refused_without_reading_it_all()
    {
        const long size = 500L * 1024 * 1024;
        var stream = new GeneratedStream($"<dossier xmlns=\"{Ns}\"><metadata><deeldossier>", (byte)'a', size, "</deeldossier></metadata></dossier>");
        var before = GC.GetAllocatedBytesForCurrentThread(); // this thread only: other test classes run in parallel

        var result = DossierReader.Read(stream);

        var melding = Assert.Single(result.Meldingen);
        Assert.Equal("XML.TekstTeLang", melding.Code);
        Assert.Contains("deeldossier", melding.Tekst);
        Assert.True(stream.BytesRead < size / 4, $"stopped early ({stream.BytesRead:N0} bytes read)");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 600L * 1024 * 1024, "bounded memory");
    }

    [Fact]
    public void A_document_larger_than_the_document_limit_is_refused()
    {
        var limits = new Dossier.Xml.XmlLimits { MaxDocumentLength = 1024 * 1024 };
        var stream = new GeneratedStream($"<dossier xmlns=\"{Ns}\"><!--", (byte)'x', 8L * 1024 * 1024, "--></dossier>");

        var result = DossierReader.Read(stream, new DossierReaderOptions { Limits = limits });

        Assert.Equal("XML.DocumentTeGroot", Assert.Single(result.Meldingen).Code);
        Assert.True(stream.BytesRead < 4L * 1024 * 1024);
    }

    [Fact]
    public void A_truncated_file_is_reported_with_its_line_and_column()
    {
        var full = File.ReadAllText(StandardFiles.Example("OV_POPO_opt_out"));
        var truncated = full[..(full.Length / 2)];

        var melding = Single(Read(truncated));

        Assert.Equal("XML.Afgebroken", melding.Code);
        Assert.True(melding.Regel > 10);
        Assert.True(melding.Kolom > 0);
    }

    [Fact]
    public void Invalid_UTF8_is_refused_as_an_encoding_error()
    {
        var bytes = Encoding.UTF8.GetBytes($"<dossier xmlns=\"{Ns}\"><metadata><deeldossier>LAS</deeldossier></metadata></dossier>").ToList();
        bytes.InsertRange(bytes.IndexOf((byte)'L'), new byte[] { 0xC3, 0x28, 0xFF });

        var result = DossierReader.Read(new MemoryStream(bytes.ToArray()));

        var melding = Assert.Single(result.Meldingen);
        Assert.Null(result.Document);
        Assert.Equal("XML.Codering", melding.Code);
        Assert.Equal(1, melding.Regel);
    }

    [Theory]
    [InlineData("\u0001", "XML.Codering")]                              // a character XML does not allow
    [InlineData("<a b=\"<\"/>", "XML.NietWelgevormd")]                   // markup, not bytes
    [InlineData("<a 1b=\"x\"/>", "XML.NietWelgevormd")]
    [InlineData("<a b=x/>", "XML.NietWelgevormd")]
    [InlineData("<a:b:c/>", "XML.NietWelgevormd")]
    public void A_markup_error_is_not_called_an_encoding_error(string inside, string code)
    {
        var melding = Single(Read($"<dossier xmlns=\"{Ns}\"><metadata>{inside}</metadata></dossier>"));

        Assert.Equal(code, melding.Code);
        Assert.Equal(1, melding.Regel);
    }

    [Fact]
    public void An_empty_file_is_refused_as_empty()
    {
        Assert.Equal("XML.Leeg", Single(DossierReader.Read(new MemoryStream())).Code);
        Assert.Equal("XML.Leeg", Single(Read("<?xml version=\"1.0\"?>\n<!-- niets -->")).Code);
    }

    [Fact]
    public void A_dossier_in_the_wrong_namespace_is_refused_at_its_root()
    {
        var xml = File.ReadAllText(StandardFiles.Example("OV_POPO_opt_out"))
            .Replace("http://www.edustandaard.nl/oso_gegevensset/2019/dossier", "http://www.edustandaard.nl/oso_gegevensset/2018/dossier", StringComparison.Ordinal);

        var melding = Single(Read(xml));

        Assert.Equal("XSD.Namespace", melding.Code);
        Assert.Equal("/dossier[1]", melding.Locatie);
        Assert.Contains("2018", melding.Tekst);
        Assert.Equal(2, melding.Regel);
    }

    [Fact]
    public void Not_XML_at_all_is_refused_as_not_well_formed()
    {
        var melding = Single(Read("{\"dossier\": true}"));

        Assert.Equal("XML.NietWelgevormd", melding.Code);
        Assert.Equal(1, melding.Regel);
        Assert.Equal(1, melding.Kolom);
    }
}
