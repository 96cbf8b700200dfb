using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Oso.Central.Accounts;
using Oso.Hosting.Accounts;

namespace Oso.Central.Portal.Account;

/// <summary>
/// First sign-in: setting up two-factor authentication. Shows the key (typed in, or scanned as a QR code made here,
/// not by an outside service) and switches it on with a code from the app; the session then counts as signed in with
/// two factors, and the page shows the recovery codes — once.
/// </summary>
[Voor(Toegang.Aangemeld)]
[EnableRateLimiting(SignInRateLimits.Policy)]
internal sealed class TweestapsModel(SignInManager<CentralUser> signIn, UserManager<CentralUser> users, AccountSignIn<CentralUser> accounts) : PortaalPagina
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Terug { get; set; }

    /// <summary>The key to set up.</summary>
    public AuthenticatorEnrolment? Sleutel { get; private set; }

    /// <summary>The key in groups of four, to type over.</summary>
    public string SleutelLeesbaar => Sleutel?.Grouped.ToLowerInvariant() ?? "";

    /// <summary>Just switched on: the recovery codes, shown this once.</summary>
    public IReadOnlyList<string>? Herstelcodes { get; private set; }

    /// <summary>Where "Verder" leads after the recovery codes.</summary>
    public string Verder { get; private set; } = "/";

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Redirect("/inloggen");
        if (user.TwoFactorEnabled) return Redirect(Ik.Start);
        await LaadSleutelAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Redirect("/inloggen");
        if (user.TwoFactorEnabled) return Redirect(Ik.Start);
        if (SecondFactor.NormalizeCode(Code) is null) Fouten.Add("code", "Vul de code van zes cijfers uit uw authenticator-app in.");
        else if (await accounts.CheckSecondFactorAsync(user, Code) is { Outcome: not CodeOutcome.Accepted } result)
            Fouten.Add("code", result.Outcome == CodeOutcome.LockedOut ? InloggenModel.Geblokkeerd(result.LockedUntil, Nu)
                : "Deze code klopt niet. Controleer of u de sleutel goed hebt overgenomen en of de tijd op uw telefoon juist staat.");
        if (Fouten.Any)
        {
            await LaadSleutelAsync(user);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        Herstelcodes = await accounts.NewRecoveryCodesAsync(user);
        // the person has just shown both factors: sign in again as such (the security stamp changed with the setting)
        signIn.AuthenticationScheme = PortaalAanmelding.Schema;
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [SecondFactor.MultiFactorClaim()]);
        PortaalAanmelding.Vergeet(HttpContext);
        Verder = InloggenModel.IsLokaal(Terug) ? Terug! : PortaalGebruiker.StartVoor(user.Rol);
        MeldingCode = Meldingen.TweestapsAan;
        return Page();
    }

    private async Task LaadSleutelAsync(CentralUser user)
    {
        var (sleutel, nieuw) = await AuthenticatorEnrolment.KeyAsync(users, user);
        if (nieuw)
        {
            // a new key changes the security stamp: keep this session
            signIn.AuthenticationScheme = PortaalAanmelding.Schema;
            await signIn.RefreshSignInAsync(user);
        }
        Sleutel = AuthenticatorEnrolment.For(sleutel, "OpenOSO", user.Email);
    }
}
