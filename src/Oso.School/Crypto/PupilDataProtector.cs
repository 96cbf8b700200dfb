using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Oso.School.Crypto;

/// <summary>A school's wrapped data key as stored with the school.</summary>
/// <param name="KeyId">The key's version.</param>
/// <param name="Wrapped">The key, wrapped by the master key.</param>
public sealed record WrappedDataKey(int KeyId, byte[] Wrapped);

/// <summary>Where the protector finds a school's wrapped data key.</summary>
public interface IDataKeySource
{
    /// <summary>The school's current wrapped data key, or null when the school is unknown.</summary>
    WrappedDataKey? Find(string brin);
}

/// <summary>
/// Encrypts pupil data at rest with AES-256-GCM under a per-school data key, and computes blind indexes (HMAC) so a
/// PGN can be found without storing it in plaintext. Every ciphertext is bound to its school and to a context (the
/// record it belongs to), so a blob copied to another row or school does not decrypt.
/// Format: version (1) | key id (4) | nonce (12) | tag (16) | ciphertext.
/// </summary>
public sealed class PupilDataProtector(MasterKey master, IDataKeySource keys)
{
    private const byte Version = 1;
    private const int HeaderLength = 1 + 4 + 12 + 16;
    private readonly ConcurrentDictionary<(string Brin, int KeyId), (byte[] Data, byte[] Index)> _cache = new();

    /// <summary>Creates a new wrapped data key for a school.</summary>
    public WrappedDataKey NewDataKey(string brin, int keyId = 1)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        try
        {
            return new WrappedDataKey(keyId, master.Wrap(key, brin, keyId));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Encrypts bytes for a school and context.</summary>
    public byte[] Protect(string brin, ReadOnlySpan<byte> plaintext, string context)
    {
        var (keyId, data, _) = Current(brin);
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

    /// <summary>Decrypts; throws <see cref="CryptographicException"/> when the blob was altered or belongs elsewhere.</summary>
    public byte[] Unprotect(string brin, ReadOnlySpan<byte> blob, string context)
    {
        if (blob.Length < HeaderLength || blob[0] != Version) throw new CryptographicException("Onbekend versleutelingsformaat.");
        var keyId = BinaryPrimitives.ReadInt32BigEndian(blob.Slice(1, 4));
        var (data, _) = Key(brin, keyId);
        var plaintext = new byte[blob.Length - HeaderLength];
        using var aes = new AesGcm(data, 16);
        aes.Decrypt(blob.Slice(5, 12), blob[HeaderLength..], blob.Slice(17, 16), plaintext, Binding(brin, context));
        return plaintext;
    }

    /// <summary>Decrypts text.</summary>
    public string UnprotectText(string brin, ReadOnlySpan<byte> blob, string context) => Encoding.UTF8.GetString(Unprotect(brin, blob, context));

    /// <summary>
    /// A blind index: HMAC-SHA256 under a key derived from the school's data key, over a kind and a value (hex). Equal
    /// values give equal indexes within one school; nothing about the value can be read from it.
    /// </summary>
    public string BlindIndex(string brin, string kind, string value)
    {
        var (_, _, index) = Current(brin);
        return Convert.ToHexStringLower(HMACSHA256.HashData(index, Encoding.UTF8.GetBytes(kind + "|" + value)));
    }

    private (int KeyId, byte[] Data, byte[] Index) Current(string brin)
    {
        var wrapped = keys.Find(brin) ?? throw new InvalidOperationException($"School {brin} is niet bekend op deze node.");
        var (data, index) = Key(brin, wrapped.KeyId, wrapped);
        return (wrapped.KeyId, data, index);
    }

    private (byte[] Data, byte[] Index) Key(string brin, int keyId, WrappedDataKey? known = null) =>
        _cache.GetOrAdd((brin, keyId), _ =>
        {
            var wrapped = known ?? keys.Find(brin);
            if (wrapped is null || wrapped.KeyId != keyId) throw new CryptographicException($"Sleutel {keyId} van school {brin} ontbreekt.");
            var data = master.Unwrap(wrapped.Wrapped, brin, keyId);
            var index = HKDF.DeriveKey(HashAlgorithmName.SHA256, data, 32, info: Encoding.UTF8.GetBytes("oso-blind-index"));
            return (data, index);
        });

    private static byte[] Binding(string brin, string context) => Encoding.UTF8.GetBytes($"oso-school|{brin}|{context}");
}
