using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Oso.Dossier.Identifiers;

namespace Oso.Protocol.Identifiers;

/// <summary>
/// The zoeksleutel: what the Traffic Center sees instead of the PGN. Ours (OSO.md §7) is
/// <c>base64(HMAC-SHA256(k, PGN))</c> with a per-transfer random key <c>k</c>; on the wire any base64 value of
/// 16–512 bytes is accepted, so keys made by other schemes can still be carried and compared.
/// Equality is constant-time.
/// </summary>
public readonly record struct Zoeksleutel
{
    internal const string Verwachting = "een zoeksleutel (base64, 16 tot 512 bytes)";

    /// <summary>The comparison used for equality; a constant-time one (exposed so a test can hold us to it).</summary>
    internal static readonly Func<ReadOnlySpan<byte>, ReadOnlySpan<byte>, bool> Vergelijking = static (a, b) =>
        CryptographicOperations.FixedTimeEquals(a, b);

    private readonly byte[]? _bytes;

    private Zoeksleutel(byte[] bytes) => _bytes = bytes;

    /// <summary>Computes the zoeksleutel of <paramref name="pgn"/> under <paramref name="geheim"/>: HMAC-SHA256, base64.</summary>
    public static Zoeksleutel Bereken(Pgn pgn, ZoeksleutelGeheim geheim)
    {
        if (pgn.Value.Length == 0) throw new ArgumentException("De PGN is leeg (default).", nameof(pgn));
        if (geheim.Bytes.Length != ZoeksleutelGeheim.Lengte)
            throw new ArgumentException("Het zoeksleutelgeheim is leeg (default).", nameof(geheim));
        Span<byte> data = stackalloc byte[9];
        Encoding.ASCII.GetBytes(pgn.Value, data);
        return new Zoeksleutel(HMACSHA256.HashData(geheim.Bytes, data));
    }

    /// <summary>True when this zoeksleutel is the one of <paramref name="pgn"/> under <paramref name="geheim"/> (constant time).</summary>
    public bool HoortBij(Pgn pgn, ZoeksleutelGeheim geheim) => Equals(Bereken(pgn, geheim));

    /// <summary>Parses the base64 wire form without throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? base64, out Zoeksleutel result)
    {
        result = default;
        if (base64 is null || base64.Length < 24 || base64.Length > 684) return false;
        var bytes = new byte[base64.Length * 3 / 4];
        if (!Convert.TryFromBase64String(base64, bytes, out var n) || n < 16) return false;
        result = new Zoeksleutel(bytes.AsSpan(0, n).ToArray());
        return true;
    }

    /// <summary>The base64 wire form.</summary>
    public string ToBase64() => Convert.ToBase64String(_bytes ?? []);

    /// <summary>Constant-time equality (only the lengths may differ in time).</summary>
    public bool Equals(Zoeksleutel other) => Vergelijking(_bytes, other._bytes);

    /// <inheritdoc/>
    public override int GetHashCode() => _bytes is { Length: >= 4 } b ? BinaryPrimitives.ReadInt32LittleEndian(b) : 0;

    /// <summary>The base64 wire form (it reveals nothing without the key).</summary>
    public override string ToString() => ToBase64();
}
