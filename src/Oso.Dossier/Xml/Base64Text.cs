using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Oso.Dossier.Xml;

/// <summary>
/// The base64 text of an attachment, held once as ASCII bytes (a quarter of a UTF-16 string's memory of the
/// decoded size, a third more than the file itself) and decoded only when asked, in a streaming way.
/// Whitespace in the text (line breaks) is kept, so the text is written back exactly as it was read.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Base64TextJsonConverter))]
public sealed class Base64Text : IEquatable<Base64Text>
{
    internal const int SegmentSize = 16 * 1024; // below the large-object threshold: no LOH allocation per attachment

    private readonly byte[][]? _segments;  // ASCII text in segments, each completely filled
    private readonly int _length;
    private readonly string? _text; // only when the text is not ASCII (then it is not valid base64 either)

    private Base64Text(byte[][] segments, int length)
    {
        _segments = segments;
        _length = length;
    }

    private Base64Text(string text)
    {
        _text = text;
        _length = text.Length;
    }

    /// <summary>The number of characters of text.</summary>
    public int Length => _length;

    /// <summary>True when the text is ASCII (a precondition of valid base64).</summary>
    public bool IsAscii => _segments is not null;

    /// <summary>Wraps ASCII base64 text held in segments (no copy: the arrays must not be changed afterwards).</summary>
    internal static Base64Text FromSegments(byte[][] segments, int length) => new(segments, length);

    // the ASCII text, segment by segment
    private IEnumerable<ReadOnlyMemory<byte>> Segments()
    {
        if (_segments is null) yield break;
        var left = _length;
        foreach (var segment in _segments)
        {
            var n = Math.Min(left, segment.Length);
            if (n <= 0) yield break;
            yield return segment.AsMemory(0, n);
            left -= n;
        }
    }

    /// <summary>Copies the ASCII text into <paramref name="destination"/> (which must hold <see cref="Length"/> bytes).</summary>
    public void CopyAsciiTo(Span<byte> destination)
    {
        if (_segments is null) throw new InvalidOperationException("De tekst is geen ASCII.");
        foreach (var segment in Segments())
        {
            segment.Span.CopyTo(destination);
            destination = destination[segment.Length..];
        }
    }

