using Microsoft.AspNetCore.Mvc;
using Oso.School.Doel;

namespace Oso.School.Portal.Doel;

/// <summary>Registers an aanmelding (and, when asked, requests the dossier at once).</summary>
public sealed class NieuwModel(Aanmeldingen aanmeldingen) : PortalPageModel
{
    /// <summary>BSN or onderwijsnummer.</summary>
    [BindProperty] public string? Pgn { get; set; }
    /// <summary>Birth date (yyyy-MM-dd).</summary>
    [BindProperty] public string? Geboortedatum { get; set; }
    /// <summary>Name, for people.</summary>
    [BindProperty] public string? Naam { get; set; }
    /// <summary>The previous school.</summary>
    [BindProperty] public string? BronBrin { get; set; }
    /// <summary>overstapdossier or overdrachtbinnenbrin.</summary>
    [BindProperty] public string? Soort { get; set; }
    /// <summary>Request the dossier at once.</summary>
    [BindProperty] public bool Meteen { get; set; } = true;

    /// <inheritdoc />
    protected override string Titel => "Leerling aanmelden";

    /// <summary>Shows the form.</summary>
    public void OnGet()
    {
    }

    /// <summary>Registers.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var pgn = (Pgn ?? "").Replace(" ", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal);
        var bron = (BronBrin ?? "").Trim().ToUpperInvariant();
        if (pgn.Length == 0) Errors.Add("pgn", "Vul het BSN of onderwijsnummer in.");
        else if (!Oso.Dossier.Identifiers.Pgn.TryParse(pgn, out _)) Errors.Add("pgn", "Dit is geen geldig BSN of onderwijsnummer (het voldoet niet aan de elfproef).");
        if (!Dutch.TryParseIsoDate(Geboortedatum, out var geboren)) Errors.Add("geboortedatum", "Vul de geboortedatum in.");
        if (Naam is { Length: > 200 }) Errors.Add("naam", "De naam is te lang (hoogstens 200 tekens).");
        if (!Oso.Dossier.Identifiers.Brin.TryParse(bron, out _)) Errors.Add("bronbrin", "Vul het BRIN van de vorige school in: twee cijfers en twee hoofdletters.");
        if (!Errors.None) return Page();

        var result = await aanmeldingen.RegisterAsync(Brin, new AanmeldingInput(pgn, geboren, bron, string.IsNullOrWhiteSpace(Naam) ? null : Naam.Trim(),
            Soort == "overdrachtbinnenbrin" ? "overdrachtbinnenbrin" : "overstapdossier"), Staff.Actor, HttpContext.RequestAborted);
        switch (result)
        {
            case DoelResult.Ok ok:
                if (!Meteen)
                {
                    Bericht = "De leerling is aangemeld.";
                    return Naar($"/aanmeldingen/{ok.Id}");
                }
                var request = await aanmeldingen.RequestAsync(Brin, ok.Id, "Medewerker", null, Staff.Actor, HttpContext.RequestAborted);
                if (request is DoelResult.Ok requested)
                {
                    Bericht = "De leerling is aangemeld en het dossier wordt opgevraagd. Hieronder ziet u elke stap.";
                    return Naar($"/aanvragen/{requested.Id}");
                }
                Bericht = "De leerling is aangemeld.";
                return Naar($"/aanmeldingen/{ok.Id}");
            case DoelResult.Refused refused:
                Errors.Add("pgn", refused.Reason);
                return Page();
            default:
                return NotFound();
        }
    }
}
