using System.Diagnostics.CodeAnalysis;

namespace Oso.Dossier.Identifiers;

/// <summary>A BRIN code: four characters, two digits and two capital letters (<c>00YY</c>).</summary>
public readonly record struct Brin : IComparable<Brin>
{
    private Brin(string value) => Value = value;

    /// <summary>The four characters.</summary>
    public string Value { get; }

    /// <summary>What a BRIN looks like, for messages.</summary>
    public const string Expectation = "een BRIN-nummer (twee cijfers en twee hoofdletters, bijvoorbeeld 00YY)";

    /// <summary>Parses a BRIN code.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Brin brin)
    {
        brin = default;
        if (text is null || !IsBrin(text)) return false;
        brin = new Brin(text);
        return true;
    }

    /// <summary>True for two digits followed by two capital letters.</summary>
    public static bool IsBrin(ReadOnlySpan<char> text) =>
        text.Length == 4 && char.IsAsciiDigit(text[0]) && char.IsAsciiDigit(text[1])
        && char.IsAsciiLetterUpper(text[2]) && char.IsAsciiLetterUpper(text[3]);

    /// <summary>Parses a BRIN code or throws <see cref="FormatException"/>.</summary>
    public static Brin Parse(string text) =>
        TryParse(text, out var b) ? b : throw new FormatException($"'{text}' is geen BRIN-code (twee cijfers en twee hoofdletters, bijvoorbeeld 00YY).");

    /// <inheritdoc />
    public int CompareTo(Brin other) => string.CompareOrdinal(Value, other.Value);

    /// <summary>Orders BRIN codes.</summary>
    public static bool operator <(Brin left, Brin right) => left.CompareTo(right) < 0;
    /// <summary>Orders BRIN codes.</summary>
    public static bool operator >(Brin left, Brin right) => left.CompareTo(right) > 0;
    /// <summary>Orders BRIN codes.</summary>
    public static bool operator <=(Brin left, Brin right) => left.CompareTo(right) <= 0;
    /// <summary>Orders BRIN codes.</summary>
    public static bool operator >=(Brin left, Brin right) => left.CompareTo(right) >= 0;

    /// <inheritdoc />
    public override string ToString() => Value ?? "";
}
