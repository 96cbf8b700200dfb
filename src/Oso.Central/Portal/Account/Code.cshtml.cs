using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Oso.Central.Accounts;
using Oso.Hosting.Accounts;

namespace Oso.Central.Portal.Account;

/// <summary>Step 2 of signing in: the code from the authenticator app, or a recovery code (the password was accepted in step 1).</summary>
[Voor(Toegang.Iedereen)]
[EnableRateLimiting(SignInRateLimits.Policy)]
internal sealed class CodeModel(SignInManager<CentralUser> signIn, AccountSignIn<CentralUser> accounts) : PortaalPagina
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? Herstelcode { get; set; }

    /// <summary>Sign in with a recovery code instead of the app.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Herstel { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Terug { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? MetMelding("/inloggen" + InloggenModel.TerugQuery(Terug), Meldingen.AanmeldingVerlopen) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return MetMelding("/inloggen" + InloggenModel.TerugQuery(Terug), Meldingen.AanmeldingVerlopen);
        var veld = Herstel ? "herstelcode" : "code";
        if (Herstel ? SecondFactor.NormalizeRecoveryCode(Herstelcode) is null : SecondFactor.NormalizeCode(Code) is null)
        {
            Fouten.Add(veld, Herstel ? "Vul een herstelcode in zoals u die kreeg: drie groepen van vier tekens, bijvoorbeeld ABCD-EFGH-JKLM."
                : "Vul de code van zes cijfers uit uw authenticator-app in.");
            return Page();
        }
        var result = await accounts.CheckSecondFactorAsync(user, Code, Herstel ? Herstelcode : null);
        if (result.Outcome == CodeOutcome.LockedOut)
        {
            Fouten.Add(veld, InloggenModel.Geblokkeerd(result.LockedUntil, Nu));
            return Page();
        }
        if (result.Outcome == CodeOutcome.Wrong)
        {
            Fouten.Add(veld, Herstel ? "Deze herstelcode klopt niet of is al gebruikt."
                : "Deze code klopt niet of is al gebruikt. Controleer of de tijd op uw telefoon juist staat en vul de volgende code in die de app toont.");
            return Page();
        }
        if (user.Status != AccountStatus.Actief)
        {
            await HttpContext.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
            return MetMelding("/inloggen", user.Status == AccountStatus.Aangevraagd ? Meldingen.WachtOpVerificatie : Meldingen.Geblokkeerd);
        }
        signIn.AuthenticationScheme = PortaalAanmelding.Schema;
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [SecondFactor.MultiFactorClaim()]);
        await HttpContext.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        var verder = InloggenModel.IsLokaal(Terug) ? Terug! : PortaalGebruiker.StartVoor(user.Rol);
        return result.RecoveryCodesLeft is null ? Redirect(verder) : MetMelding(verder, Meldingen.HerstelcodeGebruikt);
    }
}
