using System.Text;

namespace Oso.Testing;

/// <summary>
/// A read-only stream that produces a prefix, then <paramref name="repeat"/> bytes of a filler pattern, then a
/// suffix — without ever holding the whole content — and counts how much was read.
/// </summary>
public sealed class GeneratedStream(string prefix, byte filler, long repeat, string suffix) : Stream
{
    private readonly byte[] _prefix = Encoding.UTF8.GetBytes(prefix);
    private readonly byte[] _suffix = Encoding.UTF8.GetBytes(suffix);
    private long _position;

    public long BytesRead => _position;

    public override long Length => _prefix.Length + repeat + _suffix.Length;
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Position { get => _position; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override int Read(byte[] buffer, int offset, int count)
    {
        var written = 0;
        while (written < count && _position < Length)
        {
            var p = _position;
            byte b;
            if (p < _prefix.Length) b = _prefix[p];
            else if (p < _prefix.Length + repeat) b = filler;
            else b = _suffix[p - _prefix.Length - repeat];
            buffer[offset + written++] = b;
            _position++;
        }
        return written;
    }
}
