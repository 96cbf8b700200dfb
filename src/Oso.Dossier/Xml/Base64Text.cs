using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Oso.Dossier.Xml;

/// <summary>
/// The base64 text of an attachment, held once as ASCII bytes (a quarter of a UTF-16 string's memory of the
/// decoded size, a third more than the file itself) and decoded only when asked, in a streaming way.
/// Whitespace in the text (line breaks) is kept, so the text is written back exactly as it was read.
/// </summary>
public sealed class Base64Text : IEquatable<Base64Text>
{
    private readonly byte[]? _ascii;
    private readonly int _length;
    private readonly string? _text; // only when the text is not ASCII (then it is not valid base64 either)

    private Base64Text(byte[] ascii, int length)
    {
        _ascii = ascii;
        _length = length;
    }

    private Base64Text(string text)
    {
        _text = text;
        _length = text.Length;
    }

    /// <summary>The number of characters of text.</summary>
    public int Length => _length;

    /// <summary>The text as ASCII bytes (empty when the text holds characters outside ASCII).</summary>
    public ReadOnlySpan<byte> Ascii => _ascii is null ? [] : _ascii.AsSpan(0, _length);

    /// <summary>Wraps ASCII base64 text (no copy: the array must not be changed afterwards).</summary>
    internal static Base64Text FromAscii(byte[] ascii, int length) => new(ascii, length);

    /// <summary>Text as it appears in the XML.</summary>
    public static Base64Text FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var c in text)
            if (c > 0x7F) return new Base64Text(text);
        return new Base64Text(Encoding.ASCII.GetBytes(text), text.Length);
    }

    /// <summary>Encodes file content as base64 (no line breaks).</summary>
    public static Base64Text Encode(ReadOnlySpan<byte> content)
    {
        var ascii = new byte[Base64.GetMaxEncodedToUtf8Length(content.Length)];
        Base64.EncodeToUtf8(content, ascii, out _, out var written);
        return new Base64Text(ascii, written);
    }

    /// <summary>The size of the decoded content in bytes, or null when the text is not valid base64.</summary>
    public long? DecodedLength
    {
        get
        {
            if (_ascii is null) return null;
            long significant = 0, padding = 0;
            foreach (var b in Ascii)
            {
                if (IsWhite(b)) continue;
                significant++;
                if (b == (byte)'=') padding++;
            }
            if (significant % 4 != 0) return null;
            return significant / 4 * 3 - padding;
        }
    }

    /// <summary>Decodes the whole content; false when the text is not valid base64.</summary>
    public bool TryDecode(out byte[] content)
    {
        content = [];
        if (_ascii is null) return false;
        var compact = ArrayPool<byte>.Shared.Rent(Math.Max(_length, 1));
        try
        {
            var n = 0;
            foreach (var b in Ascii)
                if (!IsWhite(b)) compact[n++] = b;
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
        if (_ascii is null) throw new FormatException("Deze bijlage bevat geen geldige base64-tekst.");
        return new DecodingStream(_ascii, _length);
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
        var chars = ArrayPool<char>.Shared.Rent(Math.Min(_length, 64 * 1024) + 1);
        try
        {
            for (var offset = 0; offset < _length; offset += 64 * 1024)
            {
                var count = Math.Min(64 * 1024, _length - offset);
                var n = Encoding.ASCII.GetChars(_ascii.AsSpan(offset, count), chars);
                writer.WriteRaw(chars, 0, n); // base64 and whitespace need no escaping
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>The text.</summary>
    public override string ToString() => _text ?? Encoding.ASCII.GetString(Ascii);

    /// <inheritdoc />
    public bool Equals(Base64Text? other) =>
        other is not null && (_text is not null || other._text is not null
            ? ToString() == other.ToString()
            : Ascii.SequenceEqual(other.Ascii));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Base64Text);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_text is null ? Ascii : Encoding.UTF8.GetBytes(_text));
        return hash.ToHashCode();
    }

    private static bool IsWhite(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    private sealed class DecodingStream(byte[] ascii, int length) : Stream
    {
        private int _position;            // in the ASCII text
        private readonly byte[] _quad = new byte[4];
        private readonly byte[] _pending = new byte[3];
        private int _pendingOffset, _pendingCount;
        private bool _done;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

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
                // collect the next 4 significant characters
                var q = 0;
                while (q < 4 && _position < length)
                {
                    var b = ascii[_position++];
                    if (!IsWhite(b)) _quad[q++] = b;
                }
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
    }
}
