using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Oso.Central.Accounts;

namespace Oso.Central.Portal.Account;

/// <summary>Step 2 of signing in: the code from the authenticator app (the password was accepted in step 1).</summary>
[Voor(Toegang.Iedereen)]
internal sealed class CodeModel(SignInManager<CentralUser> signIn, UserManager<CentralUser> users) : PortaalPagina
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Terug { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? MetMelding("/inloggen", Meldingen.AanmeldingVerlopen) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return MetMelding("/inloggen", Meldingen.AanmeldingVerlopen);
        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            Fouten.Add("code", "Vul de code van zes cijfers uit uw authenticator-app in.");
            return Page();
        }
        signIn.AuthenticationScheme = PortaalAanmelding.Schema;
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.IsLockedOut)
        {
            Fouten.Add("code", await InloggenModel.GeblokkeerdAsync(users, user.Email ?? "", Nu));
            return Page();
        }
        if (!result.Succeeded)
        {
            Fouten.Add("code", "Deze code klopt niet. Controleer of de tijd op uw telefoon juist staat en vul de code in die de app nu toont.");
            return Page();
        }
        if (user.Status != AccountStatus.Actief)
        {
            await HttpContext.SignOutAsync(PortaalAanmelding.Schema);
            return MetMelding("/inloggen", user.Status == AccountStatus.Aangevraagd ? Meldingen.WachtOpVerificatie : Meldingen.Geblokkeerd);
        }
        return Redirect(InloggenModel.IsLokaal(Terug) ? Terug! : PortaalGebruiker.StartVoor(user.Rol));
    }
}
