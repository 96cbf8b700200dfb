using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Oso.School.Portal;

namespace Oso.School.Staff;

/// <summary>Signs out (a POST with the form token: a link elsewhere cannot sign anyone out).</summary>
public sealed class UitloggenModel : PageModel
{
    /// <summary>Shows the button.</summary>
    public void OnGet() => PortalLayout.Plain(ViewData, "Afmelden");

    /// <summary>Signs out.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        await HttpContext.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        return Redirect("/inloggen?uitgelogd=true");
    }
}
