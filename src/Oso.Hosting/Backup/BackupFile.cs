using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Oso.Hosting.Backup;

/// <summary>
/// The encrypted envelope of a backup file (ADR 0009): a plaintext header — magic, format, kind, a random salt and a key
/// check value — then the content in chunks of at most 1 MiB, each sealed with AES-256-GCM under a key derived for this
/// file (HKDF-SHA256 of the backup key and the salt). A chunk's nonce is its index; its associated data is the header,
/// the index and whether it is the last chunk, so chunks cannot be reordered, dropped or cut off unnoticed.
/// </summary>
public static class BackupFile
{
    /// <summary>Bytes of content per chunk.</summary>
    public const int ChunkSize = 1 << 20;

    private static readonly byte[] Magic = "OSO-BACKUP\n"u8.ToArray();
    private const byte Format = 1;
    private const int TagSize = 16;

    /// <summary>Starts a backup file: writes the header and returns the stream to write the content to (dispose it to seal the last chunk).</summary>
    public static Stream Create(Stream output, string kind, ReadOnlySpan<byte> backupKey)
    {
        ArgumentNullException.ThrowIfNull(output);
        var salt = RandomNumberGenerator.GetBytes(32);
        var header = Header(kind, salt, Check(backupKey, salt));
        output.Write(header);
        return new Sealing(output, DataKey(backupKey, salt), header);
    }

    /// <summary>The kind a backup file says it holds, read from its header (no key needed); null when it is not a backup file.</summary>
    public static string? KindOf(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return TryReadHeader(input, out var kind, out _, out _, out _) ? kind : null;
    }

