using System.Diagnostics.CodeAnalysis;

namespace Oso.Dossier.Identifiers;

/// <summary>
/// A burgerservicenummer: nine digits passing the 11-proef (9·d1 + 8·d2 + … + 2·d8 − d9 ≡ 0 mod 11), other than
/// 000000000. A weighted sum of exactly 0 passes (<c>100000009</c>, <c>010000008</c>): 0 is divisible by 11.
/// </summary>
public readonly record struct Bsn
{
    private const string AllZeros = "000000000";

    private Bsn(string value) => Value = value;

    /// <summary>The nine digits.</summary>
    public string Value { get; }

    /// <summary>Parses a BSN; false when it is not nine digits or fails the 11-proef.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Bsn bsn)
    {
        bsn = default;
        if (text is null || !ElevenTest.TryWeightedSum(text, out var sum) || sum % 11 != 0 || text == AllZeros) return false;
        bsn = new Bsn(text);
        return true;
    }

    /// <summary>Parses a BSN or throws <see cref="FormatException"/>.</summary>
    public static Bsn Parse(string text) =>
        TryParse(text, out var bsn) ? bsn : throw new FormatException("Geen geldig BSN (negen cijfers die aan de 11-proef voldoen).");

    /// <summary>True when the text is a valid BSN.</summary>
    public static bool IsValid(string? text) => TryParse(text, out _);

    /// <inheritdoc />
    public override string ToString() => Value ?? "";
}
