using System.Text;
using Oso.Dossier.Xml;

namespace Oso.Dossier.Rules.Xpath;

/// <summary>
/// XPath steps over the element tree as the official XSLT writes them with the <c>od:</c> prefix: an
/// <c>od:x</c> step matches only elements named <c>x</c> in the gegevensset namespace, whatever prefix the
/// document uses; elements in any other namespace never match.
/// </summary>
internal static class Od
{
    /// <summary>The gegevensset namespace, bound to <c>od:</c> in the official stylesheets.</summary>
    public const string Namespace = "http://www.edustandaard.nl/oso_gegevensset/2019/dossier";

    /// <summary>True when the element is in the gegevensset namespace.</summary>
    public static bool InNamespace(XmlElementNode e) =>
        ReferenceEquals(e.NamespaceUri, Namespace) || e.NamespaceUri == Namespace;

    /// <summary>True when the element is <c>od:{localName}</c>.</summary>
    public static bool Is(XmlElementNode? e, string localName) =>
        e is not null && e.LocalName == localName && InNamespace(e);

    /// <summary><c>od:{name}</c> exists as a child (an XPath existence test).</summary>
    public static bool Has(XmlElementNode e, string name)
    {
        foreach (var c in e.Elements)
            if (c.LocalName == name && InNamespace(c)) return true;
        return false;
    }

    /// <summary><c>od:{child}/od:{grandchild}</c> exists.</summary>
    public static bool Has(XmlElementNode e, string child, string grandchild)
    {
        foreach (var c in e.Elements)
            if (c.LocalName == child && InNamespace(c) && Has(c, grandchild)) return true;
        return false;
    }

    /// <summary><c>od:{child}='value'</c>: the string value of some such child equals the value.</summary>
    public static bool AnyValue(XmlElementNode e, string child, string value)
    {
        foreach (var c in e.Elements)
            if (c.LocalName == child && InNamespace(c) && StringValue(c) == value) return true;
        return false;
    }

    /// <summary>How many <c>od:{name}</c> children there are (the first one is returned).</summary>
    public static int Count(XmlElementNode e, string name, out XmlElementNode? first)
    {
        first = null;
        var n = 0;
        foreach (var c in e.Elements)
        {
            if (c.LocalName != name || !InNamespace(c)) continue;
            first ??= c;
            n++;
        }
        return n;
    }

    /// <summary>
    /// True when some <c>text()</c> node of the element equals one of the values: the general comparison
    /// <c>text()='v'</c>. An element without text nodes equals nothing; text split by a comment, processing
    /// instruction or child element forms separate nodes, none of which may equal the whole.
    /// </summary>
    public static bool AnyTextNode(XmlElementNode e, IReadOnlySet<string> values)
    {
        foreach (var t in e.TextNodes)
            if (values.Contains(t)) return true;
        return false;
    }

    /// <summary>The XPath string value: all descendant text in document order (comments excluded).</summary>
    /// <remarks>
    /// The tree keeps an element's own text and its child elements apart, so where both occur the order is
    /// reconstructed as text, child, text, child… — exact unless a child element precedes the first text or
    /// a comment separates text pieces between the same two children. Such documents break the schema anyway.
    /// </remarks>
    public static string StringValue(XmlElementNode e)
    {
        if (e.Elements.Count == 0) return e.Text;
        var sb = new StringBuilder();
        Append(e, sb);
        return sb.ToString();
    }

    private static void Append(XmlElementNode e, StringBuilder sb)
    {
        var texts = e.TextNodes;
        var children = e.Elements;
        for (var i = 0; i < Math.Max(texts.Count, children.Count); i++)
        {
            if (i < texts.Count) sb.Append(texts[i]);
            if (i < children.Count)
            {
                if (children[i].Elements.Count == 0) sb.Append(children[i].Text);
                else Append(children[i], sb);
            }
        }
    }
}
