using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Oso.Hosting.Accounts;
using Oso.School.Portal;

namespace Oso.School.Staff;

/// <summary>
/// Step two of signing in: the TOTP code, or one of the recovery codes. On the first sign-in the account has no
/// authenticator yet: the page shows a new key (QR code and text) and turns two-factor authentication on once a code
/// from it checks out, and then shows the recovery codes — once. Only a sign-in with the second factor carries the
/// <c>amr=mfa</c> claim the portal requires.
/// </summary>
[EnableRateLimiting(SignInRateLimits.Policy)]
public sealed class CodeModel(SignInManager<StaffUser> signIn, AccountSignIn<StaffUser> accounts) : PageModel
{
    /// <summary>The code.</summary>
    [BindProperty]
    public string? Code { get; set; }

    /// <summary>A recovery code (instead of the code).</summary>
    [BindProperty]
    public string? Herstelcode { get; set; }

    /// <summary>Sign in with a recovery code.</summary>
    [BindProperty(SupportsGet = true, Name = "herstel")]
    public bool Herstel { get; set; }

    /// <summary>Where to go after signing in.</summary>
    [BindProperty(SupportsGet = true, Name = "terug")]
    public string? Terug { get; set; }

    /// <summary>First sign-in: set up the authenticator.</summary>
    public bool Instellen { get; private set; }

    /// <summary>The key to set up.</summary>
    public AuthenticatorEnrolment? Sleutel { get; private set; }

    /// <summary>The account.</summary>
    public string? Email { get; private set; }

    /// <summary>Just set up: the recovery codes, shown this once.</summary>
    public IReadOnlyList<string>? Herstelcodes { get; private set; }

    /// <summary>Where "Verder" leads after the recovery codes.</summary>
    public string Verder => Next();

    /// <summary>Errors.</summary>
    public FormErrors Errors { get; } = new();

    /// <summary>Shows the code step (or the set-up).</summary>
    public async Task<IActionResult> OnGetAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return Redirect(Restart());
        await PrepareAsync(user);
        return Page();
    }

    /// <summary>Checks the code and signs in.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return Redirect(Restart());
        var recovery = Herstel && user.TwoFactorEnabled;
        var field = recovery ? "herstelcode" : "code";
        if (recovery ? SecondFactor.NormalizeRecoveryCode(Herstelcode) is null : SecondFactor.NormalizeCode(Code) is null)
        {
            Errors.Add(field, recovery ? "Vul een herstelcode in zoals u die kreeg: drie groepen van vier tekens, bijvoorbeeld ABCD-EFGH-JKLM."
                : "Vul de code van 6 cijfers uit uw authenticator-app in.");
            await PrepareAsync(user);
            return Page();
        }

        var result = await accounts.CheckSecondFactorAsync(user, Code, recovery ? Herstelcode : null);
        if (result.Outcome != CodeOutcome.Accepted)
        {
            Errors.Add(field, result.Outcome == CodeOutcome.LockedOut
                ? $"Te veel mislukte pogingen: dit account is geblokkeerd tot {Dutch.Moment(result.LockedUntil)}."
                : recovery ? "Deze herstelcode klopt niet of is al gebruikt."
                : user.TwoFactorEnabled ? "Deze code klopt niet (of is al gebruikt). Wacht op de volgende code en probeer het opnieuw."
                : "Deze code klopt niet. Controleer of de app de sleutel hierboven gebruikt en of de klok van uw telefoon goed staat.");
            await PrepareAsync(user);
            return Page();
        }

        var users = signIn.UserManager;
        if (!user.TwoFactorEnabled)
        {
            await users.SetTwoFactorEnabledAsync(user, true);
            Herstelcodes = await accounts.NewRecoveryCodesAsync(user);
        }
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [SecondFactor.MultiFactorClaim()]);
        await HttpContext.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        if (Herstelcodes is not null)
        {
            PortalLayout.Plain(ViewData, "Uw herstelcodes");
            return Page();
        }
        if (result.RecoveryCodesLeft is { } left)
            TempData["Bericht"] = $"U bent ingelogd met een herstelcode; u heeft er nog {left}. Telefoon kwijt? Vraag de beheerder van uw school om uw tweestapsverificatie opnieuw te laten instellen.";
        return Redirect(Next());
    }

    private string Next() => Url.IsLocalUrl(Terug) && !Terug!.StartsWith("/inloggen", StringComparison.Ordinal) ? Terug : "/";

    private string Restart() => "/inloggen" + (Url.IsLocalUrl(Terug) ? "?terug=" + Uri.EscapeDataString(Terug!) : "");

    private async Task PrepareAsync(StaffUser user)
    {
        Instellen = !user.TwoFactorEnabled;
        Herstel &= !Instellen;
        PortalLayout.Plain(ViewData, Instellen ? "Tweestapsverificatie instellen" : Herstel ? "Herstelcode invullen" : "Code invullen");
        if (!Instellen) return;
        var (key, _) = await AuthenticatorEnrolment.KeyAsync(signIn.UserManager, user);
        Email = user.Email;
        Sleutel = AuthenticatorEnrolment.For(key, "OpenOSO School", user.Email);
    }
}
