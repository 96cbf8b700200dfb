namespace Oso.Dossier.Xml;

/// <summary>A read-only pass-through stream that keeps the first bytes read (for checks on the raw prefix, without a second pass).</summary>
internal sealed class PrefixRecordingStream(Stream inner, int limit) : Stream
{
    // pooled: a fresh megabyte per document would cost more than reading a dossier
    private byte[] _prefix = System.Buffers.ArrayPool<byte>.Shared.Rent(limit);
    private int _recorded;

    public ReadOnlySpan<byte> Prefix => _prefix.AsSpan(0, _recorded);

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => inner.Length;
    public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        if (_recorded < limit && n > 0)
        {
            var take = Math.Min(n, limit - _recorded);
            buffer[..take].CopyTo(_prefix.AsSpan(_recorded));
            _recorded += take;
        }
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _prefix.Length > 0)
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(_prefix);
            _prefix = [];
        }
        base.Dispose(disposing);
    }
}
