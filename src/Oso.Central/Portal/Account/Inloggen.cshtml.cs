using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Oso.Central.Accounts;
using Oso.Central.Register;
using Oso.Hosting.Accounts;

namespace Oso.Central.Portal.Account;

/// <summary>Step 1 of signing in: e-mail address and password. Then the TOTP code, or (first time) setting up two-factor authentication.</summary>
[Voor(Toegang.Iedereen)]
[EnableRateLimiting(SignInRateLimits.Policy)]
internal sealed class InloggenModel(SignInManager<CentralUser> signIn, AccountSignIn<CentralUser> accounts) : PortaalPagina
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Wachtwoord { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Terug { get; set; }

    /// <summary>Sent here because the session ended (idle, or the working day's limit).</summary>
    [BindProperty(SupportsGet = true)]
    public bool Verlopen { get; set; }

    public IActionResult OnGet() => Gebruiker is { MetTweestaps: true } g ? Redirect(g.Start) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        Verlopen = false;
        if (string.IsNullOrWhiteSpace(Email)) Fouten.Add("email", "Vul uw e-mailadres in.");
        if (string.IsNullOrEmpty(Wachtwoord)) Fouten.Add("wachtwoord", "Vul uw wachtwoord in.");
        if (Fouten.Any) return Page();

        var check = await accounts.CheckPasswordAsync(Email, Wachtwoord);
        if (check.Outcome == PasswordOutcome.Wrong)
        {
            // the same words for an unknown address and a wrong password, in the same time (AccountSignIn)
            Fouten.Add("email", "Het e-mailadres of het wachtwoord klopt niet. Na vijf mislukte pogingen wordt het account een kwartier geblokkeerd.");
            return Page();
        }
        var user = check.User!;
        if (check.Outcome == PasswordOutcome.LockedOut)
        {
            Fouten.Add("email", Geblokkeerd(check.LockedUntil, Nu));
            return Page();
        }
        if (user.Status != AccountStatus.Actief)
        {
            await HttpContext.SignOutAsync(PortaalAanmelding.Schema);
            Fouten.Add(null, Meldingen.Van(user.Status == AccountStatus.Aangevraagd ? Meldingen.WachtOpVerificatie : Meldingen.Geblokkeerd)!.Tekst);
            return Page();
        }
        if (user.TwoFactorEnabled)
        {
            await accounts.RememberPasswordStepAsync(HttpContext, user);
            return Redirect("/inloggen/code" + TerugQuery(Terug));
        }
        // the password is right and two-factor authentication is not set up yet: a session that opens only the set-up
        signIn.AuthenticationScheme = PortaalAanmelding.Schema;
        await signIn.SignInAsync(user, isPersistent: false);
        return Redirect("/tweestaps" + TerugQuery(Terug));
    }

    /// <summary>The Dutch lockout message, with the time the account opens again (only told to who gave the right password).</summary>
    internal static string Geblokkeerd(DateTimeOffset? tot, DateTimeOffset nu)
    {
        var wanneer = tot is { } t && t > nu ? $" Probeer het na {Kalender.Lokaal(t):HH:mm} uur opnieuw" : " Probeer het later opnieuw";
        return "Dit account is tijdelijk geblokkeerd na te veel mislukte pogingen." + wanneer + " of neem contact op met de OSO-servicedesk.";
    }

    /// <summary>"?terug=…" when the address is a local page, else nothing (no open redirect).</summary>
    internal static string TerugQuery(string? terug) => IsLokaal(terug) ? "?terug=" + Uri.EscapeDataString(terug!) : "";

    internal static bool IsLokaal(string? pad) =>
        pad is { Length: > 0 } && pad[0] == '/' && (pad.Length == 1 || (pad[1] != '/' && pad[1] != '\\')) && !pad.Contains('\\', StringComparison.Ordinal);
}
