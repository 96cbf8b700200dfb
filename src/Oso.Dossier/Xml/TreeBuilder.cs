using System.Buffers;
using System.Text;
using Oso.Dossier.Schema;
using Oso.Dossier.Validation;

namespace Oso.Dossier.Xml;

/// <summary>
/// The text of one text node, read in chunks so that a huge text is refused before it is held in memory. The
/// <see cref="System.Xml.XmlReader"/> path reads it with <c>ReadValueChunk</c>; <see cref="Utf8DocumentReader"/>
/// decodes it from the document's bytes.
/// </summary>
internal interface ITextChunks
{
    /// <summary>Copies up to <paramref name="count"/> characters into <paramref name="buffer"/>; 0 at the end of the text.</summary>
    int Read(char[] buffer, int index, int count);

    /// <summary>Where the text is, for a limit that stops reading.</summary>
    (int Line, int Column) Position { get; }
}

/// <summary>How the reader saw a text node.</summary>
internal enum TextKind
{
    /// <summary>Whitespace only, as written (no references).</summary>
    Whitespace,
    /// <summary>Character data (possibly whitespace after all, e.g. from character references).</summary>
    Text,
    /// <summary>A CDATA section.</summary>
    CData,
}

/// <summary>
/// The structural half of reading, shared by both readers: builds the element tree with source positions and
/// validates it against a <see cref="SchemaDefinition"/> as the parts arrive (content models as automata, simple
/// types with their facets), enforcing the <see cref="XmlLimits"/>. Whatever reads the XML calls it in document
/// order; both readers call it the same way for the same document, so both give the same result.
/// </summary>
internal sealed class TreeBuilder(SchemaDefinition schema, XmlLimits limits, bool keepAttachments, CancellationToken cancellationToken)
{
    private const string XsiNamespace = "http://www.w3.org/2001/XMLSchema-instance";

    private sealed class Frame
    {
        public XmlElementNode Node = null!;
        public ElementDeclaration? Declaration;
        public int State;
        public bool ReportedText;      // "no text allowed" reported once
        public bool ReportedChildren;  // "no elements allowed" reported once
        public string? FirstText;
        public StringBuilder? Text;
        public List<string>? Segments;
        public bool SegmentOpen;
        public long TextLength;
        public int AttributeCount;
        public Base64Builder? Binary;  // base64 content kept as ASCII
        public AttachmentFactsBuilder? Facts; // or only facts about it

        public void Reset(XmlElementNode node, ElementDeclaration? declaration)
        {
            Node = node;
            Declaration = declaration;
            State = ContentModel.Start;
            ReportedText = ReportedChildren = SegmentOpen = false;
            FirstText = null;
            Text?.Clear();
            Segments = null;
            TextLength = 0;
            AttributeCount = 0;
            Binary = null;
            Facts = null;
        }
    }

    private readonly List<Melding> _meldingen = [];
    private readonly List<Frame> _frames = [];
    private char[] _chunk = [];
    private int _depth;
    private int _elements;
    private XmlElementNode? _root;

    /// <summary>The document element, once one was started.</summary>
    public XmlElementNode? Root => _root;

    /// <summary>The number of open elements.</summary>
    public int Depth => _depth;

    /// <summary>The messages so far, in document order.</summary>
    public List<Melding> Meldingen => _meldingen;

    /// <summary>The result, given that the document was well-formed to its end.</summary>
    public XmlReadResult Result() => new(_root, _meldingen);

    /// <summary>A result without tree: reading stopped at a fatal problem.</summary>
    public XmlReadResult Failed() => new(null, _meldingen);

    /// <summary>Returns the pooled buffer.</summary>
    public void Release()
    {
        if (_chunk.Length > 0) ArrayPool<char>.Shared.Return(_chunk);
        _chunk = [];
    }

