using System.Text;
using Oso.Protocol.Soap;
using Oso.Testing;

namespace Oso.Fuzz.Targets;

/// <summary>
/// The SOAP reader as both sides use it: <see cref="SoapReader.ReadAsync"/> reads any request, response or fault
/// (envelope, header, body, the message decoders, the fault reader, the embedded dossier's capture) and promises never to
/// throw: every problem is a <see cref="SoapReadResult.Rejected"/>. Invariant: a message or fault that reads, written again
/// with <see cref="SoapWriter"/>, reads back equal. Inputs of odd length run under tight limits.
/// </summary>
internal sealed class SoapTarget : FuzzTarget
{
    private static readonly SoapLimits Tight = new()
    {
        MaxMessageBytes = 4096, MaxDepth = 8, MaxElements = 64, MaxTextLength = 256, MaxFieldLength = 64, MaxFieldsTotalLength = 512,
        MaxAttributes = 4, MaxAttributeLength = 64,
    };

    public override string Name => "soap";

    public override string Description => "SoapReader (requests, responses, faults), MessageDecoder, FaultReader; write-back round trip";

    public override string Dictionary => "soap";

    public override void Run(byte[] input)
    {
        var limits = input.Length % 2 == 0 ? SoapLimits.Default : Tight;
        var result = Read(input, limits);
        switch (result)
        {
            case SoapReadResult.Read read:
                var message = Write(s => SoapWriter.WriteAsync(s, read.Message));
                if (Read(message, SoapLimits.Default) is not SoapReadResult.Read again || !again.Message.Equals(read.Message))
                    throw new FuzzFinding($"A {read.Message.GetType().Name} that was read does not read back equal after SoapWriter.");
                break;
            case SoapReadResult.FaultReceived received:
                var fault = Write(s => SoapWriter.WriteFaultAsync(s, received.Fault));
                if (Read(fault, SoapLimits.Default) is not SoapReadResult.FaultReceived back || back.Fault != received.Fault)
                    throw new FuzzFinding("A fault that was read does not read back equal after SoapWriter.");
                break;
        }
    }

    private static SoapReadResult Read(byte[] input, SoapLimits limits) =>
        SoapReader.ReadAsync(new MemoryStream(input, writable: false), limits).GetAwaiter().GetResult();

    private static byte[] Write(Func<Stream, Task> write)
    {
        using var buffer = new MemoryStream();
        write(buffer).GetAwaiter().GetResult();
        return buffer.ToArray();
    }

    public override IEnumerable<(string Name, byte[] Bytes)> Seeds(SeedSources sources)
    {
        // what our nodes put on the wire: every message kind as SoapWriter writes it, and a fault
        var i = 0;
        foreach (var message in SampleMessages.All())
            yield return ($"{++i:D2}-{message.GetType().FullName!.Split('.')[^1].Replace('+', '-')}.xml", Write(s => SoapWriter.WriteAsync(s, message)));
        yield return ("fault.xml", Write(s => SoapWriter.WriteFaultAsync(s, new SoapFault(SoapFaultCode.Client, SoapFoutcodes.TeDiep, "Het bericht is te diep genest.") { Regel = 3, Kolom = 17 })));
        // the public samples from the Kennisnet wiki, as recorded in the protocol tests
        var samples = Path.Combine(sources.Repository, "tests", "Oso.Protocol.Tests", "Samples");
        if (Directory.Exists(samples))
            foreach (var file in Directory.EnumerateFiles(samples, "*.xml").Order(StringComparer.Ordinal))
                yield return ("sample-" + Path.GetFileName(file), File.ReadAllBytes(file));
        const string Envelope = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:o=\"http://xml.kennisnet.nl/schemas/Overstapservice/20200910\">";
        yield return ("header.xml", Encoding.UTF8.GetBytes(Envelope + "<s:Header><h s:mustUnderstand=\"0\"/></s:Header><s:Body><o:afmeldingResponse><o:resultaat>1100</o:resultaat></o:afmeldingResponse></s:Body></s:Envelope>"));
        yield return ("soap12.xml", Encoding.UTF8.GetBytes("<e:Envelope xmlns:e=\"http://www.w3.org/2003/05/soap-envelope\"><e:Body/></e:Envelope>"));
    }
}
