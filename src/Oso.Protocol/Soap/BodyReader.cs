using System.Xml;
using Oso.Protocol.Messages;

namespace Oso.Protocol.Soap;

/// <summary>Reads the children of one OSO message element into a <see cref="FieldSet"/>.</summary>
internal static class BodyReader
{
    private static readonly XmlWriterSettings CaptureSettings = new()
    {
        Encoding = new System.Text.UTF8Encoding(false),
        OmitXmlDeclaration = true,
        Indent = false,
        NewLineHandling = NewLineHandling.Entitize,
        CloseOutput = false,
    };

    /// <summary>
    /// Positioned on the message element's start; afterwards past its end. A gegevensset document is captured only
    /// where <paramref name="allowsDocument"/>; elsewhere it is refused before a byte of it is copied.
    /// </summary>
    public static FieldSet Read(ReadContext ctx, bool allowsDocument)
    {
        var xml = ctx.Xml;
        var fields = new FieldSet(xml.LocalName, ctx.Line, ctx.Column);
        ReadChildren(ctx, fields, allowContainers: true, allowsDocument);
        return fields;
    }

    private static void ReadChildren(ReadContext ctx, FieldSet fields, bool allowContainers, bool allowsDocument = false)
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
            var (line, column) = (ctx.Line, ctx.Column);
            if (xml.NamespaceURI == OsoNamespaces.Overstapservice)
            {
                switch (xml.LocalName)
                {
                    // the public sessiecontrole sample wraps the zoeksleutel (and the pgnfrag we accept but never send)
                    case "zoeksleutelPgnfrag" when allowContainers:
                        ReadChildren(ctx, fields, allowContainers: false);
                        break;
                    case "aanleverpunt" when allowContainers:
                        var entry = new FieldSet("aanleverpunt", line, column);
                        ReadChildren(ctx, entry, allowContainers: false);
                        fields.Aanleverpunten.Add(entry);
                        break;
                    case "dossierHandtekening" when allowContainers && allowsDocument:
                        if (fields.Handtekening is not null)
                            throw ctx.Fail(SoapFoutcodes.DubbelElement, $"'{fields.Element}' bevat meer dan één dossierHandtekening.");
                        fields.Handtekening = (CaptureSignature(ctx), line, column);
                        break;
                    default:
                        var name = xml.LocalName;
                        fields.Add(name, ctx.ReadFieldText(), line, column);
                        break;
                }
            }
            else if (xml.NamespaceURI == OsoNamespaces.Gegevensset && allowsDocument)
            {
                if (fields.Document is not null)
                    throw ctx.Fail(SoapFoutcodes.DubbelElement, $"'{fields.Element}' bevat meer dan één gegevenssetdocument.");
                fields.Document = new FieldSet.Embedded(Capture(ctx), line, column);
            }
            else
            {
                throw ctx.Fail(SoapFoutcodes.OnbekendElement,
                    $"Het element '{ReadContext.Naam(xml.LocalName)}' (namespace '{ReadContext.Naam(xml.NamespaceURI)}') hoort niet in '{fields.Element}'.");
            }
        }
    }

    /// <summary>
    /// Reads a <c>dossierHandtekening</c> element: exactly one <c>ds:Signature</c> child, copied into UTF-8 bytes (at
    /// most <see cref="Proofs.Handtekening.MaxBytes"/>). Its meaning is checked by <see cref="Proofs.Bewijzen"/>.
    /// </summary>
    private static Proofs.Handtekening CaptureSignature(ReadContext ctx)
    {
        var xml = ctx.Xml;
        ctx.OnElement();
        if (xml.IsEmptyElement) throw ctx.Fail(SoapFoutcodes.ElementOntbreekt, "'dossierHandtekening' bevat geen ds:Signature.");
        xml.Read();
        ctx.SkipInsignificant();
        if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "Signature" || xml.NamespaceURI != OsoNamespaces.XmlDsig)
            throw ctx.Fail(SoapFoutcodes.OnbekendElement, "'dossierHandtekening' bevat precies één ds:Signature (XML-DSig).");
        var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, CaptureSettings))
        {
            SubtreeCopier.Copy(ctx, writer, declareInScope: true, overSize: () => buffer.Length > Proofs.Handtekening.MaxBytes);
            writer.Flush();
        }
        if (buffer.Length > Proofs.Handtekening.MaxBytes) throw ctx.Fail(SoapFoutcodes.TeGroot, "De handtekening is groter dan toegestaan.");
        ctx.SkipInsignificant();
        if (xml.NodeType != XmlNodeType.EndElement)
            throw ctx.Fail(SoapFoutcodes.OnbekendElement, "'dossierHandtekening' bevat precies één ds:Signature (XML-DSig).");
        xml.Read();
        return Proofs.Handtekening.Trusted(new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    /// <summary>
    /// Copies the gegevensset element into UTF-8 bytes, streaming: in memory, or past <see cref="SoapLimits.SpoolAboveBytes"/>
    /// into an encrypted spool file of its own (<see cref="CaptureBuffer"/>, ADR 0014). The parse owns the copy: when it
    /// is abandoned (a restart for more bytes, a fault, cancellation) <see cref="ReadContext.ReleaseCaptures"/> disposes it.
    /// </summary>
    private static GegevenssetXml Capture(ReadContext ctx)
    {
        var root = ctx.Xml.LocalName;
        var buffer = ctx.Own(new CaptureBuffer(ctx.Received, ctx.Limits));
        using (var writer = XmlWriter.Create(buffer, CaptureSettings))
        {
            SubtreeCopier.Copy(ctx, writer, declareInScope: true, overSize: () => buffer.Length > ctx.Limits.MessageLimit);
            writer.Flush();
        }
        if (buffer.Length > ctx.Limits.MessageLimit)
            throw ctx.Fail(SoapFoutcodes.TeGroot, "Het meegestuurde document is groter dan toegestaan.");
        return ctx.Own(buffer.ToXml(root));
    }
}
