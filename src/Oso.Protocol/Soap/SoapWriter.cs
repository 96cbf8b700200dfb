using System.Text;
using System.Xml;
using Oso.Protocol.Messages;

namespace Oso.Protocol.Soap;

/// <summary>
/// Writes SOAP 1.1 OSO messages and faults to a stream, in the style of the public OSO'22 samples: <c>SOAP-ENV</c> and
/// <c>ns1</c> prefixes declared on the Envelope, no Header, no WS-Addressing or WS-Security. The message is composed
/// synchronously in a <see cref="SoapBuffer"/> (pooled blocks; an embedded dossier referenced, not copied) and then sent
/// asynchronously, segment by segment.
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
        using var buffer = new SoapBuffer();
        using (var w = XmlWriter.Create(buffer, Settings))
        {
            Start(w);
            new MessageEncoder(w, buffer, SoapLimits.Default).Write(message);
            End(w);
        }
        await buffer.SendAsync(output, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes <paramref name="response"/> in a SOAP envelope as an endpoint's answer and then disposes it (an
    /// <see cref="IDisposable"/> message: a <see cref="DocumentResponse.Geleverd"/> whose dossier may be spooled, ADR 0014
    /// phase 3) — also when writing fails, the client goes away mid-response or <paramref name="cancellationToken"/> is
    /// cancelled. The endpoint hands the answer over with this call: nothing may read it afterwards.
    /// </summary>
    public static async Task WriteResponseAsync(Stream output, OsoMessage response, CancellationToken cancellationToken = default)
    {
        try
        {
            await WriteAsync(output, response, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            (response as IDisposable)?.Dispose();
        }
    }

    /// <summary>Writes <paramref name="fault"/> as a SOAP 1.1 Fault (answer it with HTTP <see cref="SoapFault.HttpStatusCode"/>).</summary>
    public static async Task WriteFaultAsync(Stream output, SoapFault fault, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(fault);
        using var buffer = new SoapBuffer();
        using (var w = XmlWriter.Create(buffer, Settings))
        {
            Start(w);
            w.WriteStartElement(SoapPrefix, "Fault", OsoNamespaces.SoapEnvelope);
            w.WriteElementString(null, "faultcode", null, $"{SoapPrefix}:{fault.Code}");
            w.WriteStartElement(null, "faultstring", null);
            w.WriteAttributeString("xml", "lang", null, "nl");
            w.WriteString(fault.Omschrijving);
            w.WriteEndElement();
            w.WriteStartElement(null, "detail", null);
            w.WriteStartElement(MessageEncoder.Prefix, "fout", OsoNamespaces.Overstapservice);
            w.WriteElementString(MessageEncoder.Prefix, "code", OsoNamespaces.Overstapservice, fault.Foutcode);
            if (fault.Regel is { } regel)
            {
                w.WriteElementString(MessageEncoder.Prefix, "regel", OsoNamespaces.Overstapservice, regel.ToString(System.Globalization.CultureInfo.InvariantCulture));
                w.WriteElementString(MessageEncoder.Prefix, "kolom", OsoNamespaces.Overstapservice, (fault.Kolom ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
            End(w);
        }
        await buffer.SendAsync(output, cancellationToken).ConfigureAwait(false);
    }

    private static void Start(XmlWriter w)
    {
        w.WriteStartDocument();
        w.WriteStartElement(SoapPrefix, "Envelope", OsoNamespaces.SoapEnvelope);
        w.WriteAttributeString("xmlns", SoapPrefix, null, OsoNamespaces.SoapEnvelope);
        w.WriteAttributeString("xmlns", MessageEncoder.Prefix, null, OsoNamespaces.Overstapservice);
        w.WriteStartElement(SoapPrefix, "Body", OsoNamespaces.SoapEnvelope);
    }

    private static void End(XmlWriter w)
    {
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndDocument();
        w.Flush();
    }
}
