using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;

namespace Oso.Hosting.Accounts;

/// <summary>What the password step decided.</summary>
public enum PasswordOutcome
{
    /// <summary>Unknown address or wrong password — the same answer, in the same time, for both.</summary>
    Wrong,

    /// <summary>The password is right but the account is locked after too many failures (only told to who knows the password).</summary>
    LockedOut,

    /// <summary>The password is right.</summary>
    Accepted,
}

/// <summary>What the second-factor step decided.</summary>
public enum CodeOutcome
{
    /// <summary>Wrong, already used, or not a code.</summary>
    Wrong,

    /// <summary>Locked after too many failures.</summary>
    LockedOut,

    /// <summary>Accepted.</summary>
    Accepted,
}

/// <summary>The password step's outcome.</summary>
/// <param name="Outcome">What was decided.</param>
/// <param name="User">The account (only when the password is right).</param>
/// <param name="LockedUntil">Locked until (with <see cref="PasswordOutcome.LockedOut"/>).</param>
public sealed record PasswordResult<TUser>(PasswordOutcome Outcome, TUser? User, DateTimeOffset? LockedUntil) where TUser : class;

/// <summary>The second-factor step's outcome.</summary>
/// <param name="Outcome">What was decided.</param>
/// <param name="LockedUntil">Locked until (with <see cref="CodeOutcome.LockedOut"/>).</param>
/// <param name="RecoveryCodesLeft">After a recovery code: how many are left.</param>
public sealed record CodeResult(CodeOutcome Outcome, DateTimeOffset? LockedUntil = null, int? RecoveryCodesLeft = null);

/// <summary>
/// Signing in with a password and a second factor, the same for both portals and the management API, so that the
/// answers tell nobody which addresses have accounts:
/// <list type="bullet">
/// <item>an unknown address costs what a known one costs: the password is checked against a dummy hash made with the
/// same hasher and settings (measured in docs/security.md, "Accounts");</item>
/// <item>the password is always checked, also for a locked account, and a lockout is only told to someone who gave the
/// right password — anyone else gets "wrong", for a known account exactly as for an unknown one;</item>
/// <item>wrong passwords and wrong codes count towards the lockout (five, then 15 minutes: <see cref="Portal.PortalAccounts"/>).</item>
/// </list>
/// </summary>
/// <typeparam name="TUser">The host's Identity user.</typeparam>
public sealed class AccountSignIn<TUser>(UserManager<TUser> users, IUserStore<TUser> store) where TUser : class, new()
{
    private static readonly Lock DummyLock = new();
    private static string? _dummyHash;

    /// <summary>The users.</summary>
    public UserManager<TUser> Users => users;

    /// <summary>Checks an e-mail address and password.</summary>
    public async Task<PasswordResult<TUser>> CheckPasswordAsync(string? email, string? password)
    {
        email = (email ?? "").Trim();
        password ??= "";
        var user = email.Length == 0 ? null : await users.FindByEmailAsync(email).ConfigureAwait(false);
        if (user is null)
        {
            users.PasswordHasher.VerifyHashedPassword(new TUser(), DummyHash(), password);
            return new(PasswordOutcome.Wrong, null, null);
        }
        var correct = await users.CheckPasswordAsync(user, password).ConfigureAwait(false);
        if (await users.IsLockedOutAsync(user).ConfigureAwait(false))
            return correct ? new(PasswordOutcome.LockedOut, user, await users.GetLockoutEndDateAsync(user).ConfigureAwait(false)) : new(PasswordOutcome.Wrong, null, null);
        if (!correct)
        {
            await users.AccessFailedAsync(user).ConfigureAwait(false);
            return new(PasswordOutcome.Wrong, null, null);
        }
        // as Identity does: with two-factor authentication the failures count on until the code is right too
        if (!await users.GetTwoFactorEnabledAsync(user).ConfigureAwait(false)) await users.ResetAccessFailedCountAsync(user).ConfigureAwait(false);
        return new(PasswordOutcome.Accepted, user, null);
    }

