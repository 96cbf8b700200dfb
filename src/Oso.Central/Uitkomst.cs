using System.Diagnostics.CodeAnalysis;

namespace Oso.Central;

/// <summary>What kind of expected failure an operation had; the API maps it to an HTTP status, the CLI to an exit code.</summary>
public enum FoutSoort
{
    /// <summary>The input is invalid (HTTP 400; CLI exit code 2).</summary>
    Ongeldig,

    /// <summary>Something named does not exist (HTTP 404; exit code 1).</summary>
    NietGevonden,

    /// <summary>It exists already, or conflicts with the current state (HTTP 409; exit code 1).</summary>
    Conflict,

    /// <summary>Not allowed for this caller (HTTP 403; exit code 1).</summary>
    Geweigerd,

    /// <summary>Not possible in this configuration (HTTP 422; exit code 1), e.g. issuing without the development CA.</summary>
    NietMogelijk,
}

/// <summary>An expected failure: a stable code and a Dutch text for the person who reads it.</summary>
/// <param name="Soort">The kind.</param>
/// <param name="Code">Stable code, e.g. <c>school.bestaat</c>.</param>
/// <param name="Tekst">Dutch explanation.</param>
public sealed record Fout(FoutSoort Soort, string Code, string Tekst)
{
    internal static Fout Ongeldig(string code, string tekst) => new(FoutSoort.Ongeldig, code, tekst);

    internal static Fout NietGevonden(string code, string tekst) => new(FoutSoort.NietGevonden, code, tekst);

    internal static Fout Conflict(string code, string tekst) => new(FoutSoort.Conflict, code, tekst);

    internal static Fout Geweigerd(string code, string tekst) => new(FoutSoort.Geweigerd, code, tekst);
}

/// <summary>The outcome of an operation: a value or an expected failure.</summary>
/// <typeparam name="T">The value's type.</typeparam>
public readonly record struct Uitkomst<T>
{
    internal Uitkomst(T? waarde, Fout? fout)
    {
        Waarde = waarde;
        Fout = fout;
    }

    /// <summary>The value, when it succeeded.</summary>
    public T? Waarde { get; }

    /// <summary>The failure, when it did not.</summary>
    public Fout? Fout { get; }

    /// <summary>True when it succeeded.</summary>
    [MemberNotNullWhen(false, nameof(Fout))]
    public bool Gelukt => Fout is null;

    /// <summary>The value; throws when it failed (for callers that know it cannot, such as seeding a demo).</summary>
    public T Zeker => Fout is null ? Waarde! : throw new InvalidOperationException($"{Fout.Code}: {Fout.Tekst}");

    /// <summary>Success.</summary>
    public static implicit operator Uitkomst<T>(T waarde) => new(waarde, null);

    /// <summary>Failure.</summary>
    public static implicit operator Uitkomst<T>(Fout fout) => new(default, fout);
}

/// <summary>Creates outcomes where an implicit conversion cannot (interface-typed values).</summary>
public static class Uitkomst
{
    /// <summary>Success.</summary>
    public static Uitkomst<T> Ok<T>(T waarde) => new(waarde, null);

    /// <summary>Failure.</summary>
    public static Uitkomst<T> Mislukt<T>(Fout fout) => new(default, fout);
}
