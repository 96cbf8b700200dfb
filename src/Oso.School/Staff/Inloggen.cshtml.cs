using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Oso.School.Portal;

namespace Oso.School.Staff;

/// <summary>
/// Step one of signing in: e-mail address and password (with lockout after five failures). It signs in nobody: it
/// only remembers, for five minutes, who passed it, and sends them to the code step.
/// </summary>
public sealed class InloggenModel(SignInManager<StaffUser> signIn) : PageModel
{
    /// <summary>E-mail address.</summary>
    [BindProperty]
    public string? Email { get; set; }

    /// <summary>Password.</summary>
    [BindProperty]
    public string? Wachtwoord { get; set; }

    /// <summary>Where to go after signing in (a local path).</summary>
    [BindProperty(SupportsGet = true, Name = "terug")]
    public string? Terug { get; set; }

    /// <summary>Just signed out.</summary>
    [BindProperty(SupportsGet = true, Name = "uitgelogd")]
    public bool Uitgelogd { get; set; }

    /// <summary>Errors.</summary>
    public FormErrors Errors { get; } = new();

    /// <summary>Shows the form.</summary>
    public void OnGet() => PortalLayout.Plain(ViewData, "Inloggen");

    /// <summary>Checks the password.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        PortalLayout.Plain(ViewData, "Inloggen");
        Uitgelogd = false;
        if (string.IsNullOrWhiteSpace(Email)) Errors.Add("email", "Vul uw e-mailadres in.");
        if (string.IsNullOrEmpty(Wachtwoord)) Errors.Add("wachtwoord", "Vul uw wachtwoord in.");
        if (!Errors.None) return Page();

        var user = await signIn.UserManager.FindByEmailAsync(Email!.Trim());
        if (user is null)
        {
            // as slow as a real check, so the answer does not tell whether the address has an account
            _ = signIn.UserManager.PasswordHasher.HashPassword(new StaffUser(), Wachtwoord!);
            Errors.Add("email", "Dit e-mailadres en dit wachtwoord horen niet bij elkaar.");
            return Page();
        }
        var check = await signIn.CheckPasswordSignInAsync(user, Wachtwoord!, lockoutOnFailure: true);
        if (check.IsLockedOut)
        {
            Errors.Add("email", "Te veel mislukte pogingen: dit account is een kwartier geblokkeerd. Probeer het daarna opnieuw.");
            return Page();
        }
        if (!check.Succeeded)
        {
            Errors.Add("email", "Dit e-mailadres en dit wachtwoord horen niet bij elkaar.");
            return Page();
        }
        await HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        // what SignInManager itself stores between the password and the code (its GetTwoFactorAuthenticationUserAsync reads it)
        await HttpContext.SignInAsync(IdentityConstants.TwoFactorUserIdScheme,
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user.Id)], IdentityConstants.TwoFactorUserIdScheme)));
        return Redirect("/inloggen/code" + (Url.IsLocalUrl(Terug) ? "?terug=" + Uri.EscapeDataString(Terug!) : ""));
    }
}
