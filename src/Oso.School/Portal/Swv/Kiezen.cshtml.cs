using Microsoft.AspNetCore.Mvc;
using Oso.Dossier.Validation;
using Oso.School.Portal.Dossiers;
using Oso.School.Swv;

namespace Oso.School.Portal.Swv;

/// <summary>
/// A school's staff send a pupil's released dossier to a samenwerkingsverband: they choose from the SWVs the school
/// belongs to in Central's register (asked as the school's system), each with whether it can receive one today. The
/// choice goes through the same checks as from the LAS (PaO profile and rules, the parents' inzage); the node then asks
/// the koppelsleutel and notifies the SWV in the background.
/// </summary>
public sealed class KiezenModel(SwvMemberships memberships, SwvDossiers swv, SwvOverview overview, DossierOverview dossiers) : PortalPageModel
{
    /// <summary>The pupil.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    /// <summary>The chosen SWV's BRIN.</summary>
    [BindProperty(Name = "swv")]
    public string? Gekozen { get; set; }

    /// <summary>The school's samenwerkingsverbanden, or why they could not be fetched.</summary>
    public SwvChoices Keuzes { get; private set; } = new([], null);

    /// <summary>The current release's version, or null when the dossier was never released.</summary>
    public int? Versie { get; private set; }

    /// <summary>The pupil's SWV dossiers sent earlier, newest first.</summary>
    public IReadOnlyList<SentSwvDossier> Eerder { get; private set; } = [];

    /// <summary>The PaO rules' messages when the dossier breaks them.</summary>
    public IReadOnlyList<Melding> Meldingen { get; private set; } = [];

    /// <inheritdoc />
    protected override string Titel => "Naar het samenwerkingsverband";

    /// <summary>Shows the choice.</summary>
    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    /// <summary>Sends the dossier to the chosen SWV (queued; the node reports each step on the pupil's SWV list).</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        var keuze = Keuzes.Keuzes.FirstOrDefault(k => string.Equals(k.Brin, Gekozen?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (keuze is null)
        {
            Errors.Add("swv", Keuzes.Fout ?? "Kies een van de samenwerkingsverbanden van de school.", "Samenwerkingsverband");
            return Page();
        }
        if (!keuze.Bereikbaar)
        {
            Errors.Add("swv", $"{keuze.Naam} kan nu geen swv-dossier ontvangen: {keuze.Waarom}", "Samenwerkingsverband");
            return Page();
        }
        switch (await swv.SendAsync(Brin, Id, keuze.Brin, Staff.Actor, HttpContext.RequestAborted))
        {
            case SwvSendResult.Queued:
                return NaarBericht($"/dossiers/{Id}/swv", "eerder",
                    $"Het dossier gaat naar {keuze.Naam}. De overstapservice meldt het bij het Traffic Center en stuurt het samenwerkingsverband de koppelsleutel; hieronder ziet u hoe ver het is.");
            case SwvSendResult.NotAllowed n:
                Errors.Add("swv", n.Reason, "Samenwerkingsverband");
                Meldingen = n.Meldingen;
                return Page();
            case SwvSendResult.NotFound n:
                Errors.Add("swv", n.Reason, "Samenwerkingsverband");
                return Page();
            default:
                return StatusCode(500);
        }
    }

    private async Task<bool> LoadAsync()
    {
        // an SWV sends no SWV dossiers; another school's pupil is not found here
        if (Sector == "SWV" || await dossiers.CurrentDraftAsync(Brin, Id, HttpContext.RequestAborted) is null) return false;
        Versie = (await dossiers.CurrentReleaseAsync(Brin, Id, HttpContext.RequestAborted))?.Version;
        Eerder = await overview.SentAsync(Brin, Id, HttpContext.RequestAborted);
        Keuzes = await memberships.ForSchoolAsync(Brin, HttpContext.RequestAborted);
        return true;
    }
}
