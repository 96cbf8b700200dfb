using System.Diagnostics.CodeAnalysis;

namespace Oso.Dossier.Identifiers;

/// <summary>
/// An onderwijsnummer, given to pupils without a BSN: nine digits starting with 1 whose weighted sum
/// (9·d1 + … + 2·d8 − d9) leaves 5 when divided by 11.
/// </summary>
public readonly record struct Onderwijsnummer
{
    private Onderwijsnummer(string value) => Value = value;

    /// <summary>The nine digits.</summary>
    public string Value { get; }

    /// <summary>Parses an onderwijsnummer; false when the form or check fails.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Onderwijsnummer number)
    {
        number = default;
        if (text is null || text.Length != 9 || text[0] != '1' || !ElevenTest.TryWeightedSum(text, out var sum) || ((sum % 11) + 11) % 11 != 5)
            return false;
        number = new Onderwijsnummer(text);
        return true;
    }

    /// <summary>Parses an onderwijsnummer or throws <see cref="FormatException"/>.</summary>
    public static Onderwijsnummer Parse(string text) =>
        TryParse(text, out var n) ? n : throw new FormatException("Geen geldig onderwijsnummer (negen cijfers, begint met 1, controlegetal 5).");

    /// <summary>True when the text is a valid onderwijsnummer.</summary>
    public static bool IsValid(string? text) => TryParse(text, out _);

    /// <inheritdoc />
    public override string ToString() => Value ?? "";
}
