using System.Security.Cryptography;

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
    public static MasterKey FromBase64(string base64)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException("De hoofdsleutel is geen geldige base64-tekst.");
        }
        return key.Length == 32 ? new MasterKey(key) : throw new InvalidOperationException("De hoofdsleutel moet 32 bytes zijn (44 tekens base64).");
    }

    /// <summary>Loads <c>master.key</c> from a directory, creating it (mode 600) when missing — for development.</summary>
    public static MasterKey LoadOrCreate(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "master.key");
        if (File.Exists(path)) return FromBase64(File.ReadAllText(path).Trim());
        var key = RandomNumberGenerator.GetBytes(32);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var writer = new StreamWriter(new FileStream(path, options))) writer.Write(Convert.ToBase64String(key));
        return new MasterKey(key);
    }

    /// <summary>Wraps a data key (AES-256-GCM), bound to its school and key id.</summary>
    public byte[] Wrap(ReadOnlySpan<byte> dataKey, string brin, int keyId)
    {
        var output = new byte[12 + 16 + dataKey.Length];
        RandomNumberGenerator.Fill(output.AsSpan(0, 12));
        using var aes = new AesGcm(_key, 16);
        aes.Encrypt(output.AsSpan(0, 12), dataKey, output.AsSpan(28), output.AsSpan(12, 16), Binding(brin, keyId));
        return output;
    }

    /// <summary>Unwraps a data key; throws <see cref="CryptographicException"/> when it was not wrapped by this key for this school.</summary>
    public byte[] Unwrap(ReadOnlySpan<byte> wrapped, string brin, int keyId)
    {
        if (wrapped.Length < 28) throw new CryptographicException("Ongeldige ingepakte sleutel.");
        var dataKey = new byte[wrapped.Length - 28];
        using var aes = new AesGcm(_key, 16);
        aes.Decrypt(wrapped[..12], wrapped[28..], wrapped.Slice(12, 16), dataKey, Binding(brin, keyId));
        return dataKey;
    }

    private static byte[] Binding(string brin, int keyId) => System.Text.Encoding.UTF8.GetBytes($"oso-school-datakey|{brin}|{keyId}");

    /// <inheritdoc />
    public void Dispose() => CryptographicOperations.ZeroMemory(_key);
}
