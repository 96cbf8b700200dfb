using Microsoft.AspNetCore.Mvc;
using Oso.School.Doel;
using Oso.School.Register;

namespace Oso.School.Portal.Doel;

/// <summary>Registers an aanmelding (and, when asked, requests the dossier at once).</summary>
public sealed class NieuwModel(Aanmeldingen aanmeldingen, RegisterCache register) : PortalPageModel
{
    /// <summary>The previous school as typed: a name and place, or a BRIN.</summary>
    [BindProperty] public string? VorigeSchool { get; set; }

    /// <summary>Schools matching what was typed (shown to choose from).</summary>
    public IReadOnlyList<RegisterSchool> Gevonden { get; private set; } = [];

    /// <summary>BSN or onderwijsnummer.</summary>
    [BindProperty] public string? Pgn { get; set; }
    /// <summary>Birth date (yyyy-MM-dd).</summary>
    [BindProperty] public string? Geboortedatum { get; set; }
    /// <summary>Name, for people.</summary>
    [BindProperty] public string? Naam { get; set; }
    /// <summary>The previous school chosen from the schools found.</summary>
    [BindProperty] public string? BronBrin { get; set; }
    /// <summary>overstapdossier or overdrachtbinnenbrin.</summary>
    [BindProperty] public string? Soort { get; set; }
    /// <summary>Request the dossier at once.</summary>
    [BindProperty] public bool Meteen { get; set; } = true;

    /// <inheritdoc />
    protected override string Titel => "Leerling aanmelden";

    private const string NietGevonden = "Geen gekwalificeerde school gevonden. Typ een deel van de naam en de plaats (bijvoorbeeld ‘Regenboog Utrecht’), of het BRIN-nummer.";

    /// <summary>
    /// The previous school's BRIN: the one chosen from the list, a BRIN typed, or the only school that matches what was
    /// typed; otherwise an error — with the schools found to choose from when there are several.
    /// </summary>
    private async Task<string?> PreviousSchoolAsync()
    {
        var ct = HttpContext.RequestAborted;
        var chosen = (BronBrin ?? "").Trim().ToUpperInvariant();
        if (Oso.Dossier.Identifiers.Brin.TryParse(chosen, out _)) return chosen;
        var typed = (VorigeSchool ?? "").Trim();
        if (typed.Length == 0)
        {
            Errors.Add("bronbrin", "Vul de naam (en plaats) of het BRIN-nummer van de vorige school in.", "Vorige school");
            return null;
        }
        if (Oso.Dossier.Identifiers.Brin.TryParse(typed.ToUpperInvariant(), out var brin))
        {
            if (await register.FindAsync(brin.Value, ct) is not null || !await register.HasListAsync(ct)) return brin.Value;
            Errors.Add("bronbrin", $"{brin.Value} staat niet in de lijst van gekwalificeerde scholen. Controleer het nummer, of zoek op naam en plaats.", "Vorige school");
            return null;
        }
        Gevonden = await register.SearchAsync(typed, cancellationToken: ct);
        if (Gevonden.Count == 1) return Gevonden[0].Brin;
        Errors.Add(Gevonden.Count == 0 ? "bronbrin" : "school-0", Gevonden.Count == 0 ? NietGevonden : $"Er zijn {Gevonden.Count} scholen gevonden: kies de vorige school.", "Vorige school");
        return null;
    }

    /// <summary>Shows the form.</summary>
    public void OnGet()
    {
    }

    /// <summary>Finds the previous school by name, place or BRIN (without registering yet).</summary>
    public async Task<IActionResult> OnPostZoekenAsync()
    {
        Gevonden = await register.SearchAsync(VorigeSchool, cancellationToken: HttpContext.RequestAborted);
        if (Gevonden.Count == 0) Errors.Add("bronbrin", NietGevonden, "Vorige school");
        return Page();
    }

    /// <summary>Registers.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var pgn = (Pgn ?? "").Replace(" ", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal);
        if (pgn.Length == 0) Errors.Add("pgn", "Vul het BSN of onderwijsnummer in.", "BSN of onderwijsnummer");
        else if (!Oso.Dossier.Identifiers.Pgn.TryParse(pgn, out _)) Errors.Add("pgn", "Dit is geen geldig BSN of onderwijsnummer (het voldoet niet aan de elfproef).", "BSN of onderwijsnummer");
        if (!Dutch.TryParseIsoDate(Geboortedatum, out var geboren)) Errors.Add("geboortedatum", "Vul de geboortedatum in.", "Geboortedatum");
        if (Naam is { Length: > 200 }) Errors.Add("naam", "De naam is te lang (hoogstens 200 tekens).", "Naam");
        var bron = await PreviousSchoolAsync();
        if (!Errors.None) return Page();

        var result = await aanmeldingen.RegisterAsync(Brin, new AanmeldingInput(pgn, geboren, bron!, string.IsNullOrWhiteSpace(Naam) ? null : Naam.Trim(),
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
                Errors.Add("pgn", refused.Reason, "BSN of onderwijsnummer");
                return Page();
            default:
                return NotFound();
        }
    }
}
