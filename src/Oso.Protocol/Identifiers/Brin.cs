using System.Diagnostics.CodeAnalysis;

namespace Oso.Protocol.Identifiers;

/// <summary>A BRIN number: four characters, two digits and two capital letters (for example <c>00YY</c>).</summary>
public readonly record struct Brin
{
    internal const string Verwachting = "een BRIN-nummer (twee cijfers en twee hoofdletters, bijvoorbeeld 00YY)";

    private readonly string? _value;

    private Brin(string value) => _value = value;

    /// <summary>The four characters.</summary>
    public string Value => _value ?? "";

    /// <summary>Parses a BRIN number; throws <see cref="FormatException"/> when <paramref name="s"/> is not one.</summary>
    public static Brin Parse(string s) =>
        TryParse(s, out var brin) ? brin : throw new FormatException($"'{s}' is geen BRIN-nummer.");

    /// <summary>Parses a BRIN number without throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, out Brin result)
    {
        result = default;
        if (!IsBrin(s)) return false;
        result = new Brin(s!);
        return true;
    }

    internal static bool IsBrin(ReadOnlySpan<char> s) =>
        s.Length == 4 && char.IsAsciiDigit(s[0]) && char.IsAsciiDigit(s[1])
        && char.IsAsciiLetterUpper(s[2]) && char.IsAsciiLetterUpper(s[3]);

    /// <inheritdoc/>
    public override string ToString() => Value;
}
