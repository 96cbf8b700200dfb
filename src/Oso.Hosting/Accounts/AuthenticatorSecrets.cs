using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Oso.Hosting.Accounts;

/// <summary>
/// Encrypts what proves the second factor — the authenticator (TOTP) key and the recovery codes — before Identity
/// stores it (<c>AspNetUserTokens</c>), with ASP.NET Core Data Protection under one purpose, so the data-protection key
/// ring (kept and rotated in the data directory) covers it. A copy of the database alone reveals no secret.
/// </summary>
public sealed class AuthenticatorSecrets(IDataProtectionProvider protection)
{
    /// <summary>The data-protection purpose.</summary>
    public const string Purpose = "OpenOSO.Authenticator.v1";

    /// <summary>Identity's own login provider for the tokens it keeps for itself.</summary>
    public const string IdentityProvider = "[AspNetUserStore]";

    /// <summary>Identity's name for the authenticator key.</summary>
    public const string KeyName = "AuthenticatorKey";

    /// <summary>Identity's name for the recovery codes.</summary>
    public const string CodesName = "RecoveryCodes";

    private const string Prefix = "dp1:";

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    /// <summary>The value as stored.</summary>
    public string Protect(string plain) => Prefix + _protector.Protect(plain);

    /// <summary>
    /// The stored value in plain text; null for nothing stored, and for a value that is not encrypted (start-up encrypts
    /// what older versions stored, <see cref="MigrateAsync"/>; a plain value written into the database since is not trusted).
    /// </summary>
    public string? Unprotect(string? stored) =>
        stored is not null && stored.StartsWith(Prefix, StringComparison.Ordinal) ? _protector.Unprotect(stored[Prefix.Length..]) : null;

    /// <summary>Encrypts the authenticator keys and recovery codes that are still stored in plain text; returns how many.</summary>
    public async Task<int> MigrateAsync(DbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var plain = await db.Set<IdentityUserToken<string>>()
            .Where(t => t.LoginProvider == IdentityProvider && (t.Name == KeyName || t.Name == CodesName) && t.Value != null && !t.Value.StartsWith(Prefix))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var token in plain) token.Value = Protect(token.Value!);
        if (plain.Count > 0) await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return plain.Count;
    }
}
