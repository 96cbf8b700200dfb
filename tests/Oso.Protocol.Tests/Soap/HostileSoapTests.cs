using System.Diagnostics;
using System.Text;
using Oso.Protocol.Soap;

namespace Oso.Protocol.Tests.Soap;

public class HostileSoapTests
{
    private const string Head = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" "
        + "xmlns:ns1=\"http://xml.kennisnet.nl/schemas/Overstapservice/20200910\"><s:Body>";

    [Fact]
    public async Task Malformed_xml_is_a_located_client_fault()
    {
        var fault = TestData.Rejected(await TestData.ReadAsync(Head + "<ns1:overzichtAanleverpuntRequest><ns1:brin>00YY</ns1:doel>"));

        Assert.Equal(SoapFaultCode.Client, fault.Code);
        Assert.Equal(SoapFoutcodes.NietWelgevormd, fault.Foutcode);
        Assert.Equal(1, fault.Regel);
        Assert.NotNull(fault.Kolom);
    }

    [Fact]
    public async Task A_bad_byte_inside_the_declared_version_is_a_located_encoding_fault()
    {
        // found by fuzzing (fuzz/run.sh soap): XmlReader throws ArgumentOutOfRangeException here, not an XmlException
        // (only while the whole message fits the parser's first buffer: a short one)
        byte[] message = [.. "<?xml version=\"1.0"u8, .. Enumerable.Repeat((byte)0xFA, 8), .. "\" encoding=\"utf-8\"?><a/>"u8];

        var fault = TestData.Rejected(await TestData.ReadAsync(message));

        Assert.Equal(SoapFaultCode.Client, fault.Code);
        Assert.Equal(SoapFoutcodes.Codering, fault.Foutcode);
        Assert.False(Oso.Protocol.Messages.GegevenssetXml.TryCreate(message, out _, out var reden));
        Assert.Contains("geen welgevormde XML", reden);
    }

    [Theory]
    [InlineData("<ns1:kolom>17</ns1:kolom>", null, null)]
    [InlineData("<ns1:regel>3</ns1:regel>", 3, 0)]
    [InlineData("<ns1:regel>x</ns1:regel><ns1:kolom>17</ns1:kolom>", null, null)]
    [InlineData("<ns1:regel>3</ns1:regel><ns1:kolom>17</ns1:kolom>", 3, 17)]
    public async Task A_received_fault_has_a_location_only_with_a_line_and_reads_back_equal_after_writing(string detail, int? regel, int? kolom)
    {
        // found by fuzzing (fuzz/run.sh soap): a column without a line was kept, and SoapWriter then dropped it
        var received = Assert.IsType<SoapReadResult.FaultReceived>(await TestData.ReadAsync(Head
            + $"<s:Fault><faultcode>s:Client</faultcode><faultstring>Fout.</faultstring><detail><ns1:fout><ns1:code>SOAP.TeDiep</ns1:code>{detail}</ns1:fout></detail></s:Fault></s:Body></s:Envelope>")).Fault;
        using var written = new MemoryStream();
        await SoapWriter.WriteFaultAsync(written, received, TestData.Ct);

        var again = Assert.IsType<SoapReadResult.FaultReceived>(await TestData.ReadAsync(written.ToArray())).Fault;

        Assert.Equal((regel, kolom), (received.Regel, received.Kolom));
        Assert.Equal("Fout.", received.Tekst);
        Assert.Equal(received, again);
    }

    [Fact]
    public async Task A_truncated_message_is_reported_as_broken_off()
    {
        var fault = TestData.Rejected(await TestData.ReadAsync(Head + "<ns1:overzichtAanleverpuntRequest>"));

        Assert.Equal(SoapFoutcodes.Afgebroken, fault.Foutcode);
    }

    [Fact]
    public async Task The_oso18_namespace_is_refused_with_the_expected_namespace_named()
    {
        var xml = TestData.Envelope("<x:overzichtAanleverpuntRequest xmlns:x=\"http://xml.kennisnet.nl/schemas/Overstapservice/20180404\"/>");

        var fault = TestData.Rejected(await TestData.ReadAsync(xml));

        Assert.Equal(SoapFoutcodes.VerkeerdeNamespace, fault.Foutcode);
        Assert.Contains("20200910", fault.Tekst);
    }

    [Fact]
    public async Task An_unknown_operation_is_refused()
    {
        var fault = TestData.Rejected(await TestData.ReadAsync(TestData.Envelope("<ns1:geefAllesRequest/>")));

        Assert.Equal(SoapFoutcodes.OnbekendeOperatie, fault.Foutcode);
        Assert.Equal(SoapFaultCode.Client, fault.Code);
    }

