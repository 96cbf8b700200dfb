using Microsoft.AspNetCore.Mvc;

namespace Oso.Central.Portal.Account;

/// <summary>A school asks for its Mijn OSO account with its BRIN and a contact; the account waits until the servicedesk verifies it.</summary>
[Voor(Toegang.Iedereen)]
internal sealed class AanmeldenModel : PortaalPagina
{
    [BindProperty]
    public string? Brin { get; set; }

    [BindProperty]
    public string? Naam { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Telefoon { get; set; }

    [BindProperty]
    public string? Wachtwoord { get; set; }

    [BindProperty]
    public string? Herhaling { get; set; }

    /// <summary>Set when the request was received.</summary>
    public GebruikerInfo? Aangevraagd { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var brin = (Brin ?? "").Trim().ToUpperInvariant();
        if (brin.Length == 0) Fouten.Add("brin", "Vul de BRIN-code van uw school in.");
        else if (!Dossier.Identifiers.Brin.TryParse(brin, out _)) Fouten.Add("brin", "Een BRIN-code is twee cijfers en twee letters, bijvoorbeeld 12AB.");
        if (string.IsNullOrWhiteSpace(Naam)) Fouten.Add("naam", "Vul de naam van de contactpersoon in.");
        if (string.IsNullOrWhiteSpace(Email)) Fouten.Add("email", "Vul het e-mailadres van de contactpersoon in.");
        else if (!Email.Contains('@', StringComparison.Ordinal)) Fouten.Add("email", "Vul een geldig e-mailadres in, zoals naam@school.nl.");
        if (string.IsNullOrEmpty(Wachtwoord)) Fouten.Add("wachtwoord", "Kies een wachtwoord van minstens 12 tekens.");
        else if (Wachtwoord.Length < 12) Fouten.Add("wachtwoord", "Het wachtwoord is te kort: gebruik minstens 12 tekens.");
        if (!string.IsNullOrEmpty(Wachtwoord) && Herhaling != Wachtwoord) Fouten.Add("herhaling", "De twee wachtwoorden zijn niet gelijk.");
        if (Fouten.Any) return Page();

        var uitkomst = await Admin.Als(Email!.Trim()).RegisterSchoolAccountAsync(brin, Naam!, Email.Trim(), Wachtwoord!,
            string.IsNullOrWhiteSpace(Telefoon) ? null : Telefoon.Trim(), Ct);
        if (!uitkomst.Gelukt)
        {
            Fouten.Add(uitkomst.Fout.Code switch
            {
                "account.scope" => "brin",
                "account.naam" => "naam",
                "account.bestaat" => "email",
                _ => uitkomst.Fout.Tekst.Contains("wachtwoord", StringComparison.OrdinalIgnoreCase) ? "wachtwoord" : "email",
            }, uitkomst.Fout.Tekst);
            return Page();
        }
        Aangevraagd = uitkomst.Waarde;
        return Page();
    }
}
