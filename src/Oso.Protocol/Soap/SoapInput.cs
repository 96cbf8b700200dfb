using System.Buffers;

namespace Oso.Protocol.Soap;

/// <summary>
/// The start of one received message, taken in asynchronously in pooled blocks, so the XML is parsed synchronously
/// (the async <see cref="System.Xml.XmlReader"/> API costs a state machine per node: ADR 0010). A message that ends
/// within <see cref="PrefetchBytes"/> (every protocol request, most answers) is parsed from memory alone. Of a longer
/// one only that much is read ahead: the parser pulls the rest on demand, waiting for the network where it must, so a
/// hostile message is still refused after the few kilobytes that show it (a nesting bomb, an endless field) and a
/// large dossier is never held twice. Dispose returns the blocks.
/// </summary>
internal sealed class SoapInput : IDisposable
{
    /// <summary>How much is read ahead before parsing starts.</summary>
    public const int PrefetchBytes = 64 * 1024;

    private const int BlockSize = 16 * 1024;
    private readonly List<byte[]> _blocks = [];
    private readonly Stream _rest;
    private long _length;
    private bool _ended;

    private SoapInput(Stream rest) => _rest = rest;

    /// <summary>Reads <paramref name="input"/> ahead: to its end, or <see cref="PrefetchBytes"/>, or <paramref name="limit"/> + 1 bytes, whichever comes first.</summary>
    public static async Task<SoapInput> ReceiveAsync(Stream input, long limit, CancellationToken cancellationToken)
    {
        var received = new SoapInput(input);
        try
        {
            var room = 0;
            var ahead = Math.Min(PrefetchBytes, limit + 1);
            while (received._length < ahead)
            {
                if (room == 0)
                {
                    received._blocks.Add(ArrayPool<byte>.Shared.Rent(BlockSize));
                    room = BlockSize;
                }
                var block = received._blocks[^1];
                var wanted = (int)Math.Min(room, ahead - received._length);
                var n = await input.ReadAsync(block.AsMemory(BlockSize - room, wanted), cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    received._ended = true;
                    break;
                }
                received._length += n;
                room -= n;
            }
            return received;
        }
        catch
        {
            received.Dispose();
            throw;
        }
    }

    /// <summary>A synchronous stream over the bytes read ahead and then the rest of the input.</summary>
    public Stream OpenRead(CancellationToken cancellationToken) => new BlockStream(this, cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var block in _blocks) ArrayPool<byte>.Shared.Return(block);
        _blocks.Clear();
        _length = 0;
    }

    private sealed class BlockStream(SoapInput input, CancellationToken cancellationToken) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (buffer.IsEmpty) return 0;
            var left = input._length - _position;
            if (left <= 0) return input._ended ? 0 : ReadRest(buffer);
            var offset = (int)(_position % BlockSize);
            var n = (int)Math.Min(Math.Min(buffer.Length, BlockSize - offset), left);
            input._blocks[(int)(_position / BlockSize)].AsSpan(offset, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        // past the read-ahead: what the input has buffered is taken at once; otherwise this thread waits for the network
        // (the thread pool adds a thread meanwhile). Only messages longer than PrefetchBytes get here.
        private int ReadRest(Span<byte> buffer)
        {
            var rented = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length, BlockSize));
            try
            {
                var pending = input._rest.ReadAsync(rented.AsMemory(0, Math.Min(buffer.Length, rented.Length)), cancellationToken);
                var n = pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
                rented.AsSpan(0, n).CopyTo(buffer);
                return n;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
