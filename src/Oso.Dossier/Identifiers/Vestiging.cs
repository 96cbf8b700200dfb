using System.Diagnostics.CodeAnalysis;

namespace Oso.Dossier.Identifiers;

/// <summary>A vestiging (branch) code: two digits (<c>00</c>, <c>01</c>, …).</summary>
public readonly record struct Vestiging
{
    private Vestiging(string value) => Value = value;

    /// <summary>The two digits.</summary>
    public string Value { get; }

    /// <summary>Parses a vestiging code.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Vestiging vestiging)
    {
        vestiging = default;
        if (text is not { Length: 2 } || !char.IsAsciiDigit(text[0]) || !char.IsAsciiDigit(text[1])) return false;
        vestiging = new Vestiging(text);
        return true;
    }

    /// <summary>Parses a vestiging code or throws <see cref="FormatException"/>.</summary>
    public static Vestiging Parse(string text) =>
        TryParse(text, out var v) ? v : throw new FormatException($"'{text}' is geen vestigingscode (twee cijfers).");

    /// <inheritdoc />
    public override string ToString() => Value ?? "";
}
