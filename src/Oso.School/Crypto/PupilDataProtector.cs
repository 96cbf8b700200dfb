using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Oso.School.Crypto;

/// <summary>A school's wrapped data key as stored with the school.</summary>
/// <param name="KeyId">The key's id within the school.</param>
/// <param name="Wrapped">The key, wrapped by the master key.</param>
public sealed record WrappedDataKey(int KeyId, byte[] Wrapped);

/// <summary>What the protector needs to know about a school's keys.</summary>
/// <param name="CurrentKeyId">The data key new writes use.</param>
/// <param name="WrappedIndexKey">The blind-index key, wrapped; null: derived from data key 1 (schools from before rotation).</param>
public sealed record SchoolKeys(int CurrentKeyId, byte[]? WrappedIndexKey);

/// <summary>Where the protector finds a school's keys.</summary>
public interface IDataKeySource
{
    /// <summary>The school's current key id and index key, or null when the school is unknown.</summary>
    SchoolKeys? Find(string brin);

    /// <summary>One of the school's data keys, wrapped; null when it does not exist (never made, or retired).</summary>
    byte[]? Wrapped(string brin, int keyId);
}

/// <summary>
/// Encrypts pupil data at rest with AES-256-GCM under a per-school data key, and computes blind indexes (HMAC) so a
/// PGN can be found without storing it in plaintext. Every ciphertext is bound to its school and to a context (the
/// record it belongs to), so a blob copied to another row or school does not decrypt. A ciphertext names the data key
/// it was made with, so rows made before a rotation stay readable.
/// Format: version (1) | key id (4) | nonce (12) | tag (16) | ciphertext.
/// </summary>
public sealed class PupilDataProtector(MasterKey master, IDataKeySource keys)
{
    private const byte Version = 1;
    private const int HeaderLength = 1 + 4 + 12 + 16;
    private static readonly byte[] IndexInfo = Encoding.UTF8.GetBytes("oso-blind-index");
    private readonly ConcurrentDictionary<(string Brin, int KeyId), byte[]> _dataKeys = new();
    private readonly ConcurrentDictionary<string, byte[]> _indexKeys = new(StringComparer.Ordinal);

