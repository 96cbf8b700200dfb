namespace Oso.Protocol.Soap;

/// <summary>
/// Passes reads through until <c>limit</c> bytes were read, then reports end-of-stream and sets
/// <see cref="Exceeded"/> when more data was waiting. The parser then fails on the truncated input, and the reader
/// reports the size limit instead of the truncation. Asynchronous reads also observe <c>cancellation</c>, which
/// the XML reader's own async methods cannot pass on.
/// </summary>
internal sealed class LimitedReadStream(Stream inner, long limit, CancellationToken cancellation = default) : Stream
{
    private long _read;

    public bool Exceeded { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        cancellation.ThrowIfCancellationRequested();
        if (Exceeded) return 0;
        // ask for one byte more than allowed, to tell "exactly at the limit" from "over it"
        var allowed = (int)Math.Min(buffer.Length, limit - _read + 1);
        var n = inner.Read(buffer[..allowed]);
        return Count(n);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (Exceeded) return 0;
        var allowed = (int)Math.Min(buffer.Length, limit - _read + 1);
        var token = cancellationToken.CanBeCanceled ? cancellationToken : cancellation;
        var n = await inner.ReadAsync(buffer[..allowed], token).ConfigureAwait(false);
        return Count(n);
    }

    private int Count(int n)
    {
        _read += n;
        if (_read <= limit) return n;
        Exceeded = true;
        return n - (int)(_read - limit);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
