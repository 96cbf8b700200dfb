using System.Diagnostics.CodeAnalysis;
using Oso.Dossier.Identifiers;

namespace Oso.Protocol.Identifiers;

/// <summary>
/// The routeringskenmerk of an aanleverpunt (endpoint): 20 characters, <c>00000007000</c> + BRIN + 5 digits or capital
/// letters, for example <c>0000000700000YY00931</c>.
/// </summary>
public readonly record struct RouteringsKenmerk
{
    internal const string Verwachting = "een routeringskenmerk van 20 tekens (00000007000, BRIN, 5 cijfers of hoofdletters)";
    private const string Prefix = "00000007000";

    private readonly string? _value;

    private RouteringsKenmerk(string value) => _value = value;

    /// <summary>The 20 characters.</summary>
    public string Value => _value ?? "";

    /// <summary>The BRIN of the school that owns the aanleverpunt (characters 12–15).</summary>
    public Brin Brin => Brin.Parse(Value.Substring(Prefix.Length, 4));

    /// <summary>Parses a routeringskenmerk; throws <see cref="FormatException"/> when <paramref name="s"/> is not one.</summary>
    public static RouteringsKenmerk Parse(string s) =>
        TryParse(s, out var rk) ? rk : throw new FormatException($"'{s}' is geen routeringskenmerk.");

    /// <summary>Parses a routeringskenmerk without throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, out RouteringsKenmerk result)
    {
        result = default;
        if (s is null || s.Length != 20 || !s.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        if (!Brin.IsBrin(s.AsSpan(Prefix.Length, 4))) return false;
        foreach (var c in s.AsSpan(Prefix.Length + 4))
            if (!char.IsAsciiDigit(c) && !char.IsAsciiLetterUpper(c)) return false;
        result = new RouteringsKenmerk(s);
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => Value;
}