    /// <summary>
    /// Checks the second factor: a code from the authenticator app (each time step once), or one of the recovery codes
    /// (each once). Failures count towards the lockout.
    /// </summary>
    public async Task<CodeResult> CheckSecondFactorAsync(TUser user, string? code, string? recoveryCode = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await users.IsLockedOutAsync(user).ConfigureAwait(false))
            return new(CodeOutcome.LockedOut, await users.GetLockoutEndDateAsync(user).ConfigureAwait(false));
        bool accepted;
        int? left = null;
        if (!string.IsNullOrWhiteSpace(recoveryCode))
        {
            accepted = SecondFactor.NormalizeRecoveryCode(recoveryCode) is { } normalized
                && (await users.RedeemTwoFactorRecoveryCodeAsync(user, normalized).ConfigureAwait(false)).Succeeded;
            if (accepted) left = await users.CountRecoveryCodesAsync(user).ConfigureAwait(false);
        }
        else
        {
            accepted = SecondFactor.NormalizeCode(code) is { } normalized
                && await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, normalized).ConfigureAwait(false);
        }
        if (!accepted)
        {
            await users.AccessFailedAsync(user).ConfigureAwait(false);
            return await users.IsLockedOutAsync(user).ConfigureAwait(false)
                ? new(CodeOutcome.LockedOut, await users.GetLockoutEndDateAsync(user).ConfigureAwait(false))
                : new(CodeOutcome.Wrong);
        }
        await users.ResetAccessFailedCountAsync(user).ConfigureAwait(false);
        return new(CodeOutcome.Accepted, null, left);
    }

    /// <summary>
    /// Remembers, for the code step, who gave the right password (Identity's short-lived two-factor cookie, which
    /// <see cref="SignInManager{TUser}.GetTwoFactorAuthenticationUserAsync"/> reads); signs nobody in.
    /// </summary>
    public async Task RememberPasswordStepAsync(HttpContext http, TUser user)
    {
        ArgumentNullException.ThrowIfNull(http);
        var id = await users.GetUserIdAsync(user).ConfigureAwait(false);
        await http.SignInAsync(IdentityConstants.TwoFactorUserIdScheme,
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, id)], IdentityConstants.TwoFactorUserIdScheme))).ConfigureAwait(false);
    }

    /// <summary>
    /// Makes new recovery codes for the account (replacing any earlier ones) and returns them, to be shown once; they
    /// are stored encrypted (<see cref="ProtectedUserStore{TUser, TContext}"/>).
    /// </summary>
    public async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(TUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var codes = SecondFactor.NewRecoveryCodes();
        var recovery = store as IUserTwoFactorRecoveryCodeStore<TUser> ?? throw new InvalidOperationException("De gebruikersopslag bewaart geen herstelcodes.");
        await recovery.ReplaceCodesAsync(user, codes, CancellationToken.None).ConfigureAwait(false);
        var saved = await users.UpdateAsync(user).ConfigureAwait(false);
        return saved.Succeeded ? codes : throw new InvalidOperationException("De herstelcodes konden niet worden opgeslagen.");
    }

    /// <summary>Removes the account's recovery codes (with a reset of its two-step verification).</summary>
    public async Task ClearRecoveryCodesAsync(TUser user)
    {
        var recovery = store as IUserTwoFactorRecoveryCodeStore<TUser> ?? throw new InvalidOperationException("De gebruikersopslag bewaart geen herstelcodes.");
        await recovery.ReplaceCodesAsync(user, [], CancellationToken.None).ConfigureAwait(false);
        await users.UpdateAsync(user).ConfigureAwait(false);
    }

    private string DummyHash()
    {
        // made once with this host's hasher and settings, so checking it costs what checking a real hash costs
        lock (DummyLock)
            return _dummyHash ??= users.PasswordHasher.HashPassword(new TUser(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18)));
    }
}
