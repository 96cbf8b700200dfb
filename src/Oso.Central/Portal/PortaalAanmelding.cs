using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Oso.Central.Accounts;

namespace Oso.Central.Portal;

/// <summary>The person using the portal, as the database says now.</summary>
/// <param name="Email">Login (and the actor in the audit log).</param>
/// <param name="Naam">Name.</param>
/// <param name="Rol">Role.</param>
/// <param name="Scope">BRIN, board id or system id; null for operators.</param>
/// <param name="Status">Account status.</param>
/// <param name="TweestapsAan">Two-factor authentication is set up.</param>
/// <param name="MetTweestaps">This session was signed in with a TOTP code.</param>
internal sealed record PortaalGebruiker(string Email, string Naam, Rol Rol, string? Scope, AccountStatus Status, bool TweestapsAan, bool MetTweestaps)
{
    /// <summary>Where this person starts after signing in.</summary>
    public string Start => StartVoor(Rol);

    /// <summary>The start page of a role.</summary>
    public static string StartVoor(Rol rol) => rol switch
    {
        Rol.School => "/mijn-oso",
        Rol.Bestuur => "/bestuur",
        Rol.Leverancier => "/leverancier",
        _ => "/beheer",
    };
}

/// <summary>The portal's sign-in cookie and who it belongs to.</summary>
internal static class PortaalAanmelding
{
    /// <summary>The portal's own cookie scheme (the management API does not accept it).</summary>
    public const string Schema = "OsoCentralPortaal";

    private const string ItemKey = "oso.portaal.gebruiker";

    /// <summary>The signed-in person (null when nobody is, or the cookie no longer fits the account); cached per request.</summary>
    public static async Task<PortaalGebruiker?> HuidigeAsync(HttpContext http)
    {
        if (http.Items.TryGetValue(ItemKey, out var cached)) return cached as PortaalGebruiker;
        var gebruiker = await LeesAsync(http);
        http.Items[ItemKey] = gebruiker;
        return gebruiker;
    }

    private static async Task<PortaalGebruiker?> LeesAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(Schema);
        if (!result.Succeeded) return null;
        var users = http.RequestServices.GetRequiredService<UserManager<CentralUser>>();
        var user = await users.GetUserAsync(result.Principal);
        // a new security stamp (2FA reset, password change) ends every earlier session
        if (user is null || result.Principal.FindFirstValue(users.Options.ClaimsIdentity.SecurityStampClaimType) != user.SecurityStamp)
        {
            await http.SignOutAsync(Schema);
            return null;
        }
        http.User = result.Principal;
        return new PortaalGebruiker(user.Email ?? "", user.Naam, user.Rol, user.Scope, user.Status, user.TwoFactorEnabled, result.Principal.HasClaim("amr", "mfa"));
    }

    /// <summary>The person <see cref="HuidigeAsync"/> found for this request (the access filter ran it before the page).</summary>
    public static PortaalGebruiker? Bekende(HttpContext http) => http.Items.TryGetValue(ItemKey, out var g) ? g as PortaalGebruiker : null;

    /// <summary>Forgets the person for the rest of this request (after signing out).</summary>
    public static void Vergeet(HttpContext http) => http.Items[ItemKey] = null;
}
