using System.Collections.Frozen;
using System.Text;
using System.Xml;
using Oso.Dossier.Xml;
using Oso.Protocol.Messages;

namespace Oso.Protocol.Soap;

/// <summary>
/// Reads a SOAP 1.1 OSO message from a stream: namespace-aware and prefix-agnostic, hardened (no DTD, no resolver,
/// limits on size, depth, elements and text); the input is read asynchronously and parsed synchronously from memory
/// (<see cref="SoapInput"/>): Kestrel forbids synchronous reads, and no thread waits for the network.
/// Never throws on bad input: every problem becomes a located <see cref="SoapFault"/>. Only cancellation and
/// bugs throw.
/// </summary>
public static class SoapReader
{
    private static readonly FrozenDictionary<string, (OsoOperation Operation, bool Response)> Elements =
        OsoOperations.Alle
            .SelectMany(o => new[] { (o.RequestElement(), (o, false)), (o.ResponseElement(), (o, true)) })
            .ToFrozenDictionary(e => e.Item1, e => e.Item2, StringComparer.Ordinal);

    /// <summary>
    /// Reads any OSO message (request or response) or a SOAP fault. The message is read ahead asynchronously
    /// (<see cref="SoapInput"/>) and the XML parsed synchronously from memory: the async <see cref="XmlReader"/> API
    /// costs a state machine per node, which made reading a documentResponse about 12x a bare pass (ADR 0010). When the
    /// parse runs out of received bytes, more is read ahead (asynchronously) and the parse starts again, so no thread
    /// waits for a slow sender and hostile input is refused after the bytes that show it.
    /// </summary>
    public static async Task<SoapReadResult> ReadAsync(Stream input, SoapLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        limits ??= SoapLimits.Default;
        SoapInput received;
        try
        {
            received = await SoapInput.ReceiveAsync(input, limits, cancellationToken);
        }
        catch (IOException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SoapReadResult.Rejected(ConnectionLost(null));
        }
        using (received)
        {
            while (true)
            {
                if (Read(received, limits, cancellationToken) is { } result) return result;
                try
                {
                    await received.ReadMoreAsync(cancellationToken);
                }
                catch (IOException) when (!cancellationToken.IsCancellationRequested)
                {
                    return new SoapReadResult.Rejected(ConnectionLost(null));
                }
            }
        }
    }

