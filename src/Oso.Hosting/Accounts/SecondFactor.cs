using System.Security.Claims;
using System.Security.Cryptography;

namespace Oso.Hosting.Accounts;

/// <summary>The second factor's small rules, shared by both hosts.</summary>
public static class SecondFactor
{
    /// <summary>How many recovery codes a person gets (shown once, at set-up; each works once).</summary>
    public const int RecoveryCodeCount = 10;

    /// <summary>The claim that says a session was signed in with both factors (<c>amr=mfa</c>).</summary>
    public static Claim MultiFactorClaim() => new("amr", "mfa");

    /// <summary>Six digits, spaces and dashes allowed in between (apps show "123 456"); null otherwise.</summary>
    public static string? NormalizeCode(string? token)
    {
        var digits = new string((token ?? "").Where(c => c is not (' ' or '-')).ToArray());
        return digits.Length == 6 && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    /// <summary>Recovery codes are written in these characters: no 0/O or 1/I to confuse (5 bits each).</summary>
    private const string RecoveryAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    /// <summary>New recovery codes: <c>XXXX-XXXX-XXXX</c>, 60 random bits each.</summary>
    public static IReadOnlyList<string> NewRecoveryCodes() =>
        Enumerable.Range(0, RecoveryCodeCount).Select(_ => Group(RandomNumberGenerator.GetString(RecoveryAlphabet, 12))).ToList();

    /// <summary>A typed recovery code in its stored form (upper case, spaces and dashes free); null when it cannot be one.</summary>
    public static string? NormalizeRecoveryCode(string? typed)
    {
        var plain = new string((typed ?? "").Where(c => c is not (' ' or '-')).Select(char.ToUpperInvariant).ToArray());
        return plain.Length == 12 && plain.All(c => RecoveryAlphabet.Contains(c, StringComparison.Ordinal)) ? Group(plain) : null;
    }

    private static string Group(string plain) => $"{plain[..4]}-{plain[4..8]}-{plain[8..]}";
}
