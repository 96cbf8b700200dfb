using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Oso.Hosting.Accounts;

namespace Oso.Central.Portal.Beheer;

/// <summary>
/// The servicedesk resets a person's two-step verification (a lost phone, no recovery codes left) after checking who
/// asks; the audit log records how the identity was checked and by which operator.
/// </summary>
[Voor(Toegang.Beheerder)]
[EnableRateLimiting(SignInRateLimits.Policy)]
internal sealed class TweestapsModel : PortaalPagina
{
    /// <summary>The account (e-mail address) to reset.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Email { get; set; }

    [BindProperty]
    public string? Identiteit { get; set; }

    [BindProperty]
    public string? Toelichting { get; set; }

    /// <summary>The account found.</summary>
    public GebruikerInfo? Account { get; private set; }

    public async Task OnGetAsync()
    {
        if (string.IsNullOrWhiteSpace(Email)) return;
        Account = await Admin.AccountAsync(Email, Ct);
        if (Account is null) Fouten.Add("email", "Er is geen account met dit e-mailadres.");
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await OnGetAsync();
        if (Account is null)
        {
            if (!Fouten.Any) Fouten.Add("email", "Vul het e-mailadres van het account in.");
            return Page();
        }
        var (check, veld, fout) = IdentityCheck.Parse(Identiteit, Toelichting);
        if (check is null)
        {
            Fouten.Add(veld, fout!);
            return Page();
        }
        var uitkomst = await Admin.ResetTwoFactorAsync(Account.Id, check, Ct);
        if (!uitkomst.Gelukt)
        {
            Fouten.Add(null, uitkomst.Fout.Tekst);
            return Page();
        }
        return MetMelding("/beheer/accounts/tweestaps", Meldingen.TweestapsHersteld);
    }
}
