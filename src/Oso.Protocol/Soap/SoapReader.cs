using System.Collections.Frozen;
using System.Text;
using System.Xml;
using Oso.Dossier.Xml;
using Oso.Protocol.Messages;

namespace Oso.Protocol.Soap;

/// <summary>
/// Reads a SOAP 1.1 OSO message from a stream: namespace-aware and prefix-agnostic, hardened (no DTD, no resolver,
/// limits on size, depth, elements and text), streaming and asynchronous (Kestrel forbids synchronous reads).
/// Never throws on bad input: every problem becomes a located <see cref="SoapFault"/>. Only cancellation and
/// bugs throw.
/// </summary>
public static class SoapReader
{
    private static readonly FrozenDictionary<string, (OsoOperation Operation, bool Response)> Elements =
        OsoOperations.Alle
            .SelectMany(o => new[] { (o.RequestElement(), (o, false)), (o.ResponseElement(), (o, true)) })
            .ToFrozenDictionary(e => e.Item1, e => e.Item2, StringComparer.Ordinal);

    /// <summary>Reads any OSO message (request or response) or a SOAP fault.</summary>
    public static async Task<SoapReadResult> ReadAsync(Stream input, SoapLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        limits ??= SoapLimits.Default;
        var limited = new LimitedReadStream(input, limits.MaxMessageBytes, cancellationToken);
        var settings = new XmlReaderSettings
        {
            Async = true,
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 1024,
            MaxCharactersInDocument = limits.MaxMessageBytes,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = false,
        };
        using var xml = XmlReader.Create(limited, settings);
        var ctx = new ReadContext(xml, limits);
        try
        {
            return await ReadEnvelopeAsync(ctx);
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
        catch (IOException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SoapReadResult.Rejected(SoapFault.Client(SoapFoutcodes.Leesfout,
                "Het bericht kon niet volledig worden gelezen (de verbinding werd verbroken).", xml as IXmlLineInfo));
        }
    }

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

    private static SoapFault TooLarge(SoapLimits limits, ReadContext ctx) => SoapFault.Client(SoapFoutcodes.TeGroot,
        $"Het bericht is groter dan {limits.MaxMessageBytes} bytes en wordt niet verder gelezen.", ctx.Xml as IXmlLineInfo);

    private static async Task<SoapReadResult> ReadEnvelopeAsync(ReadContext ctx)
    {
        var xml = ctx.Xml;
        if (await xml.MoveToContentAsync() != XmlNodeType.Element)
            throw ctx.Fail(SoapFoutcodes.Leeg, "Het bericht bevat geen XML-element.");
        if (xml.LocalName == "Envelope" && xml.NamespaceURI == OsoNamespaces.Soap12Envelope)
            throw new SoapReadException(SoapFault.Located(new SoapFault(SoapFaultCode.VersionMismatch, SoapFoutcodes.VersieFout,
                "Dit is een SOAP 1.2-bericht; OSO gebruikt SOAP 1.1."), xml as IXmlLineInfo));
        if (!Is(xml, OsoNamespaces.SoapEnvelope, "Envelope"))
            throw ctx.Fail(SoapFoutcodes.GeenEnvelope, $"Het bericht begint niet met een SOAP 1.1-Envelope (namespace {OsoNamespaces.SoapEnvelope}).");
        ctx.OnElement();
        if (xml.IsEmptyElement) throw ctx.Fail(SoapFoutcodes.GeenBody, "De Envelope bevat geen Body.");
        await xml.ReadAsync();
        await ctx.SkipInsignificantAsync();
        if (Is(xml, OsoNamespaces.SoapEnvelope, "Header"))
        {
            await ReadHeaderAsync(ctx);
            await ctx.SkipInsignificantAsync();
        }
        if (!Is(xml, OsoNamespaces.SoapEnvelope, "Body"))
            throw ctx.Fail(SoapFoutcodes.GeenBody, "De Envelope bevat geen Body (na de optionele Header).");
        ctx.OnElement();
        if (xml.IsEmptyElement) throw ctx.Fail(SoapFoutcodes.LegeBody, "De Body is leeg.");
        await xml.ReadAsync();
        await ctx.SkipInsignificantAsync();
        if (xml.NodeType != XmlNodeType.Element) throw ctx.Fail(SoapFoutcodes.LegeBody, "De Body is leeg.");
        var result = await ReadBodyEntryAsync(ctx);
        await ctx.SkipInsignificantAsync();
        if (xml.NodeType == XmlNodeType.Element)
            throw ctx.Fail(SoapFoutcodes.MeerdereBerichten, "De Body bevat meer dan één element.");
        await xml.ReadAsync(); // past </Body>
        await ctx.SkipInsignificantAsync();
        while (xml.NodeType == XmlNodeType.Element) // SOAP 1.1 allows trailing Envelope children; they carry nothing for OSO
        {
            await ctx.SkipElementAsync();
            await ctx.SkipInsignificantAsync();
        }
        while (await xml.ReadAsync())
        {
            // drain to the end: trailing garbage is malformed and the parser says so
        }
        return result;
    }

    private static async Task ReadHeaderAsync(ReadContext ctx)
    {
        var xml = ctx.Xml;
        ctx.OnElement();
        if (xml.IsEmptyElement)
        {
            await xml.ReadAsync();
            return;
        }
        await xml.ReadAsync();
        while (true)
        {
            await ctx.SkipInsignificantAsync();
            if (xml.NodeType == XmlNodeType.EndElement)
            {
                await xml.ReadAsync();
                return;
            }
            if (xml.GetAttribute("mustUnderstand", OsoNamespaces.SoapEnvelope) is "1" or "true")
                throw new SoapReadException(SoapFault.Located(new SoapFault(SoapFaultCode.MustUnderstand, SoapFoutcodes.MustUnderstand,
                    $"Het kopblok '{ReadContext.Naam(xml.LocalName)}' moet begrepen worden, maar OSO gebruikt geen kopblokken."), xml as IXmlLineInfo));
            await ctx.SkipElementAsync();
        }
    }

    private static async Task<SoapReadResult> ReadBodyEntryAsync(ReadContext ctx)
    {
        var xml = ctx.Xml;
        if (Is(xml, OsoNamespaces.SoapEnvelope, "Fault"))
            return new SoapReadResult.FaultReceived(await FaultReader.ReadAsync(ctx));
        var known = Elements.TryGetValue(xml.LocalName, out var entry);
        if (xml.NamespaceURI != OsoNamespaces.Overstapservice)
            throw ctx.Fail(SoapFoutcodes.VerkeerdeNamespace, known
                ? $"Het element '{xml.LocalName}' staat in namespace '{ReadContext.Naam(xml.NamespaceURI)}'; OSO'22 gebruikt {OsoNamespaces.Overstapservice}."
                : $"Het element '{ReadContext.Naam(xml.LocalName)}' (namespace '{ReadContext.Naam(xml.NamespaceURI)}') is geen OSO-bericht; verwacht namespace {OsoNamespaces.Overstapservice}.");
        if (!known)
            throw ctx.Fail(SoapFoutcodes.OnbekendeOperatie, $"'{ReadContext.Naam(xml.LocalName)}' is geen bekende OSO-operatie.");
        var allowsDocument = entry is (OsoOperation.Document, true) or (OsoOperation.Terugkoppeling, false);
        var fields = await BodyReader.ReadAsync(ctx, allowsDocument);
        return new SoapReadResult.Read(MessageDecoder.Decode(entry.Operation, entry.Response, fields));
    }

    private static bool Is(XmlReader xml, string ns, string localName) =>
        xml.NodeType == XmlNodeType.Element && xml.LocalName == localName && xml.NamespaceURI == ns;
}
