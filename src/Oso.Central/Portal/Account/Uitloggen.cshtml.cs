using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Oso.Central.Portal.Account;

/// <summary>Signing out: a form (POST with antiforgery), so no link on another site can sign someone out.</summary>
[Voor(Toegang.Iedereen)]
internal sealed class UitloggenModel : PortaalPagina
{
    public IActionResult OnGet() => Gebruiker is null ? Redirect("/inloggen") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(PortaalAanmelding.Schema);
        await HttpContext.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        PortaalAanmelding.Vergeet(HttpContext);
        return MetMelding("/inloggen", Meldingen.Uitgelogd);
    }
}
