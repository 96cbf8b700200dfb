using Oso.Dossier.Identifiers;

namespace Oso.Synthetic.Composition;

/// <summary>
/// Numbers for synthetic pupils. BSNs come from the 999 range that test environments use (so they are unlikely to
/// belong to a real person) and pass the 11-proef; onderwijsnummers start with 1 and have check value 5. Both are
/// checked with the parsers of <see cref="Bsn"/> and <see cref="Onderwijsnummer"/>, which define validity.
/// </summary>
internal static class SyntheticIds
{
    public static string Bsn(Draw draw)
    {
        while (true)
        {
            var candidate = WithCheckDigit("999" + draw.Digits(5), expectedRemainder: 0);
            if (candidate is not null && Dossier.Identifiers.Bsn.IsValid(candidate)) return candidate;
        }
    }

    public static string Onderwijsnummer(Draw draw)
    {
        while (true)
        {
            var candidate = WithCheckDigit("1" + draw.Digits(7), expectedRemainder: 5);
            if (candidate is not null && Dossier.Identifiers.Onderwijsnummer.IsValid(candidate)) return candidate;
        }
    }

    /// <summary>
    /// Appends the ninth digit d9 so that 9·d1 + … + 2·d8 − d9 ≡ <paramref name="expectedRemainder"/> (mod 11);
    /// null when that needs a "digit" of 10.
    /// </summary>
    private static string? WithCheckDigit(string eightDigits, int expectedRemainder)
    {
        var sum = 0;
        for (var i = 0; i < 8; i++) sum += (9 - i) * (eightDigits[i] - '0');
        var check = ((sum - expectedRemainder) % 11 + 11) % 11;
        return check == 10 ? null : eightDigits + (char)('0' + check);
    }

    /// <summary>A stable seed from a text (FNV-1a), for the fixed pupils; string.GetHashCode differs per process.</summary>
    public static int Seed(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash ^= c;
            hash *= 16777619u;
        }
        return unchecked((int)hash);
    }

    /// <summary>The seed of the <paramref name="index"/>-th dossier of a batch (SplitMix64 of seed and index).</summary>
    public static int Seed(int seed, int index)
    {
        var z = unchecked(((ulong)(uint)seed << 32 | (uint)index) + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return unchecked((int)(z ^ (z >> 31)));
    }
}
