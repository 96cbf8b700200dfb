using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Oso.Central.Accounts;
using Oso.Central.Register;

namespace Oso.Central.Portal.Account;

/// <summary>Step 1 of signing in: e-mail address and password. Then the TOTP code, or (first time) setting up two-factor authentication.</summary>
[Voor(Toegang.Iedereen)]
internal sealed class InloggenModel(SignInManager<CentralUser> signIn, UserManager<CentralUser> users) : PortaalPagina
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Wachtwoord { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Terug { get; set; }

    public IActionResult OnGet() => Gebruiker is { MetTweestaps: true } g ? Redirect(g.Start) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Email)) Fouten.Add("email", "Vul uw e-mailadres in.");
        if (string.IsNullOrEmpty(Wachtwoord)) Fouten.Add("wachtwoord", "Vul uw wachtwoord in.");
        if (Fouten.Any) return Page();

        signIn.AuthenticationScheme = PortaalAanmelding.Schema;
        var email = Email!.Trim();
        var result = await signIn.PasswordSignInAsync(email, Wachtwoord!, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor) return Redirect("/inloggen/code" + TerugQuery(Terug));
        if (result.IsLockedOut)
        {
            Fouten.Add("email", await GeblokkeerdAsync(users, email, Nu));
            return Page();
        }
        if (!result.Succeeded)
        {
            Fouten.Add("email", "Het e-mailadres of het wachtwoord klopt niet. Na vijf mislukte pogingen wordt het account een kwartier geblokkeerd.");
            return Page();
        }

        // the password is right and two-factor authentication is not set up yet: only an active account may set it up
        var user = await users.FindByEmailAsync(email);
        if (user is null || user.Status != AccountStatus.Actief)
        {
            await HttpContext.SignOutAsync(PortaalAanmelding.Schema);
            Fouten.Add(null, Meldingen.Van(user?.Status == AccountStatus.Aangevraagd ? Meldingen.WachtOpVerificatie : Meldingen.Geblokkeerd)!.Tekst);
            return Page();
        }
        return Redirect("/tweestaps" + TerugQuery(Terug));
    }

    /// <summary>The Dutch lockout message, with the time the account opens again.</summary>
    internal static async Task<string> GeblokkeerdAsync(UserManager<CentralUser> users, string email, DateTimeOffset nu)
    {
        var user = await users.FindByEmailAsync(email);
        var tot = user is null ? null : await users.GetLockoutEndDateAsync(user);
        var wanneer = tot is { } t && t > nu ? $" Probeer het na {Kalender.Lokaal(t):HH:mm} uur opnieuw" : " Probeer het later opnieuw";
        return "Dit account is tijdelijk geblokkeerd na te veel mislukte pogingen." + wanneer + " of neem contact op met de OSO-servicedesk.";
    }

    /// <summary>"?terug=…" when the address is a local page, else nothing (no open redirect).</summary>
    internal static string TerugQuery(string? terug) => IsLokaal(terug) ? "?terug=" + Uri.EscapeDataString(terug!) : "";

    internal static bool IsLokaal(string? pad) =>
        pad is { Length: > 0 } && pad[0] == '/' && (pad.Length == 1 || (pad[1] != '/' && pad[1] != '\\')) && !pad.Contains('\\', StringComparison.Ordinal);
}
