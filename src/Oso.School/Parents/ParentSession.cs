using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;

namespace Oso.School.Parents;

/// <summary>
/// After parents open their link, a short session cookie (path <c>/ouders</c>, HttpOnly, Secure, SameSite=Strict)
/// carries the link's id — protected and time-limited by ASP.NET Core data protection — so the token is not needed
/// again and never appears in an address. Each request checks the link again (revoked or expired: the session ends).
/// </summary>
public sealed class ParentSession(IDataProtectionProvider protection, TimeProvider time)
{
    /// <summary>The cookie.</summary>
    public const string CookieName = "oso-ouder";

    /// <summary>How long a session lasts at most.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("Oso.School.Parents.Sessie.v1").ToTimeLimitedDataProtector();

    /// <summary>Starts a session for a link.</summary>
    public void Start(HttpContext context, Guid linkId, DateTimeOffset linkExpires)
    {
        ArgumentNullException.ThrowIfNull(context);
        var until = time.GetUtcNow() + Lifetime;
        if (linkExpires < until) until = linkExpires;
        context.Response.Cookies.Append(CookieName, _protector.Protect(linkId.ToString("N"), until), Options());
    }

    /// <summary>The link of the current session, or null.</summary>
    public Guid? Current(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value)) return null;
        try
        {
            return Guid.TryParseExact(_protector.Unprotect(value), "N", out var id) ? id : null;
        }
        catch (CryptographicException)
        {
            return null; // expired, tampered with, or from another node's keys
        }
    }

    /// <summary>Ends the session.</summary>
    public static void End(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Cookies.Delete(CookieName, Options());
    }

    private static CookieOptions Options() => new()
    {
        Path = "/ouders", HttpOnly = true, Secure = true, SameSite = SameSiteMode.Strict, IsEssential = true,
    };
}
