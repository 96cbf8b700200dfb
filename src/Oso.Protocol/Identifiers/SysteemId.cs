using System.Diagnostics.CodeAnalysis;

namespace Oso.Protocol.Identifiers;

/// <summary>
/// The id of a supplier system (a LAS or School node) in the Register; bound into its client certificate as the
/// URI <c>urn:oso:systeem:&lt;id&gt;</c>. One to 64 characters: letters, digits, '.', '_' and '-', starting with a
/// letter or digit.
/// </summary>
public readonly record struct SysteemId
{
    /// <summary>The URI prefix under which the id is bound in a certificate's subject alternative name.</summary>
    public const string UriPrefix = "urn:oso:systeem:";

    private readonly string? _value;

    private SysteemId(string value) => _value = value;

    /// <summary>The id.</summary>
    public string Value => _value ?? "";

    /// <summary>The URI bound in a certificate: <c>urn:oso:systeem:&lt;id&gt;</c>.</summary>
    public Uri ToUri() => new(UriPrefix + Value);

    /// <summary>Parses a system id; throws <see cref="FormatException"/> when <paramref name="s"/> is not one.</summary>
    public static SysteemId Parse(string s) =>
        TryParse(s, out var id) ? id : throw new FormatException($"'{s}' is geen systeem-id.");

    /// <summary>Parses a system id without throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, out SysteemId result)
    {
        result = default;
        if (s is null || s.Length is 0 or > 64 || !char.IsAsciiLetterOrDigit(s[0])) return false;
        foreach (var c in s)
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-')) return false;
        result = new SysteemId(s);
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => Value;
}
