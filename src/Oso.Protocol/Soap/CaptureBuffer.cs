using Oso.Protocol.Messages;

namespace Oso.Protocol.Soap;

/// <summary>
/// Where <see cref="BodyReader"/> copies an embedded gegevensset document (ADR 0014): in memory up to
/// <see cref="SoapLimits.SpoolAboveBytes"/>, past that in an encrypted <see cref="SpoolFile"/> of its own, so a large
/// received dossier is never held whole. Without spooling it is one buffer sized once to the bytes received, as before.
/// Owned by the parse (<see cref="ReadContext.Own"/>) until <see cref="ToXml"/> hands its bytes to a
/// <see cref="GegevenssetXml"/>; a parse that is abandoned (a restart, a fault, cancellation) disposes it.
/// </summary>
internal sealed class CaptureBuffer : Stream
{
    private readonly long _spoolAbove;
    private readonly string? _spoolDirectory;
    private MemoryStream? _memory;
    private SpoolFile? _spool;
    private long _length;

    public CaptureBuffer(long received, SoapLimits limits)
    {
        _spoolAbove = limits.SpoolAboveBytes ?? long.MaxValue;
        _spoolDirectory = limits.SpoolDirectory;
        // sized once to what was received (the dossier is part of it), at most to the spool threshold: no doubling of a
        // growing buffer, which held up to three times a large dossier while it was copied
        _memory = new MemoryStream((int)Math.Clamp(Math.Min(received, _spoolAbove), 0, Array.MaxLength));
    }

    public override long Length => _length;

    /// <summary>Whether the bytes went past the threshold into a spool file.</summary>
    public bool Spooled => _spool is not null;

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_memory is null && _spool is null, this);
        if (_spool is null && _length + buffer.Length > _spoolAbove)
        {
            _spool = new SpoolFile(_spoolDirectory);
            _spool.Append(_memory!.GetBuffer().AsSpan(0, (int)_memory.Length));
            _memory = null;
        }
        if (_spool is not null) _spool.Append(buffer);
        else _memory!.Write(buffer);
        _length += buffer.Length;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <summary>Hands the captured bytes to a <see cref="GegevenssetXml"/> (which then owns the spool file); this buffer is empty afterwards.</summary>
    public GegevenssetXml ToXml(string rootName)
    {
        GegevenssetXml xml;
        if (_spool is { } spool) xml = GegevenssetXml.Trusted(spool, rootName);
        else xml = GegevenssetXml.Trusted(new ReadOnlyMemory<byte>(_memory!.GetBuffer(), 0, (int)_memory.Length), rootName);
        _spool = null;
        _memory = null;
        return xml;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _spool?.Dispose();
            _spool = null;
            _memory = null;
        }
        base.Dispose(disposing);
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