    /// <summary>Text as it appears in the XML.</summary>
    public static Base64Text FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!System.Text.Ascii.IsValid(text)) return new Base64Text(text);
        return FromAsciiBytes(Encoding.ASCII.GetBytes(text));
    }

    /// <summary>Encodes file content as base64 (no line breaks).</summary>
    public static Base64Text Encode(ReadOnlySpan<byte> content)
    {
        var ascii = new byte[Base64.GetMaxEncodedToUtf8Length(content.Length)];
        Base64.EncodeToUtf8(content, ascii, out _, out var written);
        return FromAsciiBytes(ascii.AsSpan(0, written));
    }

    private static Base64Text FromAsciiBytes(ReadOnlySpan<byte> ascii)
    {
        var segments = new byte[Math.Max(1, (ascii.Length + SegmentSize - 1) / SegmentSize)][];
        for (var i = 0; i < segments.Length; i++)
        {
            var part = ascii.Slice(i * SegmentSize, Math.Min(SegmentSize, ascii.Length - i * SegmentSize));
            segments[i] = part.ToArray();
        }
        return new Base64Text(segments, ascii.Length);
    }

    /// <summary>Validity, size and ZIP signatures of the content (computed without decoding it all).</summary>
    public AttachmentFacts Facts()
    {
        var builder = new AttachmentFactsBuilder();
        if (_text is not null)
        {
            builder.Append(_text);
            return builder.Build();
        }
        var chars = ArrayPool<char>.Shared.Rent(SegmentSize);
        try
        {
            foreach (var segment in Segments())
            {
                System.Text.Ascii.ToUtf16(segment.Span, chars, out var n);
                builder.Append(chars.AsSpan(0, n));
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
        return builder.Build();
    }

    /// <summary>The size of the decoded content in bytes, or null when the text is not valid base64.</summary>
    public long? DecodedLength
    {
        get
        {
            if (_segments is null) return null;
            long significant = 0, padding = 0;
            foreach (var segment in Segments())
            {
                foreach (var b in segment.Span)
                {
                    if (IsWhite(b)) continue;
                    significant++;
                    if (b == (byte)'=') padding++;
                }
            }
            if (significant % 4 != 0) return null;
            return significant / 4 * 3 - padding;
        }
    }

    /// <summary>Decodes the whole content; false when the text is not valid base64.</summary>
    public bool TryDecode(out byte[] content)
    {
        content = [];
        if (_segments is null) return false;
        var compact = ArrayPool<byte>.Shared.Rent(Math.Max(_length, 1));
        try
        {
            // copy the runs between whitespace (vectorised search and copy), then decode in one vectorised call
            var n = 0;
            foreach (var segment in Segments())
            {
                var rest = segment.Span;
                while (rest.Length > 0)
                {
                    var white = rest.IndexOfAny(" \t\r\n"u8);
                    var run = white < 0 ? rest : rest[..white];
                    run.CopyTo(compact.AsSpan(n));
                    n += run.Length;
                    rest = white < 0 ? [] : rest[(white + 1)..];
                }
            }
            var output = new byte[Base64.GetMaxDecodedFromUtf8Length(n)];
            if (Base64.DecodeFromUtf8(compact.AsSpan(0, n), output, out var consumed, out var written) != OperationStatus.Done || consumed != n)
                return false;
            content = written == output.Length ? output : output.AsSpan(0, written).ToArray();
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(compact);
        }
    }

    /// <summary>A stream that decodes the content as it is read; it throws <see cref="FormatException"/> on invalid base64.</summary>
    public Stream OpenRead()
    {
        if (_segments is null) throw new FormatException("Deze bijlage bevat geen geldige base64-tekst.");
        return new DecodingStream(Segments().GetEnumerator());
    }

    /// <summary>Writes the text (exactly as read) to a writer.</summary>
    public void WriteTo(System.Xml.XmlWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (_text is not null)
        {
            writer.WriteString(_text);
            return;
        }
        var chars = ArrayPool<char>.Shared.Rent(SegmentSize);
        try
        {
            foreach (var segment in Segments())
            {
                var n = Encoding.ASCII.GetChars(segment.Span, chars);
                writer.WriteRaw(chars, 0, n); // base64 and whitespace need no escaping
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>The text.</summary>
    public override string ToString()
    {
        if (_text is not null) return _text;
        return string.Create(_length, this, static (chars, self) =>
        {
            foreach (var segment in self.Segments())
            {
                System.Text.Ascii.ToUtf16(segment.Span, chars, out var n);
                chars = chars[n..];
            }
        });
    }

    /// <inheritdoc />
    public bool Equals(Base64Text? other) =>
        other is not null && _length == other._length && ToString() == other.ToString();

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Base64Text);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        return HashCode.Combine(_length, string.GetHashCode(ToString().AsSpan(0, Math.Min(_length, 256)), StringComparison.Ordinal));
    }

    private static bool IsWhite(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    private sealed class DecodingStream(IEnumerator<ReadOnlyMemory<byte>> segments) : ForwardReadStream
    {
        private ReadOnlyMemory<byte> _current;
        private int _position;             // in the current segment
        private readonly byte[] _quad = new byte[4];
        private readonly byte[] _pending = new byte[3];
        private int _pendingOffset, _pendingCount;
        private bool _done;

        private bool NextByte(out byte b)
        {
            while (_position >= _current.Length)
            {
                if (!segments.MoveNext()) { b = 0; return false; }
                _current = segments.Current;
                _position = 0;
            }
            b = _current.Span[_position++];
            return true;
        }

        public override int Read(Span<byte> buffer)
        {
            var written = 0;
            while (written < buffer.Length)
            {
                if (_pendingCount > 0)
                {
                    var take = Math.Min(_pendingCount, buffer.Length - written);
                    _pending.AsSpan(_pendingOffset, take).CopyTo(buffer[written..]);
                    _pendingOffset += take;
                    _pendingCount -= take;
                    written += take;
                    continue;
                }
                if (_done) break;
                var q = 0;
                while (q < 4 && NextByte(out var b))
                    if (!IsWhite(b)) _quad[q++] = b;
                if (q == 0) { _done = true; break; }
                if (q < 4) throw new FormatException("De base64-tekst van de bijlage is afgekapt.");
                if (Base64.DecodeFromUtf8(_quad, _pending, out _, out var n, isFinalBlock: true) != OperationStatus.Done)
                    throw new FormatException("De bijlage bevat geen geldige base64-tekst.");
                _pendingOffset = 0;
                _pendingCount = n;
                if (n < 3) _done = true; // padding ends the content
            }
            return written;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) segments.Dispose();
            base.Dispose(disposing);
        }
    }
}

/// <summary>Serialises <see cref="Base64Text"/> as its base64 string in JSON.</summary>
public sealed class Base64TextJsonConverter : System.Text.Json.Serialization.JsonConverter<Base64Text>
{
    /// <inheritdoc />
    public override Base64Text Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options) =>
        Base64Text.FromText(Model.ModelJson.XmlText(reader.GetString() ?? throw new System.Text.Json.JsonException("Een bijlage (bestandsinhoud) mag niet null zijn.")));

    /// <inheritdoc />
    public override void Write(System.Text.Json.Utf8JsonWriter writer, Base64Text value, System.Text.Json.JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(value.ToString());
    }
}
