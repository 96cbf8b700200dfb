using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Oso.Protocol.Identifiers;

/// <summary>
/// The random 256-bit key <c>k</c> the doel draws per transfer (OSO.md §7). It goes with the PGN to the bron in the
/// documentRequest, never to the Traffic Center. <see cref="ToString"/> never shows it.
/// </summary>
public readonly record struct ZoeksleutelGeheim
{
    internal const string Verwachting = "een zoeksleutelgeheim (32 bytes in base64)";

    /// <summary>Length of the key in bytes.</summary>
    public const int Lengte = 32;

    private readonly byte[]? _bytes;

    private ZoeksleutelGeheim(byte[] bytes) => _bytes = bytes;

    internal ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>Draws a new key from the operating system's cryptographic random generator.</summary>
    public static ZoeksleutelGeheim Nieuw() => new(RandomNumberGenerator.GetBytes(Lengte));

    /// <summary>Parses the base64 wire form without throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? base64, out ZoeksleutelGeheim result)
    {
        result = default;
        if (base64 is null || base64.Length != 44) return false;
        var bytes = new byte[Lengte];
        if (!Convert.TryFromBase64String(base64, bytes, out var n) || n != Lengte) return false;
        result = new ZoeksleutelGeheim(bytes);
        return true;
    }

    /// <summary>The base64 wire form. Handle with care: never log it.</summary>
    public string ToBase64() => Convert.ToBase64String(Bytes);

    /// <summary>Constant-time equality of the key bytes.</summary>
    public bool Equals(ZoeksleutelGeheim other) => CryptographicOperations.FixedTimeEquals(Bytes, other.Bytes);

    /// <inheritdoc/>
    public override int GetHashCode() => Bytes.Length;

    /// <summary>Never the key: <c>zoeksleutelgeheim (verborgen)</c>.</summary>
    public override string ToString() => "zoeksleutelgeheim (verborgen)";
}
