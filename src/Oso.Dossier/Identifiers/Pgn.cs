using System.Diagnostics.CodeAnalysis;

namespace Oso.Dossier.Identifiers;

/// <summary>Which kind of number a <see cref="Pgn"/> is.</summary>
public enum PgnKind
{
    /// <summary>A burgerservicenummer.</summary>
    Bsn,
    /// <summary>An onderwijsnummer (for pupils without a BSN).</summary>
    Onderwijsnummer,
}

/// <summary>
/// The persoonsgebonden nummer: the pupil's BSN, or else the onderwijsnummer. It is sensitive: never log it,
/// never send it to the Traffic Center (a zoeksleutel goes instead). <see cref="ToString"/> masks it.
/// </summary>
public readonly record struct Pgn
{
    private Pgn(string value, PgnKind kind)
    {
        Value = value;
        Kind = kind;
    }

    /// <summary>The nine digits.</summary>
    public string Value { get; }

    /// <summary>BSN or onderwijsnummer.</summary>
    public PgnKind Kind { get; }

    /// <summary>
    /// A BSN or onderwijsnummer as people see it on a screen or on paper: only the last four characters,
    /// <c>*****6728</c> (the one rule for every view and print of OpenOSO; the full number only where staff compare it
    /// with their administration, on request).
    /// </summary>
    public static string Mask(string? number) =>
        number is null ? "" : number.Length <= 4 ? new string('*', number.Length) : new string('*', number.Length - 4) + number[^4..];

    /// <summary>Parses a BSN or an onderwijsnummer (an onderwijsnummer starts with 1 and has check 5).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Pgn pgn)
    {
        pgn = default;
        if (Bsn.TryParse(text, out var bsn))
        {
            pgn = new Pgn(bsn.Value, PgnKind.Bsn);
            return true;
        }
        if (Onderwijsnummer.TryParse(text, out var on))
        {
            pgn = new Pgn(on.Value, PgnKind.Onderwijsnummer);
            return true;
        }
        return false;
    }

    /// <summary>What a PGN looks like, for messages.</summary>
    public const string Expectation = "een PGN (BSN of onderwijsnummer: 9 cijfers die de elfproef doorstaan)";

    /// <summary>Parses a PGN or throws <see cref="FormatException"/> (without echoing the number).</summary>
    public static Pgn Parse(string text) =>
        TryParse(text, out var pgn) ? pgn : throw new FormatException("Geen geldig PGN (BSN of onderwijsnummer).");

    /// <summary>A masked form for people who may see part of it (<c>*****6728</c>); never for logs.</summary>
    public string Masked => Value is null ? "" : new string('*', 5) + Value[5..];

    /// <summary>Never the number: a PGN must not end up in logs or messages by accident. Use <see cref="Value"/>.</summary>
    public override string ToString() => "PGN (verborgen)";
}
