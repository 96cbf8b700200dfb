using System.Globalization;
using Microsoft.AspNetCore.Identity;
using OtpNet;

namespace Oso.Hosting.Accounts;

/// <summary>
/// Checks codes from an authenticator app (RFC 6238: 30 s steps, 6 digits, HMAC-SHA1 — what every app uses) against
/// the account's authenticator key, on the host's clock (<see cref="TimeProvider"/>), one step either side — on Central
/// and on a School node alike. Unlike Identity's own provider it remembers the last step used per account, in the
/// database (an Identity user token, written with the user's concurrency stamp), so a code cannot be used twice: not
/// by someone who read it over a shoulder, and not on another instance that shares the database.
/// </summary>
/// <typeparam name="TUser">The host's Identity user.</typeparam>
public sealed class TotpTokenProvider<TUser>(TimeProvider time) : IUserTwoFactorTokenProvider<TUser>
    where TUser : class
{
    private const string LoginProvider = "OpenOSO";
    private const string LastStepName = "TotpLaatsteStap";

    /// <inheritdoc />
    public Task<string> GenerateAsync(string purpose, UserManager<TUser> manager, TUser user) =>
        Task.FromResult(""); // the app generates codes; the server only checks them

    /// <inheritdoc />
    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<TUser> manager, TUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        var code = SecondFactor.NormalizeCode(token);
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
    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<TUser> manager, TUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        return !string.IsNullOrEmpty(await manager.GetAuthenticatorKeyAsync(user).ConfigureAwait(false));
    }
}
