using System.Buffers;

namespace Oso.Dossier.Xml;

/// <summary>
/// The start of a document read into a pooled buffer: all of it when it fits the limit (<see cref="Complete"/>), so the
/// fast reader can work on the bytes; otherwise the bytes read so far, which <see cref="OpenStream"/> puts back in front
/// of the rest of the input for the streaming reader. Either way the input is read once.
/// </summary>
internal sealed class DocumentBuffer : IDisposable
{
    /// <summary>
    /// The prefix in which the official tool looks for the profile (a regex over the file's first MiB): what is held of
    /// a document known to be larger than the fast reader's limit.
    /// </summary>
    public const int ProfilePrefixLength = 1 << 20;

    private byte[] _buffer;
    private readonly Stream _rest;
    private readonly int _next; // a byte read past the buffer to see whether the document ends there, or -1

    private DocumentBuffer(byte[] buffer, int length, bool complete, Stream rest, int next = -1)
    {
        _buffer = buffer;
        Length = length;
        Complete = complete;
        _rest = rest;
        _next = next;
    }

    /// <summary>The number of bytes held.</summary>
    public int Length { get; }

    /// <summary>True when the whole document is held.</summary>
    public bool Complete { get; }

    /// <summary>The bytes held.</summary>
    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, Length);

    /// <summary>
    /// Reads <paramref name="input"/> to its end, or until more than <paramref name="limit"/> bytes were read. When the
    /// document is known to be larger than the limit — a seekable input, or <paramref name="knownLength"/> for a
    /// forward-only one (an encrypted spool file) — only its first <see cref="ProfilePrefixLength"/> bytes are held and
    /// the rest is streamed: never a buffer of the limit's size for a document the fast reader will not read. The buffer
    /// never exceeds the limit (a pooled array of limit + 1 bytes is one of twice the limit). The length only chooses
    /// how much is held: a wrong one changes no result.
    /// </summary>
    public static DocumentBuffer Read(Stream input, int limit, long? knownLength = null)
    {
        long? remaining = input.CanSeek ? input.Length - input.Position : knownLength;
        if (remaining > limit)
        {
            var prefix = ArrayPool<byte>.Shared.Rent(ProfilePrefixLength);
            var held = input.ReadAtLeast(prefix.AsSpan(0, ProfilePrefixLength), ProfilePrefixLength, throwOnEndOfStream: false);
            return new DocumentBuffer(prefix, held, held < ProfilePrefixLength, input);
        }
        var initial = remaining is { } r ? (int)Math.Clamp(r + 1, 1, limit) : 64 * 1024; // one more, to see the end without another call
        var buffer = ArrayPool<byte>.Shared.Rent(initial);
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length >= limit)
                {
                    // full at the limit: one byte more says whether the document ends here
                    var next = input.ReadByte();
                    return next < 0
                        ? new DocumentBuffer(buffer, length, true, input)
                        : new DocumentBuffer(buffer, length, false, input, next);
                }
                var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, limit));
                buffer.AsSpan(0, length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = larger;
            }
            var n = input.Read(buffer, length, buffer.Length - length);
            if (n == 0) return new DocumentBuffer(buffer, length, true, input);
            length += n;
            if (length > limit) return new DocumentBuffer(buffer, length, false, input);
        }
    }

    /// <summary>The whole document as a stream: the bytes held, then whatever the input had left.</summary>
    public Stream OpenStream() => Complete
        ? new ReadOnlyMemoryStream(_buffer.AsMemory(0, Length))
        : new PrefixedStream(_buffer.AsMemory(0, Length), _next, _rest);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_buffer.Length == 0) return;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, int next, Stream rest) : ForwardReadStream
    {
        private int _position;

        public override int Read(Span<byte> buffer)
        {
            if (_position < prefix.Length)
            {
                var n = Math.Min(buffer.Length, prefix.Length - _position);
                prefix.Span.Slice(_position, n).CopyTo(buffer);
                _position += n;
                return n;
            }
            if (next >= 0 && _position == prefix.Length && !buffer.IsEmpty)
            {
                buffer[0] = (byte)next;
                _position++;
                return 1;
            }
            return rest.Read(buffer);
        }
    }
}
