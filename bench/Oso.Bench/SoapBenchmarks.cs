using System.ServiceModel.Channels;
using System.Xml;
using System.Xml.Linq;
using BenchmarkDotNet.Attributes;
using Oso.Protocol.Messages;
using Oso.Protocol.Soap;

namespace Oso.Bench;

/// <summary>
/// ADR 0010: our SOAP reader and writer against the WCF message layer (System.ServiceModel.Primitives, what SoapCore and
/// CoreWCF build on) for the message that carries the bytes: a documentResponse with the 175 KB official POVO example.
/// The WCF rows stop at an XElement of the body — a lower bound for those stacks, which then still run a serializer —
/// while ours produce the typed, checked message (every field validated, the dossier kept as its exact bytes).
/// </summary>
[MemoryDiagnoser]
public class SoapBenchmarks
{
    private byte[] _envelope = null!;
    private byte[] _dossier = null!;
    private DocumentResponse.Geleverd _message = null!;
    private XElement _body = null!;

    [GlobalSetup]
    public void Setup()
    {
        _dossier = File.ReadAllBytes(BenchFiles.Example("Voorbeelddossier_OV_POVO_full.xml"));
        _message = new DocumentResponse.Geleverd(GegevenssetXml.Create(_dossier));
        using var buffer = new MemoryStream();
        SoapWriter.WriteAsync(buffer, _message).GetAwaiter().GetResult();
        _envelope = buffer.ToArray();
        _body = WcfReadBody();
        if (SoapReader.ReadAsync(new MemoryStream(_envelope)).GetAwaiter().GetResult() is not SoapReadResult.Read)
            throw new InvalidOperationException("our reader refused our own envelope");
    }

    /// <summary>The floor: one pass of a bare XmlReader over the envelope, nothing kept.</summary>
    [Benchmark(Baseline = true)]
    public int BareXmlReader()
    {
        using var reader = XmlReader.Create(new MemoryStream(_envelope), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        var n = 0;
        while (reader.Read()) n++;
        return n;
    }

    /// <summary>OpenOSO: the envelope to a typed, checked DocumentResponse (hardened reader, limits, field checks).</summary>
    [Benchmark]
    public async Task<SoapReadResult> OpenOsoRead() => await SoapReader.ReadAsync(new MemoryStream(_envelope));

    /// <summary>WCF: Message.CreateMessage over a text XmlDictionaryReader, then the body as an XElement.</summary>
    [Benchmark]
    public XElement WcfRead() => WcfReadBody();

    /// <summary>OpenOSO: the typed message to envelope bytes (the dossier copied in as its exact bytes).</summary>
    [Benchmark]
    public async Task<long> OpenOsoWrite()
    {
        using var output = new MemoryStream(_envelope.Length + 1024);
        await SoapWriter.WriteAsync(output, _message);
        return output.Length;
    }

    /// <summary>WCF: a Message with the body (already an XElement) written as SOAP 1.1 text.</summary>
    [Benchmark]
    public long WcfWrite()
    {
        using var output = new MemoryStream(_envelope.Length + 1024);
        using var message = Message.CreateMessage(MessageVersion.Soap11, "documentRequest", _body.CreateReader());
        using (var writer = XmlDictionaryWriter.CreateTextWriter(output, System.Text.Encoding.UTF8, ownsStream: false))
            message.WriteMessage(writer);
        return output.Length;
    }

    private XElement WcfReadBody()
    {
        using var reader = XmlDictionaryReader.CreateTextReader(_envelope, XmlDictionaryReaderQuotas.Max);
        using var message = Message.CreateMessage(reader, int.MaxValue, MessageVersion.Soap11);
        using var body = message.GetReaderAtBodyContents();
        body.MoveToContent();
        return (XElement)XNode.ReadFrom(body);
    }
}
