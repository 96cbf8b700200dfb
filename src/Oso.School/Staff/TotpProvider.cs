using System.Globalization;
using Microsoft.AspNetCore.Identity;
using OtpNet;

namespace Oso.School.Staff;

/// <summary>
/// Checks codes from an authenticator app (RFC 6238: 30 s steps, 6 digits, HMAC-SHA1 — what every app uses) against
/// the account's authenticator key, on the node's clock (<see cref="TimeProvider"/>), one step either side. Unlike
/// Identity's own provider it remembers the last step used per account, so a code cannot be used twice (someone who
/// read it over a shoulder cannot reuse it within the same half minute).
/// </summary>
public sealed class TotpProvider(TimeProvider time) : IUserTwoFactorTokenProvider<StaffUser>
{
    private const string LoginProvider = "OpenOSO";
    private const string LastStepName = "TotpLaatsteStap";

    /// <inheritdoc />
    public Task<string> GenerateAsync(string purpose, UserManager<StaffUser> manager, StaffUser user) =>
        Task.FromResult(""); // the app generates codes; the server only checks them

    /// <inheritdoc />
    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<StaffUser> manager, StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        var code = Normalize(token);
        if (code is null) return false;
        var key = await manager.GetAuthenticatorKeyAsync(user).ConfigureAwait(false);
        if (string.IsNullOrEmpty(key)) return false;
        var totp = new Totp(Base32Encoding.ToBytes(key));
        if (!totp.VerifyTotp(time.GetUtcNow().UtcDateTime, code, out var step, new VerificationWindow(previous: 1, future: 1))) return false;
        var last = await manager.GetAuthenticationTokenAsync(user, LoginProvider, LastStepName).ConfigureAwait(false);
        if (long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var used) && step <= used) return false;
        // the update carries the user's concurrency stamp: of two logins racing with one code, only one succeeds
        var saved = await manager.SetAuthenticationTokenAsync(user, LoginProvider, LastStepName, step.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        return saved.Succeeded;
    }

    /// <inheritdoc />
    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<StaffUser> manager, StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        return !string.IsNullOrEmpty(await manager.GetAuthenticatorKeyAsync(user).ConfigureAwait(false));
    }

    /// <summary>Six digits, spaces and dashes allowed in between (apps show "123 456"); null otherwise.</summary>
    internal static string? Normalize(string? token)
    {
        var digits = new string((token ?? "").Where(c => c is not (' ' or '-')).ToArray());
        return digits.Length == 6 && digits.All(char.IsAsciiDigit) ? digits : null;
    }
}
