using System.Buffers;
using System.Text;
using System.Xml;
using Oso.Dossier.Schema;
using Oso.Dossier.Validation;

namespace Oso.Dossier.Xml;

/// <summary>
/// Reads a document in one streaming pass: hardened XML parsing (no DTD, no external resolution, limits on
/// depth, element count, text and document size), structural validation against a <see cref="SchemaDefinition"/>
/// (content models as automata, simple types with their facets) and construction of the element tree with
/// source positions. Never throws on bad input: every problem becomes a located <see cref="Melding"/>.
/// </summary>
public static class SchemaValidatingReader
{
    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";
    private const string XsiNamespace = "http://www.w3.org/2001/XMLSchema-instance";

    /// <summary>Reads and validates a document.</summary>
    /// <param name="input">The document.</param>
    /// <param name="schema">The schema to validate against.</param>
    /// <param name="limits">Limits against hostile input (defaults when null).</param>
    /// <param name="keepAttachments">
    /// True to keep attachments' base64 text in the tree (<see cref="XmlElementNode.Base64"/>); false to keep only
    /// <see cref="XmlElementNode.Attachment"/> facts, so validation holds no attachment in memory.
    /// </param>
    /// <param name="cancellationToken">Cancels reading.</param>
    public static XmlReadResult Read(Stream input, SchemaDefinition schema, XmlLimits? limits = null, bool keepAttachments = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(schema);
        return new Pass(schema, limits ?? XmlLimits.Default, keepAttachments, cancellationToken).Run(input);
    }

