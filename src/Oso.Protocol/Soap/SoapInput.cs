using System.Buffers;

namespace Oso.Protocol.Soap;

/// <summary>
/// One received message, taken in asynchronously in pooled blocks so the XML is parsed synchronously (the async
/// <see cref="System.Xml.XmlReader"/> API costs a state machine per node: ADR 0010) and no thread ever waits for the
/// network: a slow sender holds memory, never a thread. The first <see cref="FirstReadAhead"/> bytes are read ahead
/// (every protocol request, most answers end within them). The parse over what was received either ends (a message or
/// a fault) or runs out of bytes (<see cref="MoreNeeded"/>); then <see cref="ReadMoreAsync"/> reads ahead
/// <see cref="Growth"/> times as far and the parse starts again. A hostile message is so refused after the few
/// kilobytes that show it (a nesting bomb, an endless field) — at most Growth times as far, and an over-long text
/// where it passes the text limit — never after reading up to the size limit, and the parses together cost at most
/// 1 + 1/(Growth − 1) of one. At most the size limit + 1 byte is held. With <see cref="SoapLimits.SpoolAboveBytes"/> set,
/// only that many bytes are held in memory and the rest goes to an encrypted <see cref="SpoolFile"/> (ADR 0014), which
/// each parse reads again. Dispose returns the blocks and closes (so removes) the spool file.
/// </summary>
internal sealed class SoapInput : IDisposable
{
    /// <summary>How much is read ahead before the first parse.</summary>
    public const int FirstReadAhead = 64 * 1024;

    /// <summary>Each further read-ahead reaches this many times as far as the last.</summary>
    public const int Growth = 4;

    private const int BlockSize = 16 * 1024;
    private readonly List<byte[]> _blocks = [];
    private readonly Stream _input;
    private readonly long _limit;
    private readonly long _inMemory; // bytes kept in blocks; past them, the spool file
    private readonly string? _spoolDirectory;
    private SpoolFile? _spool;
    private byte[]? _scratch;
    private long _longestText;
    private long _run;
    private int _room;
    private long _length;
    private bool _ended;

    private SoapInput(Stream input, SoapLimits limits)
    {
        _input = input;
        _limit = limits.MessageLimit;
        _longestText = limits.MaxTextLength;
        // whole blocks, so a block is either held or spooled
        _inMemory = limits.SpoolAboveBytes is { } above ? Math.Max(BlockSize, above / BlockSize * BlockSize) : long.MaxValue;
        _spoolDirectory = limits.SpoolDirectory;
    }

    /// <summary>Whether all there is to parse was received: the end of the input, or one byte past the limit (the parser then reports the size).</summary>
    public bool Complete => _ended || _length > _limit;

    /// <summary>Bytes received so far.</summary>
    public long Length => _length;

    /// <summary>Whether bytes went to a spool file.</summary>
    public bool Spooled => _spool is not null;

    /// <summary>Reads <paramref name="input"/> ahead: to its end, or <see cref="FirstReadAhead"/>, or the size limit + 1 bytes, whichever comes first.</summary>
    public static async Task<SoapInput> ReceiveAsync(Stream input, SoapLimits limits, CancellationToken cancellationToken)
    {
        var received = new SoapInput(input, limits);
        try
        {
            await received.ReadAheadAsync(FirstReadAhead, cancellationToken).ConfigureAwait(false);
            return received;
        }
        catch
        {
            received.Dispose();
            throw;
        }
    }

    /// <summary>Reads on, <see cref="Growth"/> times as far as was received (or to the end, or the limit + 1).</summary>
    public Task ReadMoreAsync(CancellationToken cancellationToken) =>
        ReadAheadAsync(Math.Max(_length * Growth, FirstReadAhead), cancellationToken);

    private async Task ReadAheadAsync(long upTo, CancellationToken cancellationToken)
    {
        upTo = Math.Min(upTo, _limit + 1);
        while (!_ended && _length < upTo)
        {
            if (_length >= _inMemory)
            {
                await SpoolAheadAsync(upTo, cancellationToken).ConfigureAwait(false);
                return;
            }
            if (_room == 0)
            {
                _blocks.Add(ArrayPool<byte>.Shared.Rent(BlockSize));
                _room = BlockSize;
            }
            var wanted = (int)Math.Min(_room, upTo - _length);
            var fresh = _blocks[^1].AsMemory(BlockSize - _room, wanted);
            var n = await _input.ReadAsync(fresh, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                _ended = true;
                break;
            }
            _length += n;
            _room -= n;
            if (LongTextEnds(fresh.Span[..n])) break;
        }
    }

    private async Task SpoolAheadAsync(long upTo, CancellationToken cancellationToken)
    {
        _spool ??= new SpoolFile(_spoolDirectory);
        _scratch ??= ArrayPool<byte>.Shared.Rent(SpoolFile.ChunkSize);
        while (!_ended && _length < upTo)
        {
            var wanted = (int)Math.Min(SpoolFile.ChunkSize, upTo - _length);
            var n = await _input.ReadAsync(_scratch.AsMemory(0, wanted), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                _ended = true;
                break;
            }
            _spool.Append(_scratch.AsSpan(0, n));
            _length += n;
            if (LongTextEnds(_scratch.AsSpan(0, n))) break;
        }
    }

    // A run of more bytes without '<' than a text may have characters: the parse over what was received already shows
    // the fault (TekstTeLang), so reading ahead stops there instead of up to Growth times as far. Once only: a long
    // comment is no fault, and then reading ahead goes on as usual.
    private bool LongTextEnds(ReadOnlySpan<byte> fresh)
    {
        var lastTag = fresh.LastIndexOf((byte)'<');
        _run = lastTag < 0 ? _run + fresh.Length : fresh.Length - lastTag - 1;
        if (_run <= _longestText) return false;
        _longestText = long.MaxValue;
        return true;
    }

    /// <summary>
    /// A synchronous stream over the bytes received so far. Past them it ends if <see cref="Complete"/>, and otherwise
    /// throws <see cref="MoreNeeded"/>: it never reads the input itself.
    /// </summary>
    public Stream OpenRead() => new BlockStream(this);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var block in _blocks) ArrayPool<byte>.Shared.Return(block);
        _blocks.Clear();
        _spool?.Dispose();
        _spool = null;
        if (_scratch is not null) ArrayPool<byte>.Shared.Return(_scratch);
        _scratch = null;
        _length = 0;
        _room = 0;
    }

    /// <summary>The parse reached the end of what was received while the message goes on.</summary>
    public sealed class MoreNeeded() : Exception("The message goes on past the bytes received so far.");

    private sealed class BlockStream(SoapInput input) : Stream
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
            if (left <= 0) return input.Complete ? 0 : throw new MoreNeeded();
            if (_position >= input._inMemory)
            {
                var read = input._spool!.ReadAt(_position - input._inMemory, buffer[..(int)Math.Min(buffer.Length, left)]);
                _position += read;
                return read;
            }
            var offset = (int)(_position % BlockSize);
            var n = (int)Math.Min(Math.Min(buffer.Length, BlockSize - offset), left);
            input._blocks[(int)(_position / BlockSize)].AsSpan(offset, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
