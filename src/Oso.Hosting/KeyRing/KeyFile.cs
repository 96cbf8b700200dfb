using System.Security.Cryptography;

namespace Oso.Hosting.KeyRing;

/// <summary>A 256-bit secret kept as base64 in a file readable by its owner only (a master key, a backup key).</summary>
public static class KeyFile
{
    /// <summary>Parses base64 text into 32 bytes; <paramref name="what"/> names the key in the Dutch error.</summary>
    public static byte[] Parse(string base64, string what)
    {
        ArgumentNullException.ThrowIfNull(base64);
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"De {what} is geen geldige base64-tekst.");
        }
        return key.Length == 32 ? key : throw new InvalidOperationException($"De {what} moet 32 bytes zijn (44 tekens base64).");
    }

    /// <summary>Reads a key file, or creates it with a new random key (mode 600) when it does not exist.</summary>
    public static byte[] ReadOrCreate(string path, string what, out bool created)
    {
        created = !File.Exists(path);
        if (!created) return Read(path, what);
        var key = RandomNumberGenerator.GetBytes(32);
        Write(path, key);
        return key;
    }

    /// <summary>Reads a key file.</summary>
    public static byte[] Read(string path, string what)
    {
        try
        {
            return Parse(File.ReadAllText(path), what);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"Het sleutelbestand {path} is niet te lezen: {e.Message}");
        }
    }

    /// <summary>Writes a key to a new file readable by its owner only; refuses to overwrite one.</summary>
    public static void Write(string path, ReadOnlySpan<byte> key)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var writer = new StreamWriter(new FileStream(path, options));
        writer.Write(Convert.ToBase64String(key));
    }
}