    /// <summary>Reader settings that refuse DTDs and external resources and cap the document's size.</summary>
    public static XmlReaderSettings HardenedSettings(XmlLimits limits, XmlNameTable? nameTable = null)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 1024,
            MaxCharactersInDocument = limits.MaxDocumentLength,
            IgnoreWhitespace = false,
            IgnoreComments = false,
            IgnoreProcessingInstructions = false,
            CheckCharacters = true,
            CloseInput = false,
            ValidationType = ValidationType.None,
            NameTable = nameTable,
        };
    }

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
            Binary = null;
            Facts = null;
        }
    }

    private sealed class Pass(SchemaDefinition schema, XmlLimits limits, bool keepAttachments, CancellationToken cancellationToken)
    {
        private readonly List<Melding> _meldingen = [];
        private readonly List<Frame> _frames = [];
        private char[] _chunk = ArrayPool<char>.Shared.Rent(16 * 1024);
        private int _depth;
        private int _elements;
        private XmlElementNode? _root;
        private XmlReader _reader = null!;

        public XmlReadResult Run(Stream input)
        {
            var nameTable = new SchemaNameTable(schema.Names);
            try
            {
                using (_reader = XmlReader.Create(input, HardenedSettings(limits, nameTable)))
                {
                    var lineInfo = (IXmlLineInfo)_reader;
                    int lastLine = 0, lastColumn = 0;
                    try
                    {
                        while (_reader.Read())
                        {
                            // where the reader was, for errors that carry no position (e.g. a refused DTD after the declaration)
                            if (_reader.NodeType is XmlNodeType.XmlDeclaration or XmlNodeType.Element)
                            {
                                lastLine = lineInfo.LineNumber;
                                lastColumn = lineInfo.LinePosition;
                            }
                            if (!Visit()) return new XmlReadResult(null, _meldingen);
                        }
                    }
                    catch (XmlException ex)
                    {
                        // some parser errors carry no position; the reader still knows where it stopped
                        var (line, column) = ex.LineNumber > 0 ? (ex.LineNumber, ex.LinePosition)
                            : lineInfo.LineNumber > 0 ? (lineInfo.LineNumber, lineInfo.LinePosition) : (lastLine, lastColumn);
                        var kind = XmlErrors.Classify(ex);
                        Fatal(XmlErrors.Code(kind), line, column, XmlErrors.Describe(kind));
                        return new XmlReadResult(null, _meldingen);
                    }
                    catch (DecoderFallbackException)
                    {
                        Fatal(XmlErrors.Code(XmlErrorKind.Encoding), lastLine, lastColumn, XmlErrors.Describe(XmlErrorKind.Encoding));
                        return new XmlReadResult(null, _meldingen);
                    }
                }
                if (_root is null)
                {
                    Fatal("XML.Leeg", 0, 0, "Het bestand bevat geen XML-element (het is leeg of bevat alleen commentaar).");
                    return new XmlReadResult(null, _meldingen);
                }
                return new XmlReadResult(_root, _meldingen);
            }
            finally
            {
                ArrayPool<char>.Shared.Return(_chunk);
                _chunk = [];
            }
        }

        private bool Visit()
        {
            switch (_reader.NodeType)
            {
                case XmlNodeType.Element:
                    return StartElement();
                case XmlNodeType.EndElement:
                    EndElement();
                    return true;
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                case XmlNodeType.Whitespace:
                case XmlNodeType.SignificantWhitespace:
                    return _depth == 0 || Text();
                case XmlNodeType.Comment:
                case XmlNodeType.ProcessingInstruction:
                    if (_depth > 0) _frames[_depth - 1].SegmentOpen = false;
                    return true;
                default:
                    return true;
            }
        }

        private bool StartElement()
        {
            cancellationToken.ThrowIfCancellationRequested();
            var info = (IXmlLineInfo)_reader;
            if (_depth + 1 > limits.MaxDepth)
                return Fatal("XML.TeDiep", info.LineNumber, info.LinePosition,
                    $"Het document is te diep genest (meer dan {limits.MaxDepth} niveaus); het wordt niet verder gelezen.");
            if (++_elements > limits.MaxElements)
                return Fatal("XML.TeVeelElementen", info.LineNumber, info.LinePosition,
                    $"Het document bevat meer dan {limits.MaxElements:N0} elementen; het wordt niet verder gelezen.");

            var parent = _depth > 0 ? _frames[_depth - 1] : null;
            var node = new XmlElementNode(_reader.LocalName, _reader.NamespaceURI, parent?.Node, info.LineNumber, info.LinePosition);
            ElementDeclaration? declaration = null;
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

            var frame = Push(node, declaration);
            if (!Attributes(frame)) return false;
            if (_reader.IsEmptyElement) EndElement();
            return true;
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

        private bool Attributes(Frame frame)
        {
            if (!_reader.HasAttributes) return true;
            var node = frame.Node;
            var count = 0;
            while (_reader.MoveToNextAttribute())
            {
                var ns = _reader.NamespaceURI;
                if (ns == XmlnsNamespace) continue;
                if (++count > limits.MaxAttributes)
                {
                    var info = (IXmlLineInfo)_reader;
                    return Fatal("XML.TeVeelAttributen", info.LineNumber, info.LinePosition,
                        $"Het element '{node.LocalName}' heeft meer dan {limits.MaxAttributes} attributen; het document wordt niet verder gelezen.");
                }
                var attribute = new XmlAttributeNode(_reader.LocalName, ns, _reader.Value);
                node.AddAttribute(attribute);
                if (frame.Declaration is null) continue;
                if (ns == XsiNamespace && attribute.LocalName is "schemaLocation" or "noNamespaceSchemaLocation") continue;
                var declared = ns.Length == 0 ? frame.Declaration.Attributes.FirstOrDefault(a => a.Name == attribute.LocalName) : null;
                if (declared is null)
                {
                    Error("XSD.AttribuutOnverwacht", node, $"Het attribuut '{_reader.Name}' is niet toegestaan op '{node.LocalName}'.");
                    continue;
                }
                var problem = declared.Type.Check(attribute.Value);
                if (problem != SimpleValueProblem.None)
                    Error("XSD.WaardeOngeldig", node, ValueMessages.Describe(problem, declared.Type, "attribuut '" + attribute.LocalName + "' van '" + node.LocalName + "'", attribute.Value));
            }
            _reader.MoveToElement();
            foreach (var required in frame.Declaration?.Attributes.Where(a => a.Required) ?? [])
                if (node.Attribute(required.Name) is null)
                    Error("XSD.AttribuutOntbreekt", node, $"Het attribuut '{required.Name}' ontbreekt op '{node.LocalName}'.");
            return true;
        }

        private bool Text()
        {
            var frame = _frames[_depth - 1];
            var declaration = frame.Declaration;
            var nodeType = _reader.NodeType;
            var isWhite = nodeType is XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace;

            if (declaration?.ComplexType is not null)
            {
                // element-only content: whitespace is formatting; anything else is an error (and is not kept)
                if (isWhite) return true;
                if (!frame.ReportedText)
                {
                    frame.ReportedText = true;
                    Error("XSD.GeenTekstToegestaan", frame.Node, $"Het element '{frame.Node.LocalName}' mag geen tekst bevatten, alleen elementen.");
                }
                return SkipText(frame);
            }

            if (declaration is { IsBinary: true } && frame.Segments is null)
                return BinaryText(frame);

            // read the text in chunks so that a huge text node is refused before it is held in memory
            var piece = ReadPiece(frame);
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
        private string? ReadPiece(Frame frame)
        {
            var n = _reader.ReadValueChunk(_chunk, 0, _chunk.Length);
            if (n == 0) return "";
            if ((frame.TextLength += n) > limits.MaxTextLength) return TextTooLong(frame);
            if (n < _chunk.Length)
            {
                var more = _reader.ReadValueChunk(_chunk, n, _chunk.Length - n);
                if (more == 0) return new string(_chunk, 0, n);
                n += more;
                if ((frame.TextLength += more) > limits.MaxTextLength) return TextTooLong(frame);
            }
            var sb = frame.Text ??= new StringBuilder();
            sb.Clear();
            sb.Append(_chunk, 0, n);
            while ((n = _reader.ReadValueChunk(_chunk, 0, _chunk.Length)) > 0)
            {
                if ((frame.TextLength += n) > limits.MaxTextLength) return TextTooLong(frame);
                sb.Append(_chunk, 0, n);
            }
            return sb.ToString();
        }

        private bool SkipText(Frame frame)
        {
            int n;
            while ((n = _reader.ReadValueChunk(_chunk, 0, _chunk.Length)) > 0)
            {
                frame.TextLength += n;
                if (frame.TextLength > limits.MaxTextLength) return TextTooLong(frame) is not null;
            }
            return true;
        }

        private bool BinaryText(Frame frame)
        {
            int n;
            var builder = keepAttachments ? frame.Binary ??= new Base64Builder() : null;
            var facts = keepAttachments ? null : frame.Facts ??= new AttachmentFactsBuilder();
            while ((n = _reader.ReadValueChunk(_chunk, 0, _chunk.Length)) > 0)
            {
                frame.TextLength += n;
                if (frame.TextLength > limits.MaxTextLength) return TextTooLong(frame) is not null;
                builder?.Append(_chunk.AsSpan(0, n));
                facts?.Append(_chunk.AsSpan(0, n));
            }
            frame.SegmentOpen = true;
            return true;
        }

        private string? TextTooLong(Frame frame)
        {
            var info = (IXmlLineInfo)_reader;
            Fatal("XML.TekstTeLang", info.LineNumber, info.LinePosition,
                $"De tekst van '{frame.Node.LocalName}' is langer dan {limits.MaxTextLength:N0} tekens; het document wordt niet verder gelezen.");
            return null;
        }

        private void EndElement()
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

        private Frame Push(XmlElementNode node, ElementDeclaration? declaration)
        {
            if (_depth == _frames.Count) _frames.Add(new Frame());
            var frame = _frames[_depth++];
            frame.Reset(node, declaration);
            return frame;
        }

        private void Error(string code, XmlElementNode node, string tekst) =>
            _meldingen.Add(new Melding(MeldingType.Fout, code, node.XPath, node.Line, node.Column, tekst));

        private bool Fatal(string code, int line, int column, string tekst)
        {
            _meldingen.Add(new Melding(MeldingType.Fout, code, "", line, column, tekst));
            return false;
        }
    }
}