    [Fact]
    public async Task An_external_entity_is_never_resolved()
    {
        var xml = "<?xml version=\"1.0\"?><!DOCTYPE s:Envelope [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
            + TestData.Envelope("<ns1:overzichtAanleverpuntRequest><ns1:brin>&xxe;</ns1:brin></ns1:overzichtAanleverpuntRequest>");

        var fault = TestData.Rejected(await TestData.ReadAsync(xml));

        Assert.Equal(SoapFoutcodes.DtdVerboden, fault.Foutcode);
        Assert.DoesNotContain("root:", fault.Omschrijving);
    }

    [Fact]
    public async Task Billion_laughs_is_refused_before_any_expansion()
    {
        var dtd = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (var i = 1; i <= 9; i++)
            dtd.Append($"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat(i == 1 ? "&lol;" : $"&lol{i - 1};", 10))}\">");
        dtd.Append("]>");
        var xml = dtd + TestData.Envelope("<ns1:overzichtAanleverpuntRequest><ns1:brin>&lol9;</ns1:brin></ns1:overzichtAanleverpuntRequest>");
        var before = GC.GetAllocatedBytesForCurrentThread();

        var fault = TestData.Rejected(await TestData.ReadAsync(xml));

        Assert.Equal(SoapFoutcodes.DtdVerboden, fault.Foutcode);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 10_000_000);
    }

    [Fact]
    public async Task Nesting_100000_deep_stops_at_the_depth_limit_without_reading_on()
    {
        var input = new GeneratedStream(Head + "<ns1:documentResponse><d:dossier xmlns:d=\"http://www.edustandaard.nl/oso_gegevensset/2019/dossier\">", "<d:a>", 100_000 * 5);

        var fault = TestData.Rejected(await SoapReader.ReadAsync(input, cancellationToken: TestData.Ct));

        Assert.Equal(SoapFoutcodes.TeDiep, fault.Foutcode);
        Assert.True(input.Delivered < 100_000, $"read {input.Delivered} bytes before refusing");
    }

    [Fact]
    public async Task A_100_MB_protocol_field_is_refused_after_a_few_kilobytes()
    {
        var input = new GeneratedStream(Head + "<ns1:overzichtAanleverpuntRequest><ns1:brin>", "A", 100L * 1024 * 1024);

        var fault = TestData.Rejected(await SoapReader.ReadAsync(input, cancellationToken: TestData.Ct));

        Assert.Equal(SoapFoutcodes.TekstTeLang, fault.Foutcode);
        Assert.True(input.Delivered < 1024 * 1024, $"read {input.Delivered} bytes before refusing");
    }

    [Fact]
    public async Task A_100_MB_body_over_the_size_limit_is_refused_at_the_limit()
    {
        var limits = SoapLimits.Default with { MaxMessageBytes = 8 * 1024 * 1024 };
        var input = new GeneratedStream(Head + "<ns1:documentResponse><dossier xmlns=\"http://www.edustandaard.nl/oso_gegevensset/2019/dossier\"><a>", "QUFB", 100L * 1024 * 1024);

        var fault = TestData.Rejected(await SoapReader.ReadAsync(input, limits, TestData.Ct));

        Assert.Equal(SoapFoutcodes.TeGroot, fault.Foutcode);
        Assert.True(input.Delivered <= limits.MaxMessageBytes + 64 * 1024, $"read {input.Delivered} bytes");
    }

    [Fact]
    public async Task A_100_MB_dossier_text_under_default_limits_is_refused_at_the_text_limit()
    {
        var input = new GeneratedStream(Head + "<ns1:documentResponse><dossier xmlns=\"http://www.edustandaard.nl/oso_gegevensset/2019/dossier\"><a>", "QUFB", 100L * 1024 * 1024);

        var fault = TestData.Rejected(await SoapReader.ReadAsync(input, cancellationToken: TestData.Ct));

        Assert.Equal(SoapFoutcodes.TekstTeLang, fault.Foutcode);
        Assert.True(input.Delivered < 70L * 1024 * 1024, $"read {input.Delivered} bytes"); // stops at the limit, not at the end
    }

    [Fact]
    public async Task Too_many_elements_are_refused()
    {
        var limits = SoapLimits.Default with { MaxElements = 1000 };
        var input = new GeneratedStream(Head + "<ns1:documentResponse><dossier xmlns=\"http://www.edustandaard.nl/oso_gegevensset/2019/dossier\">", "<a/>", 10_000_000);

        var fault = TestData.Rejected(await SoapReader.ReadAsync(input, limits, TestData.Ct));

        Assert.Equal(SoapFoutcodes.TeveelElementen, fault.Foutcode);
    }

    [Fact]
    public async Task Too_many_attributes_are_refused()
    {
        var attributes = string.Concat(Enumerable.Range(0, 40).Select(i => $" a{i}=\"x\""));

        var fault = TestData.Rejected(await TestData.ReadAsync(TestData.Envelope($"<ns1:overzichtAanleverpuntRequest{attributes}/>")));

        Assert.Equal(SoapFoutcodes.TeveelAttributen, fault.Foutcode);
    }

    [Theory]
    [InlineData("", SoapFoutcodes.Leeg)]
    [InlineData("   ", SoapFoutcodes.Leeg)]
    [InlineData("<a/>", SoapFoutcodes.GeenEnvelope)]
    [InlineData("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"/>", SoapFoutcodes.GeenBody)]
    [InlineData("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body/></s:Envelope>", SoapFoutcodes.LegeBody)]
    [InlineData("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body> </s:Body></s:Envelope>", SoapFoutcodes.LegeBody)]
    [InlineData("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>tekst</s:Body></s:Envelope>", SoapFoutcodes.NietWelgevormd)]
    [InlineData("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><a/></s:Body></s:Envelope><b/>", SoapFoutcodes.VerkeerdeNamespace)]
    public async Task Broken_envelopes_are_refused_with_a_stable_code(string xml, string foutcode)
    {
        var fault = TestData.Rejected(await TestData.ReadAsync(xml));

        Assert.Equal(foutcode, fault.Foutcode);
    }

    [Fact]
    public async Task Trailing_garbage_after_the_envelope_is_refused()
    {
        var xml = TestData.Envelope("<ns1:overzichtAanleverpuntRequest/>") + "<extra/>";

        Assert.Equal(SoapFoutcodes.NietWelgevormd, TestData.Rejected(await TestData.ReadAsync(xml)).Foutcode);
    }

    [Fact]
    public async Task Two_messages_in_one_body_are_refused()
    {
        var xml = TestData.Envelope("<ns1:overzichtAanleverpuntRequest/><ns1:overzichtAanleverpuntRequest/>");

        Assert.Equal(SoapFoutcodes.MeerdereBerichten, TestData.Rejected(await TestData.ReadAsync(xml)).Foutcode);
    }

    [Fact]
    public async Task A_soap12_envelope_gets_a_version_mismatch()
    {
        var fault = TestData.Rejected(await TestData.ReadAsync("<e:Envelope xmlns:e=\"http://www.w3.org/2003/05/soap-envelope\"><e:Body/></e:Envelope>"));

        Assert.Equal(SoapFaultCode.VersionMismatch, fault.Code);
    }

    [Fact]
    public async Task A_header_that_must_be_understood_gets_a_must_understand_fault()
    {
        var xml = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Header><w:Security xmlns:w=\"urn:x\" s:mustUnderstand=\"1\"/></s:Header>"
            + "<s:Body><ns1:overzichtAanleverpuntRequest xmlns:ns1=\"http://xml.kennisnet.nl/schemas/Overstapservice/20200910\"/></s:Body></s:Envelope>";

        Assert.Equal(SoapFaultCode.MustUnderstand, TestData.Rejected(await TestData.ReadAsync(xml)).Code);
    }

    [Fact]
    public async Task Invalid_utf8_is_refused_as_an_encoding_error()
    {
        var bytes = Encoding.UTF8.GetBytes(TestData.Envelope("<ns1:overzichtAanleverpuntRequest><ns1:brin>00YY</ns1:brin></ns1:overzichtAanleverpuntRequest>"));
        var at = Array.IndexOf(bytes, (byte)'Y');
        bytes[at] = 0xC3;
        bytes[at + 1] = 0x28;

        Assert.Equal(SoapFoutcodes.Codering, TestData.Rejected(await TestData.ReadAsync(bytes)).Foutcode);
    }

    [Fact]
    public async Task Cancellation_is_not_turned_into_a_fault()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        var input = new GeneratedStream(Head, " ", 1000);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => SoapReader.ReadAsync(new SlowStream(input), cancellationToken: cts.Token));
    }

    /// <summary>Forwards reads but honours cancellation, as a network stream does.</summary>
    private sealed class SlowStream(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(1, cancellationToken);
            return await inner.ReadAsync(buffer, cancellationToken);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