    /// <summary>
    /// Opens a backup file for reading its content; throws <see cref="BackupException"/> when it is not a backup file,
    /// holds another kind, or was made with another key. Reading throws <see cref="BackupException"/> on any change to
    /// the file, including a missing end.
    /// </summary>
    public static Stream Open(Stream input, string kind, ReadOnlySpan<byte> backupKey)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!TryReadHeader(input, out var found, out var salt, out var check, out var header))
            throw new BackupException("Dit is geen OpenOSO-backup (of het begin van het bestand is beschadigd).");
        if (found != kind) throw new BackupException($"Dit is een backup van {found}, niet van {kind}.");
        if (!CryptographicOperations.FixedTimeEquals(check, Check(backupKey, salt)))
            throw new BackupException("De sleutel past niet bij deze backup: hij is met een andere sleutel gemaakt.");
        return new Opening(input, DataKey(backupKey, salt), header);
    }

    private static byte[] Header(string kind, byte[] salt, byte[] check)
    {
        var name = Encoding.ASCII.GetBytes(kind);
        return [.. Magic, Format, (byte)name.Length, .. name, .. salt, .. check];
    }

    private static bool TryReadHeader(Stream input, out string kind, out byte[] salt, out byte[] check, out byte[] header)
    {
        (kind, salt, check, header) = ("", [], [], []);
        var start = new byte[Magic.Length + 2];
        if (!ReadAll(input, start) || !start.AsSpan(0, Magic.Length).SequenceEqual(Magic) || start[Magic.Length] != Format) return false;
        var rest = new byte[start[^1] + 32 + 16];
        if (!ReadAll(input, rest)) return false;
        kind = Encoding.ASCII.GetString(rest, 0, start[^1]);
        salt = rest[start[^1]..(start[^1] + 32)];
        check = rest[^16..];
        header = [.. start, .. rest];
        return true;
    }

    private static bool ReadAll(Stream input, Span<byte> buffer)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = input.Read(buffer[read..]);
            if (n == 0) return false;
            read += n;
        }
        return true;
    }

    private static byte[] DataKey(ReadOnlySpan<byte> backupKey, byte[] salt) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, backupKey.ToArray(), 32, salt, "oso-backup-v1-data"u8.ToArray());

    // tells a wrong key from a damaged file before any content is read
    private static byte[] Check(ReadOnlySpan<byte> backupKey, byte[] salt) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, backupKey.ToArray(), 16, salt, "oso-backup-v1-check"u8.ToArray());

    private static byte[] Nonce(long index)
    {
        var nonce = new byte[12];
        BinaryPrimitives.WriteInt64BigEndian(nonce.AsSpan(4), index);
        return nonce;
    }

    private static byte[] Associated(byte[] header, long index, bool last)
    {
        var data = new byte[header.Length + 9];
        header.CopyTo(data, 0);
        BinaryPrimitives.WriteInt64BigEndian(data.AsSpan(header.Length), index);
        data[^1] = last ? (byte)1 : (byte)0;
        return data;
    }

    /// <summary>Buffers content and writes sealed chunks: <c>last (1) | length (4) | ciphertext | tag (16)</c>.</summary>
    private sealed class Sealing(Stream output, byte[] key, byte[] header) : Stream
    {
        private readonly AesGcm _aes = new(key, TagSize);
        private readonly byte[] _buffer = new byte[ChunkSize];
        private int _filled;
        private long _index;
        private bool _sealed;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            while (buffer.Length > 0)
            {
                if (_filled == ChunkSize) WriteChunk(last: false);
                var n = Math.Min(buffer.Length, ChunkSize - _filled);
                buffer[..n].CopyTo(_buffer.AsSpan(_filled));
                _filled += n;
                buffer = buffer[n..];
            }
        }

        private void WriteChunk(bool last)
        {
            var sealedChunk = new byte[5 + _filled + TagSize];
            sealedChunk[0] = last ? (byte)1 : (byte)0;
            BinaryPrimitives.WriteInt32BigEndian(sealedChunk.AsSpan(1), _filled);
            _aes.Encrypt(Nonce(_index), _buffer.AsSpan(0, _filled), sealedChunk.AsSpan(5, _filled), sealedChunk.AsSpan(5 + _filled), Associated(header, _index, last));
            output.Write(sealedChunk);
            _index++;
            _filled = 0;
        }

        public override void Flush() => output.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && !_sealed)
            {
                _sealed = true;
                WriteChunk(last: true);
                output.Flush();
                CryptographicOperations.ZeroMemory(_buffer);
                _aes.Dispose();
            }
            base.Dispose(disposing);
        }
    }

    /// <summary>Reads and opens sealed chunks; the end of the content is the chunk marked last, and nothing may follow it.</summary>
    private sealed class Opening(Stream input, byte[] key, byte[] header) : Stream
    {
        private readonly AesGcm _aes = new(key, TagSize);
        private byte[] _chunk = [];
        private int _position;
        private long _index;
        private bool _done;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            while (_position == _chunk.Length)
            {
                if (_done) return 0;
                ReadChunk();
            }
            var n = Math.Min(buffer.Length, _chunk.Length - _position);
            _chunk.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        private void ReadChunk()
        {
            var prefix = new byte[5];
            if (!ReadAll(input, prefix)) throw new BackupException("De backup is afgebroken: het einde ontbreekt.");
            var last = prefix[0] switch
            {
                0 => false,
                1 => true,
                _ => throw new BackupException("De backup is beschadigd."),
            };
            var length = BinaryPrimitives.ReadInt32BigEndian(prefix.AsSpan(1));
            if (length is < 0 or > ChunkSize) throw new BackupException("De backup is beschadigd.");
            var sealedChunk = new byte[length + TagSize];
            if (!ReadAll(input, sealedChunk)) throw new BackupException("De backup is afgebroken: het einde ontbreekt.");
            var plain = new byte[length];
            try
            {
                _aes.Decrypt(Nonce(_index), sealedChunk.AsSpan(0, length), sealedChunk.AsSpan(length), plain, Associated(header, _index, last));
            }
            catch (AuthenticationTagMismatchException)
            {
                throw new BackupException("De backup is beschadigd of gewijzigd (blok " + _index + " klopt niet).");
            }
            if (last && input.ReadByte() != -1) throw new BackupException("Na het einde van de backup staan nog gegevens: het bestand is gewijzigd.");
            _chunk = plain;
            _position = 0;
            _index++;
            _done = last;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _aes.Dispose();
            base.Dispose(disposing);
        }
    }
}

/// <summary>A backup that cannot be used: not a backup, the wrong key, damaged or incomplete (Dutch message).</summary>
public sealed class BackupException(string message) : InvalidOperationException(message);
