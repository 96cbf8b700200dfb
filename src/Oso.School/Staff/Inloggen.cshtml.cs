using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Oso.Hosting.Accounts;
using Oso.School.Portal;

namespace Oso.School.Staff;

/// <summary>
/// Step one of signing in: e-mail address and password (with lockout after five failures). It signs in nobody: it
/// only remembers, for five minutes, who passed it, and sends them to the code step.
/// </summary>
[EnableRateLimiting(SignInRateLimits.Policy)]
public sealed class InloggenModel(AccountSignIn<StaffUser> accounts) : PageModel
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

    /// <summary>Sent here because the session ended (idle, or the working day's limit).</summary>
    [BindProperty(SupportsGet = true, Name = "verlopen")]
    public bool Verlopen { get; set; }

    /// <summary>Errors.</summary>
    public FormErrors Errors { get; } = new();

    /// <summary>Shows the form.</summary>
    public void OnGet() => PortalLayout.Plain(ViewData, "Inloggen");

    /// <summary>Checks the password.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        PortalLayout.Plain(ViewData, "Inloggen");
        (Uitgelogd, Verlopen) = (false, false);
        if (string.IsNullOrWhiteSpace(Email)) Errors.Add("email", "Vul uw e-mailadres in.");
        if (string.IsNullOrEmpty(Wachtwoord)) Errors.Add("wachtwoord", "Vul uw wachtwoord in.");
        if (!Errors.None) return Page();

        var check = await accounts.CheckPasswordAsync(Email, Wachtwoord);
        switch (check.Outcome)
        {
            case PasswordOutcome.Wrong:
                // the same words for an unknown address and a wrong password, in the same time (AccountSignIn)
                Errors.Add("email", "Dit e-mailadres en dit wachtwoord horen niet bij elkaar. Na vijf mislukte pogingen wordt het account een kwartier geblokkeerd.");
                return Page();
            case PasswordOutcome.LockedOut:
                Errors.Add("email", $"Te veel mislukte pogingen: dit account is geblokkeerd tot {Dutch.Moment(check.LockedUntil)}. Probeer het daarna opnieuw.");
                return Page();
        }
        await HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        await accounts.RememberPasswordStepAsync(HttpContext, check.User!);
        return Redirect("/inloggen/code" + (Url.IsLocalUrl(Terug) ? "?terug=" + Uri.EscapeDataString(Terug!) : ""));
    }
}