    /// <summary>A start tag (its attributes follow with <see cref="Attribute"/>). False when a limit stops reading.</summary>
    public bool StartElement(string localName, string namespaceUri, int line, int column)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_depth + 1 > limits.MaxDepth)
            return Fatal("XML.TeDiep", line, column,
                $"Het document is te diep genest (meer dan {limits.MaxDepth} niveaus); het wordt niet verder gelezen.");
        if (++_elements > limits.MaxElements)
            return Fatal("XML.TeVeelElementen", line, column,
                $"Het document bevat meer dan {limits.MaxElements:N0} elementen; het wordt niet verder gelezen.");

        var parent = _depth > 0 ? _frames[_depth - 1] : null;
        var node = new XmlElementNode(localName, namespaceUri, parent?.Node, line, column);
        ElementDeclaration? declaration;
        if (parent is null)
        {
            _root = node;
            declaration = RootDeclaration(node);
        }
        else
        {
            parent.Node.AddElement(node);
            parent.SegmentOpen = false;
            declaration = ChildDeclaration(parent, node);
        }
        Push(node, declaration);
        return true;
    }

    /// <summary>
    /// An attribute of the element just started (namespace declarations excluded), in document order.
    /// <paramref name="name"/> is the name as written (with prefix); the position is the attribute's, for a limit.
    /// False when a limit stops reading.
    /// </summary>
    public bool Attribute(string localName, string namespaceUri, string name, string value, int line, int column)
    {
        var frame = _frames[_depth - 1];
        var node = frame.Node;
        if (++frame.AttributeCount > limits.MaxAttributes)
            return Fatal("XML.TeVeelAttributen", line, column,
                $"Het element '{node.LocalName}' heeft meer dan {limits.MaxAttributes} attributen; het document wordt niet verder gelezen.");
        var attribute = new XmlAttributeNode(localName, namespaceUri, value);
        node.AddAttribute(attribute);
        if (frame.Declaration is null) return true;
        if (namespaceUri == XsiNamespace && localName is "schemaLocation" or "noNamespaceSchemaLocation") return true;
        var declared = namespaceUri.Length == 0 ? Declared(frame.Declaration, localName) : null;
        if (declared is null)
        {
            Error("XSD.AttribuutOnverwacht", node, $"Het attribuut '{name}' is niet toegestaan op '{node.LocalName}'.");
            return true;
        }
        var problem = declared.Type.Check(value);
        if (problem != SimpleValueProblem.None)
            Error("XSD.WaardeOngeldig", node, ValueMessages.Describe(problem, declared.Type, "attribuut '" + localName + "' van '" + node.LocalName + "'", value));
        return true;
    }

    private static AttributeDeclaration? Declared(ElementDeclaration declaration, string name)
    {
        foreach (var a in declaration.Attributes)
            if (a.Name == name) return a;
        return null;
    }

    /// <summary>The start tag is complete: checks the required attributes.</summary>
    public void EndAttributes()
    {
        var frame = _frames[_depth - 1];
        if (frame.Declaration is null) return;
        foreach (var required in frame.Declaration.Attributes)
            if (required.Required && frame.Node.Attribute(required.Name) is null)
                Error("XSD.AttribuutOntbreekt", frame.Node, $"Het attribuut '{required.Name}' ontbreekt op '{frame.Node.LocalName}'.");
    }

    /// <summary>A comment or processing instruction: it separates text nodes (as XPath sees them).</summary>
    public void Interruption()
    {
        if (_depth > 0) _frames[_depth - 1].SegmentOpen = false;
    }

    /// <summary>
    /// A text node inside the document element, read to its end. False when a limit stops reading.
    /// </summary>
    public bool Text<T>(ref T text, TextKind kind) where T : ITextChunks, allows ref struct
    {
        if (_chunk.Length == 0) _chunk = ArrayPool<char>.Shared.Rent(16 * 1024);
        var frame = _frames[_depth - 1];
        var declaration = frame.Declaration;

        if (declaration?.ComplexType is not null)
        {
            // element-only content: whitespace is formatting (also whitespace the reader did not call so: the
            // XmlReader reports whitespace longer than its look-ahead as text); anything else is an error, not kept
            if (kind == TextKind.Whitespace) return true;
            return SkipText(ref text, frame, out var white) && (white && kind == TextKind.Text || ReportText(frame));
        }

        if (declaration is { IsBinary: true } && frame.Segments is null)
            return BinaryText(ref text, frame);

        var piece = ReadPiece(ref text, frame);
        if (piece is null) return false;
        if (piece.Length == 0) return true;
        if (frame.SegmentOpen)
        {
            if (frame.Segments is null) frame.FirstText += piece;
            else frame.Segments[^1] += piece;
        }
        else
        {
            if (frame.FirstText is null) frame.FirstText = piece;
            else (frame.Segments ??= [frame.FirstText]).Add(piece);
            frame.SegmentOpen = true;
        }
        return true;
    }

    // one text node's value (null when a limit was hit)
    private string? ReadPiece<T>(ref T text, Frame frame) where T : ITextChunks, allows ref struct
    {
        var n = text.Read(_chunk, 0, _chunk.Length);
        if (n == 0) return "";
        if ((frame.TextLength += n) > limits.MaxTextLength) return TextTooLong(ref text, frame);
        if (n < _chunk.Length)
        {
            var more = text.Read(_chunk, n, _chunk.Length - n);
            if (more == 0) return new string(_chunk, 0, n);
            n += more;
            if ((frame.TextLength += more) > limits.MaxTextLength) return TextTooLong(ref text, frame);
        }
        var sb = frame.Text ??= new StringBuilder();
        sb.Clear();
        sb.Append(_chunk, 0, n);
        while ((n = text.Read(_chunk, 0, _chunk.Length)) > 0)
        {
            if ((frame.TextLength += n) > limits.MaxTextLength) return TextTooLong(ref text, frame);
            sb.Append(_chunk, 0, n);
        }
        return sb.ToString();
    }

    // text in element-only content: read to its end; whitespace does not count towards the text limit (it is formatting,
    // whichever way the reader typed it), anything else does
    private bool SkipText<T>(ref T text, Frame frame, out bool whitespace) where T : ITextChunks, allows ref struct
    {
        int n;
        long uncounted = 0;
        whitespace = true;
        while ((n = text.Read(_chunk, 0, _chunk.Length)) > 0)
        {
            if (whitespace && _chunk.AsSpan(0, n).ContainsAnyExcept(XmlWhitespace)) whitespace = false;
            if (whitespace)
            {
                uncounted += n;
                continue;
            }
            frame.TextLength += uncounted + n;
            uncounted = 0;
            if (frame.TextLength > limits.MaxTextLength) return TextTooLong(ref text, frame) is not null;
        }
        return true;
    }

    private static readonly SearchValues<char> XmlWhitespace = SearchValues.Create(" \t\r\n");

    private bool ReportText(Frame frame)
    {
        if (!frame.ReportedText)
        {
            frame.ReportedText = true;
            Error("XSD.GeenTekstToegestaan", frame.Node, $"Het element '{frame.Node.LocalName}' mag geen tekst bevatten, alleen elementen.");
        }
        return true;
    }

    private bool BinaryText<T>(ref T text, Frame frame) where T : ITextChunks, allows ref struct
    {
        int n;
        var builder = keepAttachments ? frame.Binary ??= new Base64Builder() : null;
        var facts = keepAttachments ? null : frame.Facts ??= new AttachmentFactsBuilder();
        while ((n = text.Read(_chunk, 0, _chunk.Length)) > 0)
        {
            frame.TextLength += n;
            if (frame.TextLength > limits.MaxTextLength) return TextTooLong(ref text, frame) is not null;
            builder?.Append(_chunk.AsSpan(0, n));
            facts?.Append(_chunk.AsSpan(0, n));
        }
        frame.SegmentOpen = true;
        return true;
    }

    private string? TextTooLong<T>(ref T text, Frame frame) where T : ITextChunks, allows ref struct
    {
        var (line, column) = text.Position;
        Fatal("XML.TekstTeLang", line, column,
            $"De tekst van '{frame.Node.LocalName}' is langer dan {limits.MaxTextLength:N0} tekens; het document wordt niet verder gelezen.");
        return null;
    }

    /// <summary>An end tag (or the end of an empty element).</summary>
    public void EndElement()
    {
        var frame = _frames[--_depth];
        var node = frame.Node;
        var declaration = frame.Declaration;

        if (frame.Binary is not null)
        {
            var (base64, text) = frame.Binary.Build();
            if (base64 is not null) node.SetBase64(base64);
            else node.SetText(text!, null);
            frame.Binary = null;
        }
        else if (frame.Facts is not null)
        {
            node.SetAttachmentFacts(frame.Facts.Build());
            frame.Facts = null;
        }
        else if (frame.FirstText is not null && declaration?.ComplexType is null)
        {
            node.SetText(frame.Segments is null ? frame.FirstText : string.Concat(frame.Segments), frame.Segments);
        }

        if (declaration is null) return;
        if (declaration.ComplexType is { } type)
        {
            if (!type.Model.IsAccepting(frame.State))
            {
                var missing = type.Model.Next(frame.State).Where(t => t.Required).Select(t => "'" + t.Name + "'").ToList();
                var next = type.Model.Next(frame.State).Select(t => "'" + t.Name + "'").ToList();
                Error("XSD.ElementOntbreekt", node, missing.Count > 0
                    ? $"In '{node.LocalName}' ontbreekt {string.Join(", ", missing)}."
                    : $"'{node.LocalName}' is onvolledig; verwacht: {string.Join(" of ", next)}.");
            }
            return;
        }

        var simple = declaration.SimpleType!;
        var problem = node.Base64 is { } ascii ? simple.CheckAsciiLength(ascii.Length)
            : node.Attachment is { } facts && node.Text.Length == 0 ? simple.CheckAsciiLength(facts.TextLength)
            : simple.Check(node.Text);
        if (problem != SimpleValueProblem.None)
            Error("XSD.WaardeOngeldig", node, ValueMessages.Describe(problem, simple, "'" + node.LocalName + "'", node.Text));
    }

    private ElementDeclaration? RootDeclaration(XmlElementNode node)
    {
        if ((object)node.NamespaceUri != schema.TargetNamespace && node.NamespaceUri != schema.TargetNamespace)
        {
            Error("XSD.Namespace", node,
                node.NamespaceUri.Length == 0
                    ? $"Het element '{node.LocalName}' heeft geen namespace; verwacht wordt '{schema.TargetNamespace}'."
                    : $"Het element '{node.LocalName}' heeft namespace '{node.NamespaceUri}'; verwacht wordt '{schema.TargetNamespace}'.");
            return null;
        }
        var declaration = schema.Global(node.LocalName);
        if (declaration is null)
            Error("XSD.OnbekendDocument", node,
                $"Het document begint met '{node.LocalName}'; dat is geen element van de OSO-gegevensset {schema.Version} (verwacht: 'dossier' of 'dossiers').");
        return declaration;
    }

    private ElementDeclaration? ChildDeclaration(Frame parent, XmlElementNode node)
    {
        var parentDeclaration = parent.Declaration;
        if (parentDeclaration is null) return null; // already reported: an unknown element's content is not judged
        if (parentDeclaration.ComplexType is not { } type)
        {
            if (!parent.ReportedChildren)
            {
                parent.ReportedChildren = true;
                Error("XSD.GeenElementenToegestaan", node,
                    $"Het element '{parent.Node.LocalName}' mag alleen tekst bevatten, geen element '{node.LocalName}'.");
            }
            return null;
        }

        var model = type.Model;
        var inNamespace = (object)node.NamespaceUri == schema.TargetNamespace || node.NamespaceUri == schema.TargetNamespace;
        if (inNamespace && model.Step(parent.State, node.LocalName) is { } step)
        {
            parent.State = step.Target;
            return step.Element;
        }

        if (!inNamespace)
        {
            Error("XSD.Namespace", node,
                $"Het element '{node.LocalName}' in '{parent.Node.LocalName}' heeft namespace '{node.NamespaceUri}'; verwacht wordt '{schema.TargetNamespace}'.");
            return null;
        }

        var expected = Expected(model, parent.State);
        var recovered = model.Recover(parent.State, node.LocalName);
        if (recovered is { } state)
        {
            var missing = model.Next(parent.State).Where(t => t.Required).Select(t => t.Name).ToList();
            Error("XSD.ElementOntbreekt", node, missing.Count == 1
                ? $"In '{parent.Node.LocalName}' ontbreekt '{missing[0]}' vóór '{node.LocalName}'."
                : $"In '{parent.Node.LocalName}' staat '{node.LocalName}' niet op zijn plaats; verwacht: {expected}.");
            var step2 = model.Step(state, node.LocalName)!.Value;
            parent.State = step2.Target;
            return step2.Element;
        }

        var known = model.AnyDeclaration(node.LocalName);
        Error("XSD.ElementOnverwacht", node, known is null
            ? $"Het element '{node.LocalName}' hoort niet in '{parent.Node.LocalName}'; verwacht: {expected}."
            : $"Het element '{node.LocalName}' mag hier niet (nogmaals) voorkomen in '{parent.Node.LocalName}'; verwacht: {expected}.");
        return known;
    }

    private static string Expected(ContentModel model, int state)
    {
        var next = model.Next(state);
        var names = next.Select(t => "'" + t.Name + "'").ToList();
        if (model.IsAccepting(state)) names.Add("het einde van het element");
        return names.Count == 0 ? "niets meer" : string.Join(", ", names);
    }

    private void Push(XmlElementNode node, ElementDeclaration? declaration)
    {
        if (_depth == _frames.Count) _frames.Add(new Frame());
        _frames[_depth++].Reset(node, declaration);
    }

    private void Error(string code, XmlElementNode node, string tekst) =>
        _meldingen.Add(new Melding(MeldingType.Fout, code, node.XPath, node.Line, node.Column, tekst));

    /// <summary>A problem that stops reading (no tree is given). Always false.</summary>
    public bool Fatal(string code, int line, int column, string tekst)
    {
        _meldingen.Add(new Melding(MeldingType.Fout, code, "", line, column, tekst));
        return false;
    }
}
