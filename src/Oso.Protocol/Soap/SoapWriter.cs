using System.Text;
using System.Xml;
using Oso.Protocol.Messages;

namespace Oso.Protocol.Soap;

/// <summary>
/// Writes SOAP 1.1 OSO messages and faults to a stream, streaming and asynchronously, in the style of the public
/// OSO'22 samples: <c>SOAP-ENV</c> and <c>ns1</c> prefixes declared on the Envelope, no Header, no WS-Addressing
/// or WS-Security. An embedded dossier is copied in node by node.
/// </summary>
public static class SoapWriter
{
    /// <summary>The HTTP Content-Type of a SOAP 1.1 message.</summary>
    public const string ContentType = "text/xml; charset=utf-8";

    /// <summary>The SOAPAction header SOAP 1.1 requires; we send the empty value: the body names the operation.</summary>
    public const string SoapActionHeader = "SOAPAction";

    /// <summary>The SOAPAction value we send (<c>""</c>).</summary>
    public const string SoapActionValue = "\"\"";

    private const string SoapPrefix = "SOAP-ENV";

    private static readonly XmlWriterSettings Settings = new()
    {
        Async = true,
        Encoding = new UTF8Encoding(false),
        Indent = false,
        NewLineHandling = NewLineHandling.Entitize,
        CloseOutput = false,
    };

    /// <summary>Writes <paramref name="message"/> in a SOAP envelope.</summary>
    public static async Task WriteAsync(Stream output, OsoMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(message);
        await using var w = XmlWriter.Create(output, Settings);
        await StartAsync(w);
        await new MessageEncoder(w, SoapLimits.Default).WriteAsync(message);
        await EndAsync(w, cancellationToken);
    }

    /// <summary>Writes <paramref name="fault"/> as a SOAP 1.1 Fault (answer it with HTTP <see cref="SoapFault.HttpStatusCode"/>).</summary>
    public static async Task WriteFaultAsync(Stream output, SoapFault fault, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(fault);
        await using var w = XmlWriter.Create(output, Settings);
        await StartAsync(w);
        await w.WriteStartElementAsync(SoapPrefix, "Fault", OsoNamespaces.SoapEnvelope);
        await w.WriteElementStringAsync(null, "faultcode", null, $"{SoapPrefix}:{fault.Code}");
        await w.WriteStartElementAsync(null, "faultstring", null);
        await w.WriteAttributeStringAsync("xml", "lang", null, "nl");
        await w.WriteStringAsync(fault.Omschrijving);
        await w.WriteEndElementAsync();
        await w.WriteStartElementAsync(null, "detail", null);
        await w.WriteStartElementAsync(MessageEncoder.Prefix, "fout", OsoNamespaces.Overstapservice);
        await w.WriteElementStringAsync(MessageEncoder.Prefix, "code", OsoNamespaces.Overstapservice, fault.Foutcode);
        if (fault.Regel is { } regel)
        {
            await w.WriteElementStringAsync(MessageEncoder.Prefix, "regel", OsoNamespaces.Overstapservice, regel.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await w.WriteElementStringAsync(MessageEncoder.Prefix, "kolom", OsoNamespaces.Overstapservice, (fault.Kolom ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        await w.WriteEndElementAsync();
        await w.WriteEndElementAsync();
        await w.WriteEndElementAsync();
        await EndAsync(w, cancellationToken);
    }

    private static async Task StartAsync(XmlWriter w)
    {
        await w.WriteStartDocumentAsync();
        await w.WriteStartElementAsync(SoapPrefix, "Envelope", OsoNamespaces.SoapEnvelope);
        await w.WriteAttributeStringAsync("xmlns", SoapPrefix, null, OsoNamespaces.SoapEnvelope);
        await w.WriteAttributeStringAsync("xmlns", MessageEncoder.Prefix, null, OsoNamespaces.Overstapservice);
        await w.WriteStartElementAsync(SoapPrefix, "Body", OsoNamespaces.SoapEnvelope);
    }

    private static async Task EndAsync(XmlWriter w, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await w.WriteEndElementAsync();
        await w.WriteEndElementAsync();
        await w.WriteEndDocumentAsync();
        await w.FlushAsync();
    }
}
