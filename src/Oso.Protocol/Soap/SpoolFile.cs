using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Oso.Protocol.Soap;

/// <summary>
/// A temporary file that takes a received message's bytes past <see cref="SoapLimits.SpoolAboveBytes"/> (ADR 0014):
/// appended once, then read from any position as often as the parse starts again. Encrypted with AES-GCM in
/// <see cref="ChunkSize"/> chunks under a key drawn per file and held only in memory, so the bytes on disk are
/// unreadable without this process and a chunk changed on disk is refused (its tag), never parsed. The file is removed
/// from its directory as soon as it is opened (Unix: the open handle keeps the data, and the kernel frees it when the
/// handle closes, also when the process crashes; Windows: <see cref="FileOptions.DeleteOnClose"/>), so no path, no crash
/// leaves a spool file behind and there is nothing to sweep at the next start. Not thread-safe: one reader at a time.
/// </summary>
internal sealed class SpoolFile : IDisposable
{
    /// <summary>Plaintext bytes per encrypted chunk.</summary>
    public const int ChunkSize = 64 * 1024;

    private const int TagSize = 16;
    private const int Stride = ChunkSize + TagSize;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> s_open = new(StringComparer.Ordinal);

    private readonly string _directory;
    private readonly FileStream _file;
    private readonly AesGcm _aes;
    private readonly byte[] _pending = ArrayPool<byte>.Shared.Rent(ChunkSize); // the last, not yet full chunk (plaintext)
    private readonly byte[] _cached = ArrayPool<byte>.Shared.Rent(ChunkSize);  // one decrypted chunk, for reading
    private readonly byte[] _sealed = ArrayPool<byte>.Shared.Rent(Stride);
    private long _cachedChunk = -1;
    private int _pendingLength;
    private long _chunks; // full chunks written
    private bool _disposed;

    /// <summary>Creates an empty spool file in <paramref name="directory"/> (the system's temporary directory when null).</summary>
    public SpoolFile(string? directory)
    {
        directory = Path.GetFullPath(directory ?? Path.GetTempPath());
        Directory.CreateDirectory(directory);
        _directory = directory;
        var path = Path.Combine(directory, "oso-spool-" + Guid.NewGuid().ToString("N") + ".tmp");
        var key = RandomNumberGenerator.GetBytes(32);
        try
        {
            _aes = new AesGcm(key, TagSize);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            BufferSize = 0,
            Options = FileOptions.DeleteOnClose,
        };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        _file = new FileStream(path, options);
        if (!OperatingSystem.IsWindows()) File.Delete(path);
        s_open.AddOrUpdate(directory, 1, (_, n) => n + 1);
    }

    /// <summary>Spool files open in this process in <paramref name="directory"/> (for tests: every path must end with none).</summary>
    public static int OpenIn(string directory) => s_open.GetValueOrDefault(Path.GetFullPath(directory));

    /// <summary>Bytes appended.</summary>
    public long Length => _chunks * ChunkSize + _pendingLength;

    /// <summary>Appends <paramref name="bytes"/>; each chunk that fills is encrypted and written.</summary>
    public void Append(ReadOnlySpan<byte> bytes)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Span<byte> nonce = stackalloc byte[12];
        while (!bytes.IsEmpty)
        {
            var n = Math.Min(bytes.Length, ChunkSize - _pendingLength);
            bytes[..n].CopyTo(_pending.AsSpan(_pendingLength));
            _pendingLength += n;
            bytes = bytes[n..];
            if (_pendingLength < ChunkSize) return;
            Nonce(_chunks, nonce);
            _aes.Encrypt(nonce, _pending.AsSpan(0, ChunkSize), _sealed.AsSpan(0, ChunkSize), _sealed.AsSpan(ChunkSize, TagSize), nonce);
            RandomAccess.Write(_file.SafeFileHandle, _sealed.AsSpan(0, Stride), _chunks * Stride);
            _chunks++;
            _pendingLength = 0;
        }
    }

    /// <summary>Copies bytes from <paramref name="position"/> into <paramref name="destination"/>; returns how many (0 at the end).</summary>
    public int ReadAt(long position, Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (position >= Length || destination.IsEmpty) return 0;
        var chunk = position / ChunkSize;
        var offset = (int)(position % ChunkSize);
        ReadOnlySpan<byte> plain;
        if (chunk == _chunks)
        {
            plain = _pending.AsSpan(0, _pendingLength);
        }
        else
        {
            if (chunk != _cachedChunk) Decrypt(chunk);
            plain = _cached.AsSpan(0, ChunkSize);
        }
        var n = Math.Min(destination.Length, plain.Length - offset);
        plain.Slice(offset, n).CopyTo(destination);
        return n;
    }

    /// <summary>
    /// A stream over the bytes appended so far, from the start, with a position of its own (the file stays open until
    /// <see cref="Dispose"/>; disposing the stream does not close it). A chunk changed on disk ends the read with an
    /// <see cref="IOException"/>.
    /// </summary>
    public Stream OpenRead()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new Reader(this);
    }

    private sealed class Reader(SpoolFile spool) : Oso.Dossier.Xml.ForwardReadStream
    {
        private long _position;

        public override int Read(Span<byte> buffer)
        {
            var n = spool.ReadAt(_position, buffer);
            _position += n;
            return n;
        }
    }

    private void Decrypt(long chunk)
    {
        _cachedChunk = -1;
        var read = 0;
        while (read < Stride)
        {
            var n = RandomAccess.Read(_file.SafeFileHandle, _sealed.AsSpan(read, Stride - read), chunk * Stride + read);
            if (n == 0) throw new IOException("Het tijdelijke bestand met het bericht is ingekort.");
            read += n;
        }
        Span<byte> nonce = stackalloc byte[12];
        Nonce(chunk, nonce);
        try
        {
            _aes.Decrypt(nonce, _sealed.AsSpan(0, ChunkSize), _sealed.AsSpan(ChunkSize, TagSize), _cached.AsSpan(0, ChunkSize), nonce);
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new IOException("Het tijdelijke bestand met het bericht is gewijzigd.", e);
        }
        _cachedChunk = chunk;
    }

    // the chunk's number is its nonce (a fresh key per file: never reused) and its associated data (a chunk moved on disk fails)
    private static void Nonce(long chunk, Span<byte> nonce)
    {
        nonce.Clear();
        BinaryPrimitives.WriteInt64LittleEndian(nonce, chunk);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _file.Dispose();
        _aes.Dispose();
        CryptographicOperations.ZeroMemory(_pending);
        CryptographicOperations.ZeroMemory(_cached);
        ArrayPool<byte>.Shared.Return(_pending);
        ArrayPool<byte>.Shared.Return(_cached);
        ArrayPool<byte>.Shared.Return(_sealed);
        s_open.AddOrUpdate(_directory, 0, (_, n) => n - 1);
    }
}
