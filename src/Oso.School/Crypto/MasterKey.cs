using System.Security.Cryptography;
using Oso.Hosting.KeyRing;

namespace Oso.School.Crypto;

/// <summary>
/// The node's master key (256 bits). It never encrypts pupil data itself: it wraps each school's data key. In
/// production it comes from the environment (<c>OSO_SCHOOL_MASTER_KEY</c>, base64) or a key file outside the data
/// directory (<c>--master-key-file</c>) — a secret store, not a file next to the database; in development it is generated once into the data directory, readable by the owner only.
/// </summary>
public sealed class MasterKey : IDisposable
{
    private readonly byte[] _key;

    private MasterKey(byte[] key)
    {
        if (key.Length != 32) throw new ArgumentException("Een hoofdsleutel is 32 bytes (256 bits).", nameof(key));
        _key = key;
    }

    /// <summary>From base64 text (configuration).</summary>
    public static MasterKey FromBase64(string base64) => new(KeyFile.Parse(base64, What));

    /// <summary>The file name of the development master key inside a data directory.</summary>
    public const string DevelopmentFileName = "master.key";

    private const string What = "hoofdsleutel";

    /// <summary>Loads <c>master.key</c> from a directory, creating it (mode 600) when missing — for development.</summary>
    public static MasterKey LoadOrCreate(string directory)
    {
        Directory.CreateDirectory(directory);
        return LoadOrCreateFile(Path.Combine(directory, DevelopmentFileName), out _);
    }

    /// <summary>Loads a key file (base64), or creates it with a new random key (mode 600) when it does not exist.</summary>
    public static MasterKey LoadOrCreateFile(string path, out bool created) => new(KeyFile.ReadOrCreate(path, What, out created));

    /// <summary>Writes the key (base64) to a new file readable by its owner only; refuses to overwrite one.</summary>
    public void WriteTo(string path) => KeyFile.Write(path, _key);

    /// <summary>True when both are the same key (constant time).</summary>
    public bool SameAs(MasterKey other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return CryptographicOperations.FixedTimeEquals(_key, other._key);
    }

    /// <summary>Wraps a data key (AES-256-GCM), bound to its school and key id.</summary>
    public byte[] Wrap(ReadOnlySpan<byte> dataKey, string brin, int keyId) => Wrap(dataKey, DataKeyBinding(brin, keyId));

    /// <summary>Unwraps a data key; throws <see cref="CryptographicException"/> when it was not wrapped by this key for this school.</summary>
    public byte[] Unwrap(ReadOnlySpan<byte> wrapped, string brin, int keyId) => Unwrap(wrapped, DataKeyBinding(brin, keyId));

    /// <summary>Wraps a school's blind-index key, bound to the school.</summary>
    public byte[] WrapIndexKey(ReadOnlySpan<byte> indexKey, string brin) => Wrap(indexKey, IndexKeyBinding(brin));

    /// <summary>Unwraps a school's blind-index key; throws <see cref="CryptographicException"/> when it does not fit.</summary>
    public byte[] UnwrapIndexKey(ReadOnlySpan<byte> wrapped, string brin) => Unwrap(wrapped, IndexKeyBinding(brin));

    /// <summary>
    /// A key for another purpose (e.g. encrypting a backup file), derived with HKDF-SHA256 so that it never equals the
    /// master key itself.
    /// </summary>
    public byte[] Derive(string purpose, ReadOnlySpan<byte> salt) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, _key, 32, salt.ToArray(), System.Text.Encoding.UTF8.GetBytes(purpose));

    private byte[] Wrap(ReadOnlySpan<byte> key, byte[] binding)
    {
        var output = new byte[12 + 16 + key.Length];
        RandomNumberGenerator.Fill(output.AsSpan(0, 12));
        using var aes = new AesGcm(_key, 16);
        aes.Encrypt(output.AsSpan(0, 12), key, output.AsSpan(28), output.AsSpan(12, 16), binding);
        return output;
    }

    private byte[] Unwrap(ReadOnlySpan<byte> wrapped, byte[] binding)
    {
        if (wrapped.Length < 28) throw new CryptographicException("Ongeldige ingepakte sleutel.");
        var key = new byte[wrapped.Length - 28];
        using var aes = new AesGcm(_key, 16);
        aes.Decrypt(wrapped[..12], wrapped[28..], wrapped.Slice(12, 16), key, binding);
        return key;
    }

    private static byte[] DataKeyBinding(string brin, int keyId) => System.Text.Encoding.UTF8.GetBytes($"oso-school-datakey|{brin}|{keyId}");

    private static byte[] IndexKeyBinding(string brin) => System.Text.Encoding.UTF8.GetBytes($"oso-school-indexkey|{brin}");

    /// <inheritdoc />
    public void Dispose() => CryptographicOperations.ZeroMemory(_key);
}
