using System.Xml;

namespace Oso.Protocol.Soap;

/// <summary>
/// Copies one element and its subtree from a reader to a writer, node by node (no DOM), within the limits. Text is
/// copied in chunks, so a many-megabyte attachment never becomes one string. Comments and processing instructions
/// are dropped; CDATA becomes escaped text (same content).
/// </summary>
internal static class SubtreeCopier
{
    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";

    /// <summary>
    /// Copies the element the reader is on; afterwards the reader is past its end tag. With
    /// <paramref name="declareInScope"/>, namespaces inherited from ancestors (other than SOAP and OSO) are declared
    /// on the copied root, so QName values inside stay resolvable once the subtree stands alone.
    /// </summary>
    public static void Copy(ReadContext ctx, XmlWriter target, bool declareInScope, Func<bool>? overSize = null)
    {
        var xml = ctx.Xml;
        var rootDepth = xml.Depth;
        ctx.OnElement();
        WriteStart(ctx, target, declareInScope);
        if (xml.IsEmptyElement)
        {
            target.WriteEndElement();
            xml.Read();
            return;
        }
        while (xml.Read())
        {
            switch (xml.NodeType)
            {
                case XmlNodeType.Element:
                    ctx.OnElement();
                    WriteStart(ctx, target, declareInScope: false);
                    if (xml.IsEmptyElement) target.WriteEndElement();
                    break;
                case XmlNodeType.EndElement:
                    target.WriteFullEndElement();
                    if (xml.Depth == rootDepth)
                    {
                        xml.Read();
                        return;
                    }
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    CopyText(ctx, target, overSize);
                    break;
            }
        }
        throw ctx.Fail(SoapFoutcodes.Afgebroken, "Het bericht houdt onverwacht op.");
    }

    private static void WriteStart(ReadContext ctx, XmlWriter target, bool declareInScope)
    {
        var xml = ctx.Xml;
        target.WriteStartElement(xml.Prefix, xml.LocalName, xml.NamespaceURI);
        HashSet<string>? declaredHere = declareInScope ? new(StringComparer.Ordinal) : null;
        if (xml.MoveToFirstAttribute())
        {
            do
            {
                if (xml.Value.Length > ctx.Limits.MaxAttributeLength)
                    throw ctx.Fail(SoapFoutcodes.TekstTeLang, $"Een attribuutwaarde is langer dan {ctx.Limits.MaxAttributeLength} tekens.");
                if (xml.NamespaceURI == XmlnsNamespace)
                {
                    var prefix = xml.Prefix.Length == 0 ? "" : xml.LocalName;
                    declaredHere?.Add(prefix);
                    if (prefix.Length == 0) target.WriteAttributeString(null, "xmlns", XmlnsNamespace, xml.Value);
                    else target.WriteAttributeString("xmlns", prefix, XmlnsNamespace, xml.Value);
                }
                else
                {
                    target.WriteAttributeString(xml.Prefix, xml.LocalName, xml.NamespaceURI, xml.Value);
                }
            }
            while (xml.MoveToNextAttribute());
            xml.MoveToElement();
        }
        if (declaredHere is null || xml is not IXmlNamespaceResolver resolver) return;
        foreach (var (prefix, ns) in resolver.GetNamespacesInScope(XmlNamespaceScope.ExcludeXml))
        {
            if (declaredHere.Contains(prefix) || ns is OsoNamespaces.SoapEnvelope or OsoNamespaces.Overstapservice) continue;
            if (prefix.Length == 0 && xml.Prefix.Length != 0 && ns.Length > 0)
                target.WriteAttributeString(null, "xmlns", XmlnsNamespace, ns);
            else if (prefix.Length > 0 && prefix != xml.Prefix)
                target.WriteAttributeString("xmlns", prefix, XmlnsNamespace, ns);
        }
    }

    private static void CopyText(ReadContext ctx, XmlWriter target, Func<bool>? overSize)
    {
        var xml = ctx.Xml;
        var buffer = ctx.Buffer;
        long length = 0;
        var carried = 0; // a high surrogate held back from the previous chunk
        int n;
        while ((n = xml.ReadValueChunk(buffer, carried, buffer.Length - carried)) > 0)
        {
            if ((length += n) > ctx.Limits.MaxTextLength)
                throw ctx.Fail(SoapFoutcodes.TekstTeLang, $"Een tekst is langer dan {ctx.Limits.MaxTextLength} tekens.");
            var count = carried + n;
            carried = char.IsHighSurrogate(buffer[count - 1]) ? 1 : 0;
            target.WriteChars(buffer, 0, count - carried);
            if (carried == 1) buffer[0] = buffer[count - 1];
            if (overSize?.Invoke() == true)
                throw ctx.Fail(SoapFoutcodes.TeGroot, "Het meegestuurde document is groter dan toegestaan.");
        }
        if (carried == 1) target.WriteChars(buffer, 0, 1);
    }
}
