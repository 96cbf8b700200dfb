using System.Text;
using System.Xml;
using Oso.Protocol.Messages;
using Oso.Protocol.Soap;
using Oso.Testing;

namespace Oso.Protocol.Tests.Soap;

public class EmbeddedDossierTests
{
    [Theory]
    [MemberData(nameof(StandardFiles.ExampleNames), MemberType = typeof(StandardFiles))]
    public async Task An_official_example_dossier_survives_a_documentResponse_node_for_node(string name)
    {
        var original = await File.ReadAllBytesAsync(StandardFiles.Example(name), TestData.Ct);
        var message = new DocumentResponse.Geleverd(GegevenssetXml.Create(original));

        var read = TestData.Read<DocumentResponse.Geleverd>(await TestData.ReadAsync(await TestData.WriteAsync(message)));

        Assert.Equal(Nodes(original), Nodes(read.Dossier.Utf8.ToArray()));
    }

    [Theory]
    [MemberData(nameof(StandardFiles.ExampleNames), MemberType = typeof(StandardFiles))]
    public async Task The_bytes_on_the_wire_are_the_bytes_the_bron_signed(string name)
    {
        var original = await File.ReadAllBytesAsync(StandardFiles.Example(name), TestData.Ct);
        var message = new DocumentResponse.Geleverd(GegevenssetXml.Create(original));

        var wire = await TestData.WriteAsync(message);

        Assert.True(wire.AsSpan().IndexOf(GegevenssetXml.Create(original).Utf8.Span) > 0, "the dossier's bytes are not in the message unchanged");
        var read = TestData.Read<DocumentResponse.Geleverd>(await TestData.ReadAsync(wire));
        // what is read back ends at the root's end tag (a trailing newline of the file is outside the document element)
        Assert.Equal(GegevenssetXml.Create(original).Utf8.ToArray().AsSpan().TrimEnd("\r\n\t "u8).ToArray(), read.Dossier.Utf8.ToArray());
    }

