using System.Text;

namespace Oso.Dossier.Xml;

/// <summary>An attribute of an <see cref="XmlElementNode"/>.</summary>
/// <param name="LocalName">The local name.</param>
/// <param name="NamespaceUri">The namespace (empty for unqualified attributes, as the gegevensset uses).</param>
/// <param name="Value">The attribute value, after XML attribute-value normalisation.</param>
public sealed record XmlAttributeNode(string LocalName, string NamespaceUri, string Value);

/// <summary>
/// A read-only element of a document as it was read — valid or not — with its source position. The business
/// rules run over this tree (they must also judge documents that the schema rejects, as the official XSLT does);
/// the typed model is built from it once the structure is valid.
/// </summary>
public sealed class XmlElementNode
{
    private static readonly List<XmlElementNode> NoElements = [];
    private static readonly List<XmlAttributeNode> NoAttributes = [];

    private List<XmlElementNode> _elements = NoElements;
    private List<XmlAttributeNode> _attributes = NoAttributes;
    private string _text = "";
    private List<string>? _textNodes;

    internal XmlElementNode(string localName, string namespaceUri, XmlElementNode? parent, int line, int column)
    {
        LocalName = localName;
        NamespaceUri = namespaceUri;
        Parent = parent;
        Line = line;
        Column = column;
    }

    /// <summary>The local name (atomized by the reader's name table).</summary>
    public string LocalName { get; }

    /// <summary>The namespace URI.</summary>
    public string NamespaceUri { get; }

    /// <summary>The parent element, or null for the document element.</summary>
    public XmlElementNode? Parent { get; }

    /// <summary>1-based source line of the start tag.</summary>
    public int Line { get; }

    /// <summary>1-based source column of the element name in the start tag.</summary>
    public int Column { get; }

    /// <summary>The child elements, in document order.</summary>
    public IReadOnlyList<XmlElementNode> Elements => _elements;

    /// <summary>The attributes (namespace declarations excluded).</summary>
    public IReadOnlyList<XmlAttributeNode> Attributes => _attributes;

    /// <summary>The concatenated text of the element's own text children (CDATA included; comments and child elements excluded).</summary>
    public string Text => _binary is null ? _text : _binary.ToString();

    /// <summary>
    /// The element's text nodes as XPath sees them: text separated by a comment, processing instruction or child
    /// element forms separate nodes. Whitespace-only text is included.
    /// </summary>
    public IReadOnlyList<string> TextNodes => _textNodes ?? (_textNodeView ??= Text.Length == 0 ? [] : [Text]);

    private IReadOnlyList<string>? _textNodeView; // the single-node view, made once

    /// <summary>For elements read as binary (attachments' <c>bestandsinhoud</c>): the base64 text, held once as ASCII.</summary>
    public Base64Text? Base64 => _binary;

    private Base64Text? _binary;
    private AttachmentFacts? _facts;

    /// <summary>
    /// For attachment content (<c>bestandsinhoud</c>): its size, base64 validity and ZIP signatures — also when the
    /// reader did not keep the content (validation does not), in which case <see cref="Base64"/> is null.
    /// </summary>
    public AttachmentFacts? Attachment => _facts ??= _binary?.Facts();

    /// <summary>True when the element has child elements.</summary>
    public bool HasElements => _elements.Count > 0;

    /// <summary>The first child element with this local name in the same namespace as this element, or null.</summary>
    public XmlElementNode? Element(string localName)
    {
        foreach (var e in _elements)
            if (e.LocalName == localName && e.NamespaceUri == NamespaceUri) return e;
        return null;
    }

    /// <summary>Every child element with this local name in the same namespace as this element.</summary>
    public IEnumerable<XmlElementNode> ElementsNamed(string localName)
    {
        foreach (var e in _elements)
            if (e.LocalName == localName && e.NamespaceUri == NamespaceUri) yield return e;
    }

    /// <summary>The value of an unqualified attribute, or null.</summary>
    public string? Attribute(string localName)
    {
        foreach (var a in _attributes)
            if (a.LocalName == localName && a.NamespaceUri.Length == 0) return a.Value;
        return null;
    }

    /// <summary>
    /// The official-style XPath of this element: <c>/dossier[1]/huidigeschool[1]/leerling[1]</c>, each step counting
    /// preceding siblings of the same local name, as the official validation XSLT does.
    /// </summary>
    public string XPath
    {
        get
        {
            var steps = new Stack<XmlElementNode>();
            for (var n = this; n is not null; n = n.Parent) steps.Push(n);
            var sb = new StringBuilder();
            foreach (var n in steps) sb.Append('/').Append(n.LocalName).Append('[').Append(n.PositionAmongSameName()).Append(']');
            return sb.ToString();
        }
    }

    /// <summary>1-based position among the preceding siblings with the same local name (any namespace).</summary>
    public int PositionAmongSameName()
    {
        if (Parent is null) return 1;
        var position = 1;
        foreach (var sibling in Parent._elements)
        {
            if (ReferenceEquals(sibling, this)) return position;
            if (sibling.LocalName == LocalName) position++;
        }
        return position;
    }

    /// <summary>The descendants in document order (not including this element).</summary>
    public IEnumerable<XmlElementNode> Descendants()
    {
        var stack = new Stack<(XmlElementNode Node, int Next)>();
        stack.Push((this, 0));
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            if (next >= node._elements.Count) continue;
            stack.Push((node, next + 1));
            var child = node._elements[next];
            yield return child;
            stack.Push((child, 0));
        }
    }

    internal void AddElement(XmlElementNode child)
    {
        if (ReferenceEquals(_elements, NoElements)) _elements = new List<XmlElementNode>(4);
        _elements.Add(child);
    }

    internal void AddAttribute(XmlAttributeNode attribute)
    {
        if (ReferenceEquals(_attributes, NoAttributes)) _attributes = new List<XmlAttributeNode>(1);
        _attributes.Add(attribute);
    }

    internal void SetText(string text, List<string>? textNodes)
    {
        _text = text;
        _textNodes = textNodes is { Count: > 1 } ? textNodes : null;
    }

    internal void SetBase64(Base64Text binary) => _binary = binary;

    internal void SetAttachmentFacts(AttachmentFacts facts) => _facts = facts;

    /// <inheritdoc />
    public override string ToString() => XPath;
}