    /// <summary>The keys of a new school: data key 1 and its blind-index key (derived from it, as for every school), both wrapped.</summary>
    public (WrappedDataKey DataKey, byte[] WrappedIndexKey) NewSchoolKeys(string brin)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var index = HKDF.DeriveKey(HashAlgorithmName.SHA256, key, 32, info: IndexInfo);
        try
        {
            return (new WrappedDataKey(1, master.Wrap(key, brin, 1)), master.WrapIndexKey(index, brin));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(index);
        }
    }

    /// <summary>The school's blind-index key as it is used now, wrapped by <paramref name="wrapper"/> (to store it before data key 1 may be retired).</summary>
    public byte[] WrapIndexKey(string brin, MasterKey wrapper)
    {
        ArgumentNullException.ThrowIfNull(wrapper);
        return wrapper.WrapIndexKey(IndexKey(brin), brin);
    }

    /// <summary>Encrypts bytes for a school and context, under the school's current data key.</summary>
    public byte[] Protect(string brin, ReadOnlySpan<byte> plaintext, string context) => Protect(brin, plaintext, context, Current(brin).CurrentKeyId);

    private byte[] Protect(string brin, ReadOnlySpan<byte> plaintext, string context, int keyId)
    {
        var data = DataKey(brin, keyId);
        var output = new byte[HeaderLength + plaintext.Length];
        output[0] = Version;
        BinaryPrimitives.WriteInt32BigEndian(output.AsSpan(1, 4), keyId);
        RandomNumberGenerator.Fill(output.AsSpan(5, 12));
        using var aes = new AesGcm(data, 16);
        aes.Encrypt(output.AsSpan(5, 12), plaintext, output.AsSpan(HeaderLength), output.AsSpan(17, 16), Binding(brin, context));
        return output;
    }

    /// <summary>Encrypts text (UTF-8).</summary>
    public byte[] ProtectText(string brin, string plaintext, string context) => Protect(brin, Encoding.UTF8.GetBytes(plaintext), context);

    /// <summary>Decrypts with the key the blob names; throws <see cref="CryptographicException"/> when the blob was altered, belongs elsewhere or its key is gone.</summary>
    public byte[] Unprotect(string brin, ReadOnlySpan<byte> blob, string context)
    {
        var keyId = KeyIdOf(blob) ?? throw new CryptographicException("Onbekend versleutelingsformaat.");
        var data = DataKey(brin, keyId);
        var plaintext = new byte[blob.Length - HeaderLength];
        using var aes = new AesGcm(data, 16);
        aes.Decrypt(blob.Slice(5, 12), blob[HeaderLength..], blob.Slice(17, 16), plaintext, Binding(brin, context));
        return plaintext;
    }

    /// <summary>
    /// Decrypts into <paramref name="plaintext"/> (a reused buffer, ADR 0014) and returns how many bytes it holds; throws
    /// <see cref="CryptographicException"/> as <see cref="Unprotect(string, ReadOnlySpan{byte}, string)"/> does, also when the
    /// blob is not in this format or would not fit.
    /// </summary>
    public int Unprotect(string brin, ReadOnlySpan<byte> blob, string context, Span<byte> plaintext)
    {
        var keyId = KeyIdOf(blob) ?? throw new CryptographicException("Onbekend versleutelingsformaat.");
        var length = blob.Length - HeaderLength;
        if (length > plaintext.Length) throw new CryptographicException("De versleutelde waarde is groter dan verwacht.");
        var data = DataKey(brin, keyId);
        using var aes = new AesGcm(data, 16);
        aes.Decrypt(blob.Slice(5, 12), blob[HeaderLength..], blob.Slice(17, 16), plaintext[..length], Binding(brin, context));
        return length;
    }

    /// <summary>Decrypts text.</summary>
    public string UnprotectText(string brin, ReadOnlySpan<byte> blob, string context) => Encoding.UTF8.GetString(Unprotect(brin, blob, context));

    /// <summary>
    /// The same plaintext encrypted under data key <paramref name="keyId"/>, or null when the blob already uses it. Throws
    /// <see cref="CryptographicException"/> when the blob does not decrypt.
    /// </summary>
    public byte[]? Reprotect(string brin, ReadOnlySpan<byte> blob, string context, int keyId)
    {
        if (KeyIdOf(blob) == keyId) return null;
        var plaintext = Unprotect(brin, blob, context);
        try
        {
            return Protect(brin, plaintext, context, keyId);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>The first bytes of every blob made under <paramref name="keyId"/> (format version and key id).</summary>
    public static byte[] Prefix(int keyId)
    {
        var prefix = new byte[5];
        prefix[0] = Version;
        BinaryPrimitives.WriteInt32BigEndian(prefix.AsSpan(1), keyId);
        return prefix;
    }

    /// <summary>The data key named by the first five bytes of a blob (see <see cref="Prefix"/>), or null when they are not in this format.</summary>
    public static int? KeyIdOfPrefix(ReadOnlySpan<byte> prefix) =>
        prefix.Length < 5 || prefix[0] != Version ? null : BinaryPrimitives.ReadInt32BigEndian(prefix.Slice(1, 4));

    /// <summary>The data key a blob was made with, or null when it is not in this format.</summary>
    public static int? KeyIdOf(ReadOnlySpan<byte> blob) =>
        blob.Length < HeaderLength || blob[0] != Version ? null : BinaryPrimitives.ReadInt32BigEndian(blob.Slice(1, 4));

    /// <summary>
    /// A blind index: HMAC-SHA256 under the school's blind-index key, over a kind and a value (hex). Equal values give
    /// equal indexes within one school; nothing about the value can be read from it. The index key does not change when
    /// the data key is rotated.
    /// </summary>
    public string BlindIndex(string brin, string kind, string value) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(IndexKey(brin), Encoding.UTF8.GetBytes(kind + "|" + value)));

    private SchoolKeys Current(string brin) => keys.Find(brin) ?? throw new InvalidOperationException($"School {brin} is niet bekend op deze node.");

    private byte[] DataKey(string brin, int keyId) =>
        _dataKeys.GetOrAdd((brin, keyId), k =>
        {
            var wrapped = keys.Wrapped(k.Brin, k.KeyId) ?? throw new CryptographicException($"Sleutel {k.KeyId} van school {k.Brin} ontbreekt.");
            return master.Unwrap(wrapped, k.Brin, k.KeyId);
        });

    private byte[] IndexKey(string brin) =>
        _indexKeys.GetOrAdd(brin, b => Current(b).WrappedIndexKey is { } wrapped
            ? master.UnwrapIndexKey(wrapped, b)
            : HKDF.DeriveKey(HashAlgorithmName.SHA256, DataKey(b, 1), 32, info: IndexInfo));

    private static byte[] Binding(string brin, string context) => Encoding.UTF8.GetBytes($"oso-school|{brin}|{context}");
}