    [Fact]
    public async Task Writing_a_dossier_does_not_copy_it()
    {
        var dossier = GegevenssetXml.Create(Encoding.UTF8.GetBytes("<dossier xmlns=\"http://www.edustandaard.nl/oso_gegevensset/2019/dossier\"><bijlage>"
            + new string('A', 4 * 1024 * 1024) + "</bijlage></dossier>"));
        var message = new DocumentResponse.Geleverd(dossier);
        using var sink = new MemoryStream(dossier.Utf8.Length + 4096);
        await SoapWriter.WriteAsync(sink, message, TestData.Ct); // warm-up: the writer's types and pools

        sink.SetLength(0);
        var before = GC.GetAllocatedBytesForCurrentThread();
        await SoapWriter.WriteAsync(sink, message, TestData.Ct);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < dossier.Utf8.Length / 8, $"writing a 4 MiB dossier allocated {allocated} bytes");
        Assert.True(sink.Length > dossier.Utf8.Length);
    }

    [Fact]
    public async Task A_large_dossier_goes_out_in_writes_a_server_can_hold_back()
    {
        // Kestrel copies each write into its pinned pool before the connection's back-pressure applies: one write of the
        // whole dossier would pin all of it at the bron (and the pool keeps what it took)
        var dossier = GegevenssetXml.Create(Encoding.UTF8.GetBytes("<dossier xmlns=\"http://www.edustandaard.nl/oso_gegevensset/2019/dossier\"><bijlage>"
            + new string('A', 4 * 1024 * 1024) + "</bijlage></dossier>"));
        using var sink = new WriteRecorder();

        await SoapWriter.WriteAsync(sink, new DocumentResponse.Geleverd(dossier), TestData.Ct);

        Assert.True(sink.LargestWrite <= 64 * 1024, $"one write carried {sink.LargestWrite} bytes");
        var written = sink.ToArray();
        Assert.True(written.AsSpan().IndexOf(dossier.Utf8.Span) > 0, "the dossier's bytes are on the wire unchanged and in one piece");
    }

    // a sink that remembers its largest single write (MemoryStream's own span overloads call back into a subclass)
    private sealed class WriteRecorder : Stream
    {
        private readonly MemoryStream _bytes = new();

        public int LargestWrite { get; private set; }

        public byte[] ToArray() => _bytes.ToArray();

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            LargestWrite = Math.Max(LargestWrite, buffer.Length);
            _bytes.Write(buffer);
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _bytes.Length;
        public override long Position { get => _bytes.Length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _bytes.Dispose();
            base.Dispose(disposing);
        }
    }

    [Fact]
    public async Task A_short_answer_costs_a_few_kilobytes_to_write()
    {
        // The Traffic Center writes three of these per transfer; the asynchronous XmlWriter took a 64 KB buffer for each.
        var answer = new SessiecontroleResponse.Geldig("VO", TestData.Brin00YY, TestData.Rk932, TestData.Systeem);
        using var sink = new MemoryStream();
        await SoapWriter.WriteAsync(sink, answer, TestData.Ct);

        sink.SetLength(0);
        var before = GC.GetAllocatedBytesForCurrentThread();
        await SoapWriter.WriteAsync(sink, answer, TestData.Ct);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < 32 * 1024, $"writing a sessiecontroleResponse allocated {allocated} bytes");
        Assert.IsType<SessiecontroleResponse.Geldig>(TestData.Read<SessiecontroleResponse>(await TestData.ReadAsync(sink.ToArray())));
    }

    [Fact]
    public async Task A_dossier_using_a_prefix_declared_on_the_envelope_stands_alone_after_capture()
    {
        var xml = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:ns1=\"http://xml.kennisnet.nl/schemas/Overstapservice/20200910\" "
            + "xmlns:d=\"http://www.edustandaard.nl/oso_gegevensset/2019/dossier\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">"
            + "<s:Body><ns1:documentResponse><d:dossier><d:a xsi:type=\"xs:string\">x&#13;y</d:a><d:b><![CDATA[<z>]]></d:b></d:dossier></ns1:documentResponse></s:Body></s:Envelope>";

        var dossier = TestData.Read<DocumentResponse.Geleverd>(await TestData.ReadAsync(xml)).Dossier;
        var text = Encoding.UTF8.GetString(dossier.Utf8.Span);

        Assert.Equal("dossier", dossier.RootName);
        Assert.DoesNotContain("soap/envelope", text);
        Assert.DoesNotContain("Overstapservice", text);
        using var reader = XmlReader.Create(dossier.OpenRead());
        reader.ReadToFollowing("a", "http://www.edustandaard.nl/oso_gegevensset/2019/dossier");
        Assert.Equal("http://www.w3.org/2001/XMLSchema", reader.LookupNamespace("xs"));
        Assert.Equal("x\ry", reader.ReadElementContentAsString());
        Assert.Equal("<z>", reader.ReadElementContentAsString());
    }

    [Fact]
    public async Task A_terugkoppeling_where_a_dossier_belongs_is_refused()
    {
        var xml = TestData.Envelope("<ns1:documentResponse>" + TestData.TerugkoppelingXml + "</ns1:documentResponse>");

        Assert.Equal(SoapFoutcodes.OnbekendElement, TestData.Rejected(await TestData.ReadAsync(xml)).Foutcode);
    }

    [Fact]
    public async Task A_dossier_in_a_message_that_carries_none_is_refused_before_it_is_copied()
    {
        var input = new GeneratedStream(TestData.Envelope("<ns1:afmeldingResponse>").Replace("</s:Body></s:Envelope>", "", StringComparison.Ordinal)
            + "<dossier xmlns=\"http://www.edustandaard.nl/oso_gegevensset/2019/dossier\"><a>", "QUFB", 50L * 1024 * 1024);

        var fault = TestData.Rejected(await SoapReader.ReadAsync(input, cancellationToken: TestData.Ct));

        Assert.Equal(SoapFoutcodes.OnbekendElement, fault.Foutcode);
        Assert.True(input.Delivered < 1024 * 1024, $"read {input.Delivered} bytes");
    }

    [Fact]
    public async Task A_dossier_and_a_resultaat_together_are_refused()
    {
        var xml = TestData.Envelope("<ns1:documentResponse>" + TestData.DossierXml + "<ns1:resultaat>LeerlingOnbekend</ns1:resultaat></ns1:documentResponse>");

        Assert.Equal(SoapFoutcodes.ElementOntbreekt, TestData.Rejected(await TestData.ReadAsync(xml)).Foutcode);
    }

    [Fact]
    public void Bytes_whose_root_is_not_in_the_gegevensset_namespace_are_not_a_gegevenssetdocument()
    {
        Assert.False(GegevenssetXml.TryCreate(Encoding.UTF8.GetBytes("<dossier/>"), out _, out var reden));
        Assert.Contains("namespace", reden);
        Assert.False(GegevenssetXml.TryCreate(Encoding.UTF8.GetBytes("<!DOCTYPE x []><dossier/>"), out _, out _));
        Assert.Throws<ArgumentException>(() => GegevenssetXml.Create(Encoding.UTF8.GetBytes("")));
    }

    [Fact]
    public async Task Writing_a_broken_dossier_fails_without_quoting_its_content()
    {
        var broken = GegevenssetXml.Create(Encoding.UTF8.GetBytes(
            "<dossier xmlns=\"http://www.edustandaard.nl/oso_gegevensset/2019/dossier\"><bsn>111222333</bsn><open>"));

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => TestData.WriteAsync(new DocumentResponse.Geleverd(broken)));

        Assert.DoesNotContain("111222333", e.ToString());
    }

    [Fact]
    public void The_dossier_never_shows_its_content_in_a_log_line()
    {
        Assert.Equal($"dossier ({TestData.Dossier.Length} bytes)", new DocumentResponse.Geleverd(TestData.Dossier).Dossier.ToString());
        Assert.DoesNotContain("Regenboog", new DocumentResponse.Geleverd(TestData.Dossier).ToString());
    }

    private static List<string> Nodes(byte[] xml)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, IgnoreComments = true, IgnoreProcessingInstructions = true };
        using var reader = XmlReader.Create(new MemoryStream(xml), settings);
        var nodes = new List<string>();
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    var attributes = new List<string>();
                    for (var more = reader.MoveToFirstAttribute(); more; more = reader.MoveToNextAttribute())
                        if (reader.NamespaceURI != "http://www.w3.org/2000/xmlns/") attributes.Add($"{{{reader.NamespaceURI}}}{reader.LocalName}={reader.Value}");
                    reader.MoveToElement();
                    attributes.Sort(StringComparer.Ordinal);
                    nodes.Add($"<{{{reader.NamespaceURI}}}{reader.LocalName} {string.Join(' ', attributes)}");
                    if (reader.IsEmptyElement) nodes.Add(">");
                    break;
                case XmlNodeType.EndElement:
                    nodes.Add(">");
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace when reader.Depth > 0:
                    if (nodes[^1].StartsWith('#')) nodes[^1] += reader.Value;
                    else nodes.Add("#" + reader.Value);
                    break;
            }
        }
        return nodes;
    }
}
