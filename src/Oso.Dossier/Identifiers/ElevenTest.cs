namespace Oso.Dossier.Identifiers;

/// <summary>The weighted sum behind the 11-proef: 9·d1 + 8·d2 + … + 2·d8 − d9.</summary>
internal static class ElevenTest
{
    public static bool TryWeightedSum(ReadOnlySpan<char> digits, out int sum)
    {
        sum = 0;
        if (digits.Length != 9) return false;
        for (var i = 0; i < 9; i++)
        {
            var c = digits[i];
            if (c is < '0' or > '9') return false;
            var d = c - '0';
            sum += i < 8 ? (9 - i) * d : -d;
        }
        return true;
    }
}
