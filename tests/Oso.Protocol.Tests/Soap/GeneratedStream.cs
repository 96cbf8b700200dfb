using System.Text;

namespace Oso.Protocol.Tests.Soap;

/// <summary>A stream of <c>head</c>, then <c>filler</c> repeated up to <c>length</c> bytes: hostile input without holding it in memory.</summary>
internal sealed class GeneratedStream(string head, string filler, long length) : Stream
{
    private readonly byte[] _head = Encoding.UTF8.GetBytes(head);
    private readonly byte[] _filler = Encoding.UTF8.GetBytes(filler);
    private long _position;

    public long Delivered => _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = (int)Math.Min(buffer.Length, length - _position);
        for (var i = 0; i < n; i++, _position++)
            buffer[i] = _position < _head.Length ? _head[_position] : _filler[(_position - _head.Length) % _filler.Length];
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
