using System.Diagnostics.CodeAnalysis;

namespace Oso.Protocol.Identifiers;

/// <summary>
/// A koppelsleutel: the Traffic Center's key for an SWV exchange, a GUID written in capitals as in the public samples
/// (for example <c>19677A96-B737-402E-B3B8-24A3EEF32000</c>).
/// </summary>
public readonly record struct Koppelsleutel
{
    internal const string Verwachting = "een koppelsleutel (GUID, bijvoorbeeld 19677A96-B737-402E-B3B8-24A3EEF32000)";

    private Koppelsleutel(Guid value) => Value = value;

    /// <summary>The GUID.</summary>
    public Guid Value { get; }

    /// <summary>A new random koppelsleutel.</summary>
    public static Koppelsleutel New() => new(Guid.NewGuid());

    /// <summary>Wraps an existing GUID.</summary>
    public static Koppelsleutel From(Guid value) => new(value);

    /// <summary>Parses a koppelsleutel; throws <see cref="FormatException"/> when <paramref name="s"/> is not one.</summary>
    public static Koppelsleutel Parse(string s) =>
        TryParse(s, out var k) ? k : throw new FormatException($"'{s}' is geen koppelsleutel.");

    /// <summary>Parses a koppelsleutel (GUID in the 8-4-4-4-12 form, any case) without throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, out Koppelsleutel result)
    {
        result = default;
        if (!Guid.TryParseExact(s, "D", out var g)) return false;
        result = new Koppelsleutel(g);
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => Value.ToString("D").ToUpperInvariant();
}
