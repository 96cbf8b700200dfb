using System.Text;
using System.Xml;
using Oso.Dossier.Schema;
using Oso.Dossier.Validation;

namespace Oso.Dossier.Xml;

/// <summary>
/// Reads a document in one pass: hardened XML parsing (no DTD, no external resolution, limits on depth, element
/// count, text and document size), structural validation against a <see cref="SchemaDefinition"/> (content models as
/// automata, simple types with their facets) and construction of the element tree with source positions
/// (<see cref="TreeBuilder"/>). A document of up to 32 MiB is read into memory and tokenized by
/// <see cref="Utf8DocumentReader"/>; what that reader does not fully understand, and larger documents, go through a
/// hardened <see cref="XmlReader"/>, with the same result (ADR 0008). Never throws on bad input: every problem becomes
/// a located <see cref="Melding"/>.
/// </summary>
public static class SchemaValidatingReader
{
    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";

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
        limits ??= XmlLimits.Default;
        using var document = DocumentBuffer.Read(input, FastReadLimit(limits));
        return Read(document, schema, limits, keepAttachments, cancellationToken);
    }

    /// <summary>Reads a buffered document: the fast reader when the whole document is in memory, else (or when it cannot decide) the XmlReader.</summary>
    internal static XmlReadResult Read(DocumentBuffer document, SchemaDefinition schema, XmlLimits limits, bool keepAttachments, CancellationToken cancellationToken) =>
        (document.Complete ? TryReadFast(document.Span, schema, limits, keepAttachments, cancellationToken) : null)
        ?? ReadWithXmlReader(document.OpenStream(), schema, limits, keepAttachments, cancellationToken);

    /// <summary>
    /// Documents up to this size are read into memory and go through the fast reader (which itself refuses one beyond
    /// <see cref="XmlLimits.MaxDocumentLength"/>); of a larger one, the bytes held are streamed to the XmlReader first.
    /// At most 32 MiB, and no more than the document limit allows, so that an oversized input is refused early; but at
    /// least 1 MiB, the prefix in which the official tool looks for the profile.
    /// </summary>
    internal static int FastReadLimit(XmlLimits limits) => (int)Math.Clamp(limits.MaxDocumentLength, 1 << 20, 32 << 20);

    /// <summary>The reference reader: <see cref="XmlReader"/> with <see cref="HardenedSettings"/>, streaming.</summary>
    internal static XmlReadResult ReadWithXmlReader(Stream input, SchemaDefinition schema, XmlLimits limits, bool keepAttachments, CancellationToken cancellationToken = default) =>
        new XmlReaderPass(schema, limits, keepAttachments, cancellationToken).Run(input);

    /// <summary>
    /// The fast reader (<see cref="Utf8DocumentReader"/>): the same result as <see cref="ReadWithXmlReader"/>, or null when it
    /// cannot decide — anything unusual, any well-formedness problem, any limit — and the XmlReader must.
    /// </summary>
    internal static XmlReadResult? TryReadFast(ReadOnlySpan<byte> document, SchemaDefinition schema, XmlLimits limits, bool keepAttachments, CancellationToken cancellationToken = default) =>
        Utf8DocumentReader.TryRead(document, schema, limits, keepAttachments, cancellationToken);

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

    private sealed class XmlReaderPass(SchemaDefinition schema, XmlLimits limits, bool keepAttachments, CancellationToken cancellationToken)
    {
        private readonly TreeBuilder _builder = new(schema, limits, keepAttachments, cancellationToken);
        private XmlReader _reader = null!; // null until created (see Run)

        private struct ReaderText(XmlReader reader) : ITextChunks
        {
            public readonly int Read(char[] buffer, int index, int count) => reader.ReadValueChunk(buffer, index, count);

            public readonly (int Line, int Column) Position => (((IXmlLineInfo)reader).LineNumber, ((IXmlLineInfo)reader).LinePosition);
        }

        public XmlReadResult Run(Stream input)
        {
            var nameTable = new SchemaNameTable(schema.Names);
            int lastLine = 0, lastColumn = 0;
            try
            {
                // inside the try: creating the reader already decodes the first characters (a BOM, then bad bytes, throws)
                _reader = XmlReader.Create(input, HardenedSettings(limits, nameTable));
                var lineInfo = (IXmlLineInfo)_reader;
                while (_reader.Read())
                {
                    // where the reader was, for errors that carry no position (e.g. a refused DTD after the declaration)
                    if (_reader.NodeType is XmlNodeType.XmlDeclaration or XmlNodeType.Element)
                    {
                        lastLine = lineInfo.LineNumber;
                        lastColumn = lineInfo.LinePosition;
                    }
                    if (!Visit()) return _builder.Failed();
                }
                if (_builder.Root is null)
                {
                    _builder.Fatal("XML.Leeg", 0, 0, "Het bestand bevat geen XML-element (het is leeg of bevat alleen commentaar).");
                    return _builder.Failed();
                }
                return _builder.Result();
            }
            catch (XmlException ex)
            {
                // some parser errors carry no position; the reader still knows where it stopped
                var lineInfo = _reader as IXmlLineInfo;
                var (line, column) = ex.LineNumber > 0 ? (ex.LineNumber, ex.LinePosition)
                    : lineInfo is { LineNumber: > 0 } ? (lineInfo.LineNumber, lineInfo.LinePosition) : (lastLine, lastColumn);
                var kind = XmlErrors.Classify(ex);
                _builder.Fatal(XmlErrors.Code(kind), line, column, XmlErrors.Describe(kind));
                return _builder.Failed();
            }
            catch (Exception ex) when (ex is DecoderFallbackException || XmlErrors.IsParserFailure(ex))
            {
                _builder.Fatal(XmlErrors.Code(XmlErrorKind.Encoding), lastLine, lastColumn, XmlErrors.Describe(XmlErrorKind.Encoding));
                return _builder.Failed();
            }
            finally
            {
                _reader?.Dispose();
                _builder.Release();
            }
        }

        private bool Visit()
        {
            switch (_reader.NodeType)
            {
                case XmlNodeType.Element:
                    return StartElement();
                case XmlNodeType.EndElement:
                    _builder.EndElement();
                    return true;
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                case XmlNodeType.Whitespace:
                case XmlNodeType.SignificantWhitespace:
                    if (_builder.Depth == 0) return true;
                    var text = new ReaderText(_reader);
                    return _builder.Text(ref text, _reader.NodeType switch
                    {
                        XmlNodeType.Text => TextKind.Text,
                        XmlNodeType.CDATA => TextKind.CData,
                        _ => TextKind.Whitespace,
                    });
                case XmlNodeType.Comment:
                case XmlNodeType.ProcessingInstruction:
                    _builder.Interruption();
                    return true;
                default:
                    return true;
            }
        }

        private bool StartElement()
        {
            var info = (IXmlLineInfo)_reader;
            if (!_builder.StartElement(_reader.LocalName, _reader.NamespaceURI, info.LineNumber, info.LinePosition)) return false;
            if (_reader.HasAttributes)
            {
                while (_reader.MoveToNextAttribute())
                {
                    var ns = _reader.NamespaceURI;
                    if (ns == XmlnsNamespace) continue;
                    if (!_builder.Attribute(_reader.LocalName, ns, _reader.Name, _reader.Value, info.LineNumber, info.LinePosition)) return false;
                }
                _reader.MoveToElement();
            }
            _builder.EndAttributes();
            if (_reader.IsEmptyElement) _builder.EndElement();
            return true;
        }
    }
}
