using System.Diagnostics.CodeAnalysis;

namespace Oso.Protocol.Identifiers;

/// <summary>What kind of number a <see cref="Pgn"/> is.</summary>
public enum PgnSoort
{
    /// <summary>Burgerservicenummer: <c>9·d1 + 8·d2 + … + 2·d8 − d9 ≡ 0 (mod 11)</c>.</summary>
    Bsn,

    /// <summary>Onderwijsnummer (pupils without a BSN): starts with 1 and the same sum ≡ 5 (mod 11).</summary>
    Onderwijsnummer,
}

/// <summary>
/// A persoonsgebonden nummer (PGN): a BSN, else an onderwijsnummer. It travels only from doel to bron, never to the
/// Traffic Center. <see cref="ToString"/> never shows the number, so a PGN cannot leak into a log by accident;
/// read <see cref="Cijfers"/> where the number itself is needed.
/// </summary>
/// <remarks>Deliberately minimal: Oso.Dossier owns the full identifier model; this type can be unified with it.</remarks>
public readonly record struct Pgn
{
    internal const string Verwachting = "een PGN (BSN of onderwijsnummer: 9 cijfers die de elfproef doorstaan)";

    private readonly string? _cijfers;

    private Pgn(string cijfers, PgnSoort soort)
    {
        _cijfers = cijfers;
        Soort = soort;
    }

    /// <summary>The nine digits. Handle with care: never log them.</summary>
    public string Cijfers => _cijfers ?? "";

    /// <summary>BSN or onderwijsnummer.</summary>
    public PgnSoort Soort { get; }

    /// <summary>Parses a PGN; throws <see cref="FormatException"/> (without the number in the message) when it is not one.</summary>
    public static Pgn Parse(string s) =>
        TryParse(s, out var pgn) ? pgn : throw new FormatException("De waarde is geen geldig BSN of onderwijsnummer.");

    /// <summary>Parses a PGN without throwing: nine digits that pass the BSN or the onderwijsnummer check.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, out Pgn result)
    {
        result = default;
        if (s is null || s.Length != 9) return false;
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            if (!char.IsAsciiDigit(s[i])) return false;
            var d = s[i] - '0';
            sum += i < 8 ? (9 - i) * d : -d;
        }
        var rest = ((sum % 11) + 11) % 11;
        if (rest == 0 && s != "000000000") result = new Pgn(s, PgnSoort.Bsn);
        else if (rest == 5 && s[0] == '1') result = new Pgn(s, PgnSoort.Onderwijsnummer);
        else return false;
        return true;
    }

    /// <summary>Never the number: <c>PGN (verborgen)</c>.</summary>
    public override string ToString() => "PGN (verborgen)";
}
