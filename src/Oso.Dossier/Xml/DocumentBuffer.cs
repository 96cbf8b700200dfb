using System.Buffers;

namespace Oso.Dossier.Xml;

/// <summary>
/// The start of a document read into a pooled buffer: all of it when it fits the limit (<see cref="Complete"/>), so the
/// fast reader can work on the bytes; otherwise the bytes read so far, which <see cref="OpenStream"/> puts back in front
/// of the rest of the input for the streaming reader. Either way the input is read once.
/// </summary>
internal sealed class DocumentBuffer : IDisposable
{
    private byte[] _buffer;
    private readonly Stream _rest;

    private DocumentBuffer(byte[] buffer, int length, bool complete, Stream rest)
    {
        _buffer = buffer;
        Length = length;
        Complete = complete;
        _rest = rest;
    }

    /// <summary>The number of bytes held.</summary>
    public int Length { get; }

    /// <summary>True when the whole document is held.</summary>
    public bool Complete { get; }

    /// <summary>The bytes held.</summary>
    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, Length);

    /// <summary>Reads <paramref name="input"/> to its end, or until more than <paramref name="limit"/> bytes were read.</summary>
    public static DocumentBuffer Read(Stream input, int limit)
    {
        var initial = 64 * 1024;
        if (input.CanSeek)
        {
            var remaining = input.Length - input.Position;
            initial = (int)Math.Clamp(remaining + 1, 1, (long)limit + 1); // one more, to see the end without another call
        }
        var buffer = ArrayPool<byte>.Shared.Rent(initial);
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length > limit) return new DocumentBuffer(buffer, length, false, input);
                var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, (long)limit + 1));
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
        : new PrefixedStream(_buffer.AsMemory(0, Length), _rest);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_buffer.Length == 0) return;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream rest) : ForwardReadStream
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
            return rest.Read(buffer);
        }
    }
}
