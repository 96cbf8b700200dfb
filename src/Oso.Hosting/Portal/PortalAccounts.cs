using Microsoft.AspNetCore.Identity;

namespace Oso.Hosting.Portal;

/// <summary>The rules for people's portal accounts, the same on Central and on a School node.</summary>
public static class PortalAccounts
{
    /// <summary>
    /// Unique e-mail addresses; passwords of at least 12 characters with no composition rules (NIST SP 800-63B: length
    /// matters, forced symbols do not); five wrong attempts lock an account for 15 minutes, new accounts included.
    /// </summary>
    public static void ConfigureIdentity(IdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.User.RequireUniqueEmail = true;
        options.Password.RequiredLength = 12;
        options.Password.RequireNonAlphanumeric = false;
        options.Password.RequireUppercase = false;
        options.Password.RequireLowercase = false;
        options.Password.RequireDigit = false;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        options.Lockout.AllowedForNewUsers = true;
    }
}
