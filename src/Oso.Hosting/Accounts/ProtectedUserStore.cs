using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Oso.Hosting.Accounts;

/// <summary>
/// Identity's EF Core user store (users without roles), with the authenticator key and the recovery codes encrypted
/// at rest (<see cref="AuthenticatorSecrets"/>) on SQLite and PostgreSQL alike. A recovery code is compared in constant
/// time and removed when used, in the same update as the user's concurrency stamp: two uses of one code race to one.
/// </summary>
/// <typeparam name="TUser">The host's Identity user.</typeparam>
/// <typeparam name="TContext">The host's database.</typeparam>
public sealed class ProtectedUserStore<TUser, TContext>(TContext context, AuthenticatorSecrets secrets, IdentityErrorDescriber? describer = null)
    : UserOnlyStore<TUser, TContext>(context, describer)
    where TUser : IdentityUser, new()
    where TContext : DbContext
{
    /// <inheritdoc />
    public override Task SetAuthenticatorKeyAsync(TUser user, string key, CancellationToken cancellationToken) =>
        SetTokenAsync(user, AuthenticatorSecrets.IdentityProvider, AuthenticatorSecrets.KeyName, secrets.Protect(key), cancellationToken);

    /// <inheritdoc />
    public override async Task<string?> GetAuthenticatorKeyAsync(TUser user, CancellationToken cancellationToken) =>
        secrets.Unprotect(await GetTokenAsync(user, AuthenticatorSecrets.IdentityProvider, AuthenticatorSecrets.KeyName, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public override Task ReplaceCodesAsync(TUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken) =>
        SetTokenAsync(user, AuthenticatorSecrets.IdentityProvider, AuthenticatorSecrets.CodesName, secrets.Protect(string.Join(";", recoveryCodes)), cancellationToken);

    /// <inheritdoc />
    public override async Task<bool> RedeemCodeAsync(TUser user, string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(code);
        var codes = await CodesAsync(user, cancellationToken).ConfigureAwait(false);
        var typed = Encoding.UTF8.GetBytes(code);
        var match = codes.FirstOrDefault(c => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(c), typed));
        if (match is null) return false;
        await ReplaceCodesAsync(user, codes.Where(c => !ReferenceEquals(c, match)), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public override async Task<int> CountCodesAsync(TUser user, CancellationToken cancellationToken) =>
        (await CodesAsync(user, cancellationToken).ConfigureAwait(false)).Count;

    private async Task<IReadOnlyList<string>> CodesAsync(TUser user, CancellationToken cancellationToken)
    {
        var stored = secrets.Unprotect(await GetTokenAsync(user, AuthenticatorSecrets.IdentityProvider, AuthenticatorSecrets.CodesName, cancellationToken).ConfigureAwait(false));
        return string.IsNullOrEmpty(stored) ? [] : stored.Split(';', StringSplitOptions.RemoveEmptyEntries);
    }
}

/// <summary>Registration of the accounts' shared parts for a host.</summary>
public static class AccountServices
{
    /// <summary>
    /// After <c>AddEntityFrameworkStores</c>: the encrypting user store, the TOTP provider that refuses a code twice,
    /// and the shared sign-in checks (<see cref="AccountSignIn{TUser}"/>).
    /// </summary>
    public static IdentityBuilder AddOsoAccounts<TUser, TContext>(this IdentityBuilder identity)
        where TUser : IdentityUser, new()
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(identity);
        var services = identity.Services;
        services.TryAddSingleton<AuthenticatorSecrets>();
        services.Replace(ServiceDescriptor.Scoped<IUserStore<TUser>, ProtectedUserStore<TUser, TContext>>());
        services.AddScoped<AccountSignIn<TUser>>();
        return identity.AddTokenProvider<TotpTokenProvider<TUser>>(TokenOptions.DefaultAuthenticatorProvider);
    }
}