    /// <summary>Parses what was received; null when the message goes on past it.</summary>
    private static SoapReadResult? Read(SoapInput received, SoapLimits limits, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var limited = new LimitedReadStream(received.OpenRead(), limits.MessageLimit, cancellationToken);
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 1024,
            MaxCharactersInDocument = limits.MessageLimit,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = false,
        };
        using var xml = XmlReader.Create(limited, settings);
        var ctx = new ReadContext(xml, limits) { Received = received.Length };
        SoapReadResult? read = null;
        try
        {
            return read = ReadEnvelope(ctx);
        }
        catch (SoapInput.MoreNeeded)
        {
            return null;
        }
        catch (SoapReadException e)
        {
            return new SoapReadResult.Rejected(limited.Exceeded ? TooLarge(limits, ctx) : e.Fault);
        }
        catch (XmlException e)
        {
            return new SoapReadResult.Rejected(limited.Exceeded ? TooLarge(limits, ctx) : XmlFaults.From(e));
        }
        catch (Exception e) when (e is DecoderFallbackException || XmlErrors.IsParserFailure(e))
        {
            return new SoapReadResult.Rejected(SoapFault.Client(SoapFoutcodes.Codering,
                "Het bericht bevat tekens die niet kloppen met de codering (bijvoorbeeld ongeldige UTF-8).", xml as IXmlLineInfo));
        }
        finally
        {
            // a captured document belongs to the message read, and to nothing else: a restarted, refused or cancelled
            // parse disposes what it captured (its spool file with it), so only the parse that ends keeps one (ADR 0014)
            ctx.ReleaseCaptures(read is SoapReadResult.Read { Message: var message } ? Carried(message) : null);
        }
    }

    /// <summary>The gegevensset document a message carries (and its receiver owns), if any.</summary>
    internal static GegevenssetXml? Carried(OsoMessage message) => message switch
    {
        DocumentResponse.Geleverd geleverd => geleverd.Dossier,
        TerugkoppelingRequest terugkoppeling => terugkoppeling.Terugkoppeling,
        _ => null,
    };

    private static SoapFault ConnectionLost(IXmlLineInfo? at) => SoapFault.Client(SoapFoutcodes.Leesfout,
        "Het bericht kon niet volledig worden gelezen (de verbinding werd verbroken).", at);

    /// <summary>Reads a request (as a server does); a response or a fault in its place is refused.</summary>
    public static async Task<SoapReadResult> ReadRequestAsync(Stream input, SoapLimits? limits = null, CancellationToken cancellationToken = default)
    {
        var result = await ReadAsync(input, limits, cancellationToken);
        return result switch
        {
            SoapReadResult.Read { Message: OsoRequest } => result,
            SoapReadResult.Rejected => result,
            _ => new SoapReadResult.Rejected(SoapFault.Client(SoapFoutcodes.VerwachtVerzoek,
                "Hier wordt een OSO-verzoek verwacht, geen antwoord of SOAP-fout.")),
        };
    }

    private static SoapFault TooLarge(SoapLimits limits, ReadContext ctx) => SoapFault.Client(SoapFoutcodes.TeGroot, limits.SpoolAboveBytes is null
        ? $"Het bericht is groter dan {limits.MessageLimit} bytes en wordt niet verder gelezen."
        : $"Het bericht is groter dan {limits.MessageLimit} bytes (de grens voor een bericht met een groot dossier) en wordt niet verder gelezen.",
        ctx.Xml as IXmlLineInfo);

    private static SoapReadResult ReadEnvelope(ReadContext ctx)
    {
        var xml = ctx.Xml;
        if (xml.MoveToContent() != XmlNodeType.Element)
            throw ctx.Fail(SoapFoutcodes.Leeg, "Het bericht bevat geen XML-element.");
        if (xml.LocalName == "Envelope" && xml.NamespaceURI == OsoNamespaces.Soap12Envelope)
            throw new SoapReadException(SoapFault.Located(new SoapFault(SoapFaultCode.VersionMismatch, SoapFoutcodes.VersieFout,
                "Dit is een SOAP 1.2-bericht; OSO gebruikt SOAP 1.1."), xml as IXmlLineInfo));
        if (!Is(xml, OsoNamespaces.SoapEnvelope, "Envelope"))
            throw ctx.Fail(SoapFoutcodes.GeenEnvelope, $"Het bericht begint niet met een SOAP 1.1-Envelope (namespace {OsoNamespaces.SoapEnvelope}).");
        ctx.OnElement();
        if (xml.IsEmptyElement) throw ctx.Fail(SoapFoutcodes.GeenBody, "De Envelope bevat geen Body.");
        xml.Read();
        ctx.SkipInsignificant();
        if (Is(xml, OsoNamespaces.SoapEnvelope, "Header"))
        {
            ReadHeader(ctx);
            ctx.SkipInsignificant();
        }
        if (!Is(xml, OsoNamespaces.SoapEnvelope, "Body"))
            throw ctx.Fail(SoapFoutcodes.GeenBody, "De Envelope bevat geen Body (na de optionele Header).");
        ctx.OnElement();
        if (xml.IsEmptyElement) throw ctx.Fail(SoapFoutcodes.LegeBody, "De Body is leeg.");
        xml.Read();
        ctx.SkipInsignificant();
        if (xml.NodeType != XmlNodeType.Element) throw ctx.Fail(SoapFoutcodes.LegeBody, "De Body is leeg.");
        var result = ReadBodyEntry(ctx);
        ctx.SkipInsignificant();
        if (xml.NodeType == XmlNodeType.Element)
            throw ctx.Fail(SoapFoutcodes.MeerdereBerichten, "De Body bevat meer dan één element.");
        xml.Read(); // past </Body>
        ctx.SkipInsignificant();
        while (xml.NodeType == XmlNodeType.Element) // SOAP 1.1 allows trailing Envelope children; they carry nothing for OSO
        {
            ctx.SkipElement();
            ctx.SkipInsignificant();
        }
        while (xml.Read())
        {
            // drain to the end: trailing garbage is malformed and the parser says so
        }
        return result;
    }

    private static void ReadHeader(ReadContext ctx)
    {
        var xml = ctx.Xml;
        ctx.OnElement();
        if (xml.IsEmptyElement)
        {
            xml.Read();
            return;
        }
        xml.Read();
        while (true)
        {
            ctx.SkipInsignificant();
            if (xml.NodeType == XmlNodeType.EndElement)
            {
                xml.Read();
                return;
            }
            if (xml.GetAttribute("mustUnderstand", OsoNamespaces.SoapEnvelope) is "1" or "true")
                throw new SoapReadException(SoapFault.Located(new SoapFault(SoapFaultCode.MustUnderstand, SoapFoutcodes.MustUnderstand,
                    $"Het kopblok '{ReadContext.Naam(xml.LocalName)}' moet begrepen worden, maar OSO gebruikt geen kopblokken."), xml as IXmlLineInfo));
            ctx.SkipElement();
        }
    }

    private static SoapReadResult ReadBodyEntry(ReadContext ctx)
    {
        var xml = ctx.Xml;
        if (Is(xml, OsoNamespaces.SoapEnvelope, "Fault"))
            return new SoapReadResult.FaultReceived(FaultReader.Read(ctx));
        var known = Elements.TryGetValue(xml.LocalName, out var entry);
        if (xml.NamespaceURI != OsoNamespaces.Overstapservice)
            throw ctx.Fail(SoapFoutcodes.VerkeerdeNamespace, known
                ? $"Het element '{xml.LocalName}' staat in namespace '{ReadContext.Naam(xml.NamespaceURI)}'; OSO'22 gebruikt {OsoNamespaces.Overstapservice}."
                : $"Het element '{ReadContext.Naam(xml.LocalName)}' (namespace '{ReadContext.Naam(xml.NamespaceURI)}') is geen OSO-bericht; verwacht namespace {OsoNamespaces.Overstapservice}.");
        if (!known)
            throw ctx.Fail(SoapFoutcodes.OnbekendeOperatie, $"'{ReadContext.Naam(xml.LocalName)}' is geen bekende OSO-operatie.");
        var allowsDocument = entry is (OsoOperation.Document, true) or (OsoOperation.Terugkoppeling, false);
        var fields = BodyReader.Read(ctx, allowsDocument);
        return new SoapReadResult.Read(MessageDecoder.Decode(entry.Operation, entry.Response, fields));
    }

    private static bool Is(XmlReader xml, string ns, string localName) =>
        xml.NodeType == XmlNodeType.Element && xml.LocalName == localName && xml.NamespaceURI == ns;
}
