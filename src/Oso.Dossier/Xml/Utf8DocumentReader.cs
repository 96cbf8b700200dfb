using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Oso.Dossier.Schema;

namespace Oso.Dossier.Xml;

/// <summary>
/// The fast reader: tokenizes a whole UTF-8 document in memory and drives the same <see cref="TreeBuilder"/> as the
/// <see cref="System.Xml.XmlReader"/> path, so both give the same <see cref="XmlReadResult"/>. It only decides documents
/// it fully understands: UTF-8 (with or without BOM and <c>encoding="UTF-8"</c>), XML 1.0, ASCII names, the five
/// predefined entities and character references, comments, processing instructions and CDATA. For anything else — a
/// DTD, another encoding, any well-formedness error, any limit reached — it gives null, and the XmlReader reads the
/// document and words the error. So the fast reader never has to be right about a broken document, only about which
/// documents are whole; the differential tests hold it to that.
/// <para>
/// Why: reading through XmlReader cost about 1.4 times a bare XmlReader pass before any check ran; this reader works on
/// the bytes with vectorized searches and decodes only text that is kept.
/// </para>
/// </summary>
internal ref struct Utf8DocumentReader
{
    private const byte NameStart = 1, NameChar = 2, White = 4;
    private const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";
    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";

    private static readonly byte[] Classes = BuildClasses();
    private static readonly SearchValues<byte> ForbiddenControls = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31]);
    private static readonly SearchValues<byte> Whitespace = SearchValues.Create(" \t\r\n"u8);
    private static readonly SearchValues<byte> AttributeSpecials = SearchValues.Create("&\t\n\r"u8);

    private readonly ReadOnlySpan<byte> _d;
    private readonly TreeBuilder _builder;
    private readonly SchemaDefinition _schema;
    private readonly XmlLimits _limits;
    private int _pos;

    // line and column of a byte offset, counted incrementally
    private int _line;
    private int _counted;       // newlines are counted up to here
    private int _columnOffset;  // a known offset on the current line...
    private int _column;        // ...and its 0-based column in UTF-16 units

    // open elements: where each name is, and how many namespace bindings were in scope before it
    private (int NameStart, int NameLength, int Scope)[] _open;
    private int _depth;

    // namespace bindings in scope: the prefix's bytes (length 0 for the default namespace) and the URI
    private (int PrefixStart, int PrefixLength, string Uri)[] _bindings;
    private int _scope;

    private (int Start, int Length, int Colon, string Value)[] _attributes;
    private Dictionary<string, string>? _otherNames;
    private readonly System.Collections.Frozen.FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _known;

    private Utf8DocumentReader(ReadOnlySpan<byte> document, int start, TreeBuilder builder, SchemaDefinition schema, XmlLimits limits)
    {
        _d = document;
        _pos = start;
        _counted = _columnOffset = start;
        _line = 1;
        _builder = builder;
        _schema = schema;
        _limits = limits;
        _known = schema.Names.GetAlternateLookup<ReadOnlySpan<char>>();
        _open = new (int, int, int)[16];
        _bindings = new (int, int, string)[8];
        _attributes = new (int, int, int, string)[8];
    }

    /// <summary>Reads a document, or gives null when the XmlReader must (see the type's summary).</summary>
    public static XmlReadResult? TryRead(ReadOnlySpan<byte> document, SchemaDefinition schema, XmlLimits limits, bool keepAttachments, CancellationToken cancellationToken)
    {
        if (document.Length > limits.MaxDocumentLength) return null;
        var start = document.StartsWith("\uFEFF"u8) ? 3 : 0;
        var body = document[start..];
        // every byte is checked once, vectorized: valid UTF-8, only characters XML allows
        if (!Utf8.IsValid(body) || body.IndexOfAny(ForbiddenControls) >= 0 || HasNonCharacter(body)) return null;

        var builder = new TreeBuilder(schema, limits, keepAttachments, cancellationToken);
        try
        {
            var reader = new Utf8DocumentReader(document, start, builder, schema, limits);
            return reader.Document() ? builder.Result() : null;
        }
        finally
        {
            builder.Release();
        }
    }

    // U+FFFE and U+FFFF are valid UTF-8 but not XML characters (EF BF BE, EF BF BF)
    private static bool HasNonCharacter(ReadOnlySpan<byte> body)
    {
        var at = 0;
        while (true)
        {
            var k = body[at..].IndexOf((ReadOnlySpan<byte>)[0xEF, 0xBF]);
            if (k < 0) return false;
            at += k + 2;
            if (at < body.Length && body[at] is 0xBE or 0xBF) return true;
        }
    }

    private static byte[] BuildClasses()
    {
        var c = new byte[256];
        for (var b = 'a'; b <= 'z'; b++) c[b] = NameStart | NameChar;
        for (var b = 'A'; b <= 'Z'; b++) c[b] = NameStart | NameChar;
        c['_'] = NameStart | NameChar;
        for (var b = '0'; b <= '9'; b++) c[b] = NameChar;
        c['.'] = c['-'] = NameChar;
        c[' '] = c['\t'] = c['\r'] = c['\n'] = White;
        return c;
    }

    private readonly bool At(ReadOnlySpan<byte> literal) => _d[_pos..].StartsWith(literal);

    private readonly bool IsWhite(int at) => at < _d.Length && (Classes[_d[at]] & White) != 0;

    private bool SkipWhite()
    {
        var start = _pos;
        while (_pos < _d.Length && (Classes[_d[_pos]] & White) != 0) _pos++;
        return _pos > start;
    }

    // ------------------------------------------------------------------ document

    private bool Document()
    {
        if (At("<?xml"u8) && IsWhite(_pos + 5) && !XmlDeclaration()) return false;
        if (!Misc() || _pos >= _d.Length || _d[_pos] != '<') return false;
        if (!StartTag()) return false;
        while (_depth > 0)
        {
            var lt = _d[_pos..].IndexOf((byte)'<');
            if (lt < 0) return false;
            if (lt > 0 && !Text(_d.Slice(_pos, lt))) return false;
            _pos += lt;
            if (_pos + 1 >= _d.Length) return false;
            var ok = _d[_pos + 1] switch
            {
                (byte)'/' => EndTag(),
                (byte)'!' => At("<!--"u8) ? Comment() : At("<![CDATA["u8) && CData(),
                (byte)'?' => ProcessingInstruction(),
                _ => StartTag(),
            };
            if (!ok) return false;
        }
        return Misc() && _pos == _d.Length;
    }

    // only version 1.0, encoding UTF-8 and standalone are understood
    private bool XmlDeclaration()
    {
        _pos += 5;
        SkipWhite();
        if (!PseudoAttribute("version"u8, out var version) || !version.SequenceEqual("1.0"u8)) return false;
        var white = SkipWhite();
        if (white && At("encoding"u8))
        {
            if (!PseudoAttribute("encoding"u8, out var encoding) || !Ascii.EqualsIgnoreCase(encoding, "utf-8"u8)) return false;
            white = SkipWhite();
        }
        if (white && At("standalone"u8))
        {
            if (!PseudoAttribute("standalone"u8, out var standalone) || !(standalone.SequenceEqual("yes"u8) || standalone.SequenceEqual("no"u8))) return false;
            SkipWhite();
        }
        if (!At("?>"u8)) return false;
        _pos += 2;
        return true;
    }

    private bool PseudoAttribute(ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (!At(name)) return false;
        _pos += name.Length;
        return EqualsQuotedValue(out value);
    }

    // = "value" or = 'value' (whitespace around the = allowed), after a name
    private bool EqualsQuotedValue(out ReadOnlySpan<byte> value)
    {
        value = default;
        SkipWhite();
        if (_pos >= _d.Length || _d[_pos] != '=') return false;
        _pos++;
        SkipWhite();
        if (_pos >= _d.Length || _d[_pos] is not ((byte)'"' or (byte)'\'')) return false;
        var quote = _d[_pos++];
        var end = _d[_pos..].IndexOf(quote);
        if (end < 0) return false;
        value = _d.Slice(_pos, end);
        _pos += end + 1;
        return true;
    }

    // whitespace, comments and processing instructions before and after the document element
    private bool Misc()
    {
        while (true)
        {
            SkipWhite();
            if (At("<!--"u8))
            {
                if (!Comment()) return false;
            }
            else if (At("<?"u8))
            {
                if (!ProcessingInstruction()) return false;
            }
            else return true;
        }
    }

    private bool Comment()
    {
        var start = _pos + 4;
        var end = _d[start..].IndexOf("--"u8);
        if (end < 0) return false;
        end += start;
        if (end + 2 >= _d.Length || _d[end + 2] != '>') return false;
        _pos = end + 3;
        _builder.Interruption();
        return true;
    }

    private bool ProcessingInstruction()
    {
        _pos += 2;
        if (!Name(out var start, out var length, out var colon) || colon >= 0) return false;
        if (length == 3 && Ascii.EqualsIgnoreCase(_d.Slice(start, 3), "xml"u8)) return false;
        if (!At("?>"u8))
        {
            if (!SkipWhite()) return false;
            var end = _d[_pos..].IndexOf("?>"u8);
            if (end < 0) return false;
            _pos += end;
        }
        _pos += 2;
        _builder.Interruption();
        return true;
    }

    private bool CData()
    {
        var start = _pos + 9;
        var end = _d[start..].IndexOf("]]>"u8);
        if (end < 0) return false;
        var text = new TextChunks(_d.Slice(start, end), cdata: true);
        if (!_builder.Text(ref text, TextKind.CData) || text.Failed) return false;
        _pos = start + end + 3;
        return true;
    }

    private bool Text(ReadOnlySpan<byte> run)
    {
        if (run.IndexOf("]]>"u8) >= 0) return false;
        var whitespace = run.IndexOfAnyExcept(Whitespace) < 0;
        var text = new TextChunks(run, cdata: false);
        // (whitespace in element-only content is not read: it has no references to check)
        return _builder.Text(ref text, whitespace ? TextKind.Whitespace : TextKind.Text) && !text.Failed && (text.Done || whitespace);
    }

    // ------------------------------------------------------------------ tags

    // a name, possibly prefixed; ASCII only
    private bool Name(out int start, out int length, out int colon)
    {
        start = _pos;
        colon = -1;
        if (_pos >= _d.Length || (Classes[_d[_pos]] & NameStart) == 0) { length = 0; return false; }
        _pos++;
        while (_pos < _d.Length)
        {
            var b = _d[_pos];
            if ((Classes[b] & NameChar) != 0) _pos++;
            else if (b == ':' && colon < 0 && _pos + 1 < _d.Length && (Classes[_d[_pos + 1]] & NameStart) != 0)
            {
                colon = _pos - start;
                _pos += 2;
            }
            else break;
        }
        length = _pos - start;
        // a name ends at whitespace or markup; anything else (a second colon, a non-ASCII letter) is for the XmlReader
        return _pos < _d.Length && _d[_pos] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'>' or (byte)'/' or (byte)'=' or (byte)'?';
    }

    private bool StartTag()
    {
        var tag = _pos;
        _pos++;
        if (!Name(out var nameStart, out var nameLength, out var nameColon)) return false;

        var count = 0;
        bool empty;
        while (true)
        {
            var white = SkipWhite();
            if (_pos >= _d.Length) return false;
            var b = _d[_pos];
            if (b == '>')
            {
                _pos++;
                empty = false;
                break;
            }
            if (b == '/')
            {
                if (_pos + 1 >= _d.Length || _d[_pos + 1] != '>') return false;
                _pos += 2;
                empty = true;
                break;
            }
            if (!white || count >= _limits.MaxAttributes) return false;
            if (!Name(out var start, out var length, out var colon) || !EqualsQuotedValue(out var raw)) return false;
            if (raw.IndexOf((byte)'<') >= 0 || AttributeValue(raw) is not { } value) return false;
            for (var i = 0; i < count; i++)
                if (_d.Slice(_attributes[i].Start, _attributes[i].Length).SequenceEqual(_d.Slice(start, length))) return false;
            if (count == _attributes.Length) Array.Resize(ref _attributes, count * 2);
            _attributes[count++] = (start, length, colon, value);
        }

        // namespace declarations first: they hold for the element's own name and attributes
        var scope = _scope;
        for (var i = 0; i < count; i++)
        {
            var (start, length, colon, value) = _attributes[i];
            if (length == 5 && colon < 0 && _d.Slice(start, 5).SequenceEqual("xmlns"u8))
            {
                if (!Bind(start, 0, value)) return false;
            }
            else if (colon == 5 && _d.Slice(start, 5).SequenceEqual("xmlns"u8))
            {
                if (value.Length == 0 || !Bind(start + 6, length - 6, value)) return false;
            }
        }

        if (!Resolve(nameStart, nameColon, element: true, out var ns)) return false;
        var localName = Atom(nameColon < 0 ? _d.Slice(nameStart, nameLength) : _d.Slice(nameStart + nameColon + 1, nameLength - nameColon - 1));
        var (line, column) = Position(tag + 1);
        if (!_builder.StartElement(localName, ns, line, column)) return false;

        for (var i = 0; i < count; i++)
        {
            var (start, length, colon, value) = _attributes[i];
            if (colon < 0 ? length == 5 && _d.Slice(start, 5).SequenceEqual("xmlns"u8) : colon == 5 && _d.Slice(start, 5).SequenceEqual("xmlns"u8)) continue;
            string attributeNs;
            if (colon < 0) attributeNs = "";
            else if (!Resolve(start, colon, element: false, out attributeNs)) return false;
            var local = Atom(colon < 0 ? _d.Slice(start, length) : _d.Slice(start + colon + 1, length - colon - 1));
            // the same expanded name twice (two prefixes for one namespace) is an error for the XmlReader to word
            for (var j = 0; j < i; j++)
            {
                var other = _attributes[j];
                if (other.Colon < 0 || colon < 0 || other.Colon == 5 && _d.Slice(other.Start, 5).SequenceEqual("xmlns"u8)) continue;
                if (_d.Slice(other.Start + other.Colon + 1, other.Length - other.Colon - 1).SequenceEqual(_d.Slice(start + colon + 1, length - colon - 1))
                    && Resolve(other.Start, other.Colon, element: false, out var otherNs) && otherNs == attributeNs) return false;
            }
            if (!_builder.Attribute(local, attributeNs, Atom(_d.Slice(start, length)), value, line, column)) return false;
        }
        _builder.EndAttributes();

        if (empty)
        {
            _builder.EndElement();
            _scope = scope;
            return true;
        }
        if (_depth == _open.Length) Array.Resize(ref _open, _depth * 2);
        _open[_depth++] = (nameStart, nameLength, scope);
        return true;
    }

    private bool EndTag()
    {
        _pos += 2;
        if (!Name(out var start, out var length, out _)) return false;
        var (openStart, openLength, scope) = _open[_depth - 1];
        if (!_d.Slice(start, length).SequenceEqual(_d.Slice(openStart, openLength))) return false;
        SkipWhite();
        if (_pos >= _d.Length || _d[_pos] != '>') return false;
        _pos++;
        _builder.EndElement();
        _depth--;
        _scope = scope;
        return true;
    }

    // ------------------------------------------------------------------ namespaces

    private bool Bind(int prefixStart, int prefixLength, string uri)
    {
        // the reserved prefixes and namespaces are the XmlReader's to judge
        if (prefixLength >= 3 && Ascii.EqualsIgnoreCase(_d.Slice(prefixStart, 3), "xml"u8)) return false;
        if (uri is XmlNamespace or XmlnsNamespace) return false;
        if (_scope == _bindings.Length) Array.Resize(ref _bindings, _scope * 2);
        _bindings[_scope++] = (prefixStart, prefixLength, Atom(uri));
        return true;
    }

    private readonly bool Resolve(int nameStart, int colon, bool element, out string uri)
    {
        var prefix = colon < 0 ? [] : _d.Slice(nameStart, colon);
        if (colon >= 0 && prefix.SequenceEqual("xml"u8))
        {
            // the XmlReader checks xml:space's value: left to it
            uri = XmlNamespace;
            return !element && !_d[(nameStart + colon + 1)..].StartsWith("space"u8);
        }
        if (colon >= 0 && prefix.SequenceEqual("xmlns"u8))
        {
            uri = "";
            return false;
        }
        for (var i = _scope - 1; i >= 0; i--)
        {
            var (start, length, bound) = _bindings[i];
            if (length == prefix.Length && _d.Slice(start, length).SequenceEqual(prefix))
            {
                uri = bound;
                return true;
            }
        }
        uri = "";
        return colon < 0; // no default namespace is fine; an undeclared prefix is not
    }

    // ------------------------------------------------------------------ values

    private string Atom(ReadOnlySpan<byte> ascii)
    {
        Span<char> chars = ascii.Length <= 128 ? stackalloc char[ascii.Length] : new char[ascii.Length];
        Ascii.ToUtf16(ascii, chars, out _);
        if (_known.TryGetValue(chars, out var known)) return known;
        var others = _otherNames ??= new Dictionary<string, string>(StringComparer.Ordinal);
        var lookup = others.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(chars, out var name)) return name;
        name = new string(chars);
        others[name] = name;
        return name;
    }

    private string Atom(string value)
    {
        if (value.Length == 0) return "";
        if (_schema.Names.TryGetValue(value, out var known)) return known;
        var others = _otherNames ??= new Dictionary<string, string>(StringComparer.Ordinal);
        if (others.TryGetValue(value, out var name)) return name;
        others[value] = value;
        return value;
    }

    // attribute-value normalisation: a tab, line feed or carriage return (a CR LF pair counts once) becomes a space;
    // references are replaced and not normalised. Null for a bad reference.
    private static string? AttributeValue(ReadOnlySpan<byte> raw)
    {
        if (raw.IndexOfAny(AttributeSpecials) < 0) return raw.Length == 0 ? "" : Encoding.UTF8.GetString(raw);
        var chars = ArrayPool<char>.Shared.Rent(raw.Length);
        try
        {
            var n = 0;
            for (var i = 0; i < raw.Length;)
            {
                var special = raw[i..].IndexOfAny(AttributeSpecials);
                var plain = special < 0 ? raw[i..] : raw.Slice(i, special);
                if (plain.Length > 0)
                {
                    Utf8.ToUtf16(plain, chars.AsSpan(n), out var read, out var written);
                    n += written;
                    i += read;
                    continue;
                }
                switch (raw[i])
                {
                    case (byte)'&':
                        if (!TextChunks.Reference(raw[i..], out var rune, out var consumed)) return null;
                        n += rune.EncodeToUtf16(chars.AsSpan(n));
                        i += consumed;
                        break;
                    case (byte)'\r':
                        chars[n++] = ' ';
                        i += i + 1 < raw.Length && raw[i + 1] == '\n' ? 2 : 1;
                        break;
                    default:
                        chars[n++] = ' ';
                        i++;
                        break;
                }
            }
            return new string(chars, 0, n);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    // 1-based line and column (in UTF-16 units, as the XmlReader counts) of a byte offset at or after the last one asked
    private (int Line, int Column) Position(int offset)
    {
        var span = _d[_counted..offset];
        if (span.IndexOf((byte)'\r') < 0)
        {
            var lines = span.Count((byte)'\n');
            if (lines > 0)
            {
                _line += lines;
                _columnOffset = _counted + span.LastIndexOf((byte)'\n') + 1;
                _column = 0;
            }
        }
        else
        {
            for (var i = 0; i < span.Length; i++)
            {
                if (span[i] == '\r' && i + 1 < span.Length && span[i + 1] == '\n') i++;
                if (span[i] is (byte)'\n' or (byte)'\r')
                {
                    _line++;
                    _columnOffset = _counted + i + 1;
                    _column = 0;
                }
            }
        }
        _counted = offset;
        var onLine = _d[_columnOffset..offset];
        _column += Ascii.IsValid(onLine) ? onLine.Length : Encoding.UTF8.GetCharCount(onLine);
        _columnOffset = offset;
        return (_line, _column + 1);
    }
}

/// <summary>The text of a text node or CDATA section, decoded from UTF-8 in chunks, line ends normalised, references replaced.</summary>
internal ref struct TextChunks : ITextChunks
{
    private static readonly SearchValues<byte> TextSpecials = SearchValues.Create("&\r"u8);
    private static readonly SearchValues<byte> CDataSpecials = SearchValues.Create("\r"u8);

    private readonly ReadOnlySpan<byte> _run;
    private readonly SearchValues<byte> _specials;
    private int _at;
    private char _pending; // the second half of a surrogate pair that did not fit
    private bool _hasPending;

    public TextChunks(ReadOnlySpan<byte> run, bool cdata)
    {
        _run = run;
        _specials = cdata ? CDataSpecials : TextSpecials;
    }

    /// <summary>True when a bad reference was met (the document is not well-formed).</summary>
    public bool Failed { get; private set; }

    /// <summary>True when the whole text was read.</summary>
    public readonly bool Done => _at >= _run.Length && !_hasPending;

    public readonly (int Line, int Column) Position => (0, 0); // a limit stops the fast reader: the XmlReader places it

    public int Read(char[] buffer, int index, int count)
    {
        var dest = buffer.AsSpan(index, count);
        var w = 0;
        if (_hasPending && dest.Length > 0)
        {
            dest[w++] = _pending;
            _hasPending = false;
        }
        while (_at < _run.Length && w < dest.Length && !Failed)
        {
            // look no further than what can fit: a huge text is not searched again for every chunk
            var window = _run.Slice(_at, Math.Min(_run.Length - _at, dest.Length - w));
            var special = window.IndexOfAny(_specials);
            if (special != 0)
            {
                var plain = special < 0 ? window : window[..special];
                Utf8.ToUtf16(plain, dest[w..], out var read, out var written, replaceInvalidSequences: false, isFinalBlock: false);
                _at += read;
                w += written;
                if (read > 0) continue;
                // a character cut by the window or too big for what is left: one at a time
                Rune.DecodeFromUtf8(_run[_at..], out var rune, out var consumed);
                _at += consumed;
                Put(rune, dest, ref w);
                continue;
            }
            if (_run[_at] == '\r')
            {
                dest[w++] = '\n';
                _at += _at + 1 < _run.Length && _run[_at + 1] == '\n' ? 2 : 1;
                continue;
            }
            if (!Reference(_run[_at..], out var value, out var length))
            {
                Failed = true;
                return 0;
            }
            _at += length;
            Put(value, dest, ref w);
        }
        return w;
    }

    private void Put(Rune rune, Span<char> dest, ref int w)
    {
        if (rune.IsBmp)
        {
            dest[w++] = (char)rune.Value;
            return;
        }
        Span<char> pair = stackalloc char[2];
        rune.EncodeToUtf16(pair);
        dest[w++] = pair[0];
        if (w < dest.Length) dest[w++] = pair[1];
        else
        {
            _pending = pair[1];
            _hasPending = true;
        }
    }

    /// <summary>A predefined entity or character reference at the start of <paramref name="text"/> (which starts with '&amp;').</summary>
    public static bool Reference(ReadOnlySpan<byte> text, out Rune value, out int length)
    {
        value = default;
        var end = text[..Math.Min(text.Length, 16)].IndexOf((byte)';');
        length = end + 1;
        if (end < 2) return false;
        var body = text[1..end];
        if (body[0] != '#')
        {
            char c;
            if (body.SequenceEqual("lt"u8)) c = '<';
            else if (body.SequenceEqual("gt"u8)) c = '>';
            else if (body.SequenceEqual("amp"u8)) c = '&';
            else if (body.SequenceEqual("quot"u8)) c = '"';
            else if (body.SequenceEqual("apos"u8)) c = '\'';
            else return false;
            value = new Rune(c);
            return true;
        }
        var digits = body[1..];
        var hex = digits.Length > 0 && digits[0] == 'x';
        if (hex) digits = digits[1..];
        if (digits.Length == 0 || digits.Length > 8) return false;
        var code = 0;
        foreach (var d in digits)
        {
            int v;
            if (d is >= (byte)'0' and <= (byte)'9') v = d - '0';
            else if (hex && d is >= (byte)'a' and <= (byte)'f') v = d - 'a' + 10;
            else if (hex && d is >= (byte)'A' and <= (byte)'F') v = d - 'A' + 10;
            else return false;
            code = code * (hex ? 16 : 10) + v;
        }
        // XML 1.0 Char
        if (!(code is 0x9 or 0xA or 0xD || code is >= 0x20 and <= 0xD7FF || code is >= 0xE000 and <= 0xFFFD || code is >= 0x10000 and <= 0x10FFFF)) return false;
        value = new Rune(code);
        return true;
    }
}
