using System.Buffers;

namespace Oso.Protocol.Soap;

/// <summary>
/// Where <see cref="SoapWriter"/> writes a message before it goes out: the writer's bytes in pooled 16 KB blocks, and an
/// embedded gegevensset or signature as a reference to the caller's bytes, not a copy. A synchronous <c>XmlWriter</c>
/// on this costs a few kilobytes per message; the asynchronous one it replaces allocated a 64 KB buffer for every
/// message, also for a Traffic Center answer of a few hundred bytes (bench/results.md §7).
/// </summary>
internal sealed class SoapBuffer : Stream
{
    private const int BlockSize = 16 * 1024;

    // a segment is bytes in memory, or a spooled document read from its spool file while it is sent
    private readonly List<(ReadOnlyMemory<byte> Bytes, Messages.GegevenssetXml? Spooled)> _segments = [];
    private readonly List<byte[]> _rented = [];
    private byte[]? _block;
    private int _blockStart;
    private int _blockUsed;
    private long _length;

    /// <summary>Puts <paramref name="bytes"/> next in the message without copying them; the caller keeps them alive until it is sent.</summary>
    public void Append(ReadOnlyMemory<byte> bytes)
    {
        CloseBlockSegment();
        if (!bytes.IsEmpty) _segments.Add((bytes, null));
        _length += bytes.Length;
    }

    /// <summary>
    /// Puts a spooled document next in the message: its bytes are read from the spool file only while the message is
    /// sent, in pieces of at most <see cref="MaxWrite"/> bytes. The caller keeps it open until it is sent, and disposes it.
    /// </summary>
    public void Append(Messages.GegevenssetXml spooled)
    {
        CloseBlockSegment();
        if (spooled.Length > 0) _segments.Add((default, spooled));
        _length += spooled.Length;
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            if (_block is null || _blockUsed == _block.Length)
            {
                CloseBlockSegment();
                _block = ArrayPool<byte>.Shared.Rent(BlockSize);
                _rented.Add(_block);
                _blockStart = _blockUsed = 0;
            }
            var take = Math.Min(buffer.Length, _block.Length - _blockUsed);
            buffer[..take].CopyTo(_block.AsSpan(_blockUsed));
            _blockUsed += take;
            _length += take;
            buffer = buffer[take..];
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void WriteByte(byte value) => Write([value]);

    /// <summary>The most one write to the output carries (Kestrel's default response buffer, <c>MaxResponseBufferSize</c>).</summary>
    public const int MaxWrite = 64 * 1024;

    /// <summary>
    /// Sends the message: every segment in order, without gathering them first, and an embedded dossier in writes of at
    /// most <see cref="MaxWrite"/> bytes. Kestrel copies each write into its pinned block pool before it waits for the
    /// connection: one write of an 85 MiB dossier took 85 MiB of pinned memory at the bron, which the pool then kept
    /// (bench/results.md §7); in slices the connection's back-pressure holds it to about one slice.
    /// </summary>
    public async Task SendAsync(Stream output, CancellationToken cancellationToken)
    {
        CloseBlockSegment();
        byte[]? piece = null;
        foreach (var (segment, spooled) in _segments)
        {
            if (spooled is not null)
            {
                // a fresh array, not a pooled one: nothing is handed back that the connection might still reference
                piece ??= new byte[MaxWrite];
                using var stream = spooled.OpenRead();
                long sent = 0;
                int n;
                while ((n = stream.ReadAtLeast(piece, piece.Length, throwOnEndOfStream: false)) > 0)
                {
                    await output.WriteAsync(piece.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
                    sent += n;
                }
                if (sent != spooled.Length) throw new IOException("Het tijdelijke bestand met het document is ingekort.");
                continue;
            }
            for (var rest = segment; !rest.IsEmpty;)
            {
                var slice = rest[..Math.Min(rest.Length, MaxWrite)];
                await output.WriteAsync(slice, cancellationToken).ConfigureAwait(false);
                rest = rest[slice.Length..];
            }
        }
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    // The written part of the current block becomes a segment; later writes continue in the same block after it.
    private void CloseBlockSegment()
    {
        if (_block is null || _blockUsed == _blockStart) return;
        _segments.Add((_block.AsMemory(_blockStart, _blockUsed - _blockStart), null));
        _blockStart = _blockUsed;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var block in _rented) ArrayPool<byte>.Shared.Return(block);
            _rented.Clear();
            _segments.Clear();
            _block = null;
        }
        base.Dispose(disposing);
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _length;
    public override long Position { get => _length; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
