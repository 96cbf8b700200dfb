using Microsoft.AspNetCore.Mvc;
using Oso.School.Doel;
using Oso.School.Privacy;

namespace Oso.School.Portal.Doel;

/// <summary>An aanmelding: its requests (each with its steps) and received dossiers; request the dossier (again).</summary>
public sealed class AanmeldingModel(DoelOverview overview, Aanmeldingen aanmeldingen, DoelAccessExport export) : PortalPageModel
{
    /// <summary>The aanmelding.</summary>
    [BindProperty(SupportsGet = true, Name = "id")]
    public Guid Id { get; set; }

    /// <summary>Only a dossier released after the last one received.</summary>
    [BindProperty]
    public bool AlleenGewijzigd { get; set; } = true;

    /// <summary>What the page shows.</summary>
    public AanmeldingDetail Detail { get; private set; } = null!;

    /// <summary>When the last dossier arrived.</summary>
    public DateTimeOffset? LaatstOntvangen => Detail.Ontvangen.Count == 0 ? null : Detail.Ontvangen.Max(r => r.Ontvangen);

    /// <summary>The pupil, for people.</summary>
    public string Naam => string.IsNullOrWhiteSpace(Detail.Row.Identity.Naam) ? "leerling " + Dutch.Masked(Detail.Row.Identity.Pgn) : Detail.Row.Identity.Naam;

    /// <inheritdoc />
    protected override string Titel => "Aanmelding";

    /// <summary>Shows the aanmelding.</summary>
    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    /// <summary>Everything held about the pupil as new school, as one ZIP, for a parent's request of access (audited as a download by this staff member).</summary>
    public async Task<IActionResult> OnGetGegevensAsync()
    {
        var zip = await export.ForStaffAsync(Brin, Id, Staff.Actor, HttpContext.RequestAborted);
        return zip is null ? NotFound() : File(zip, "application/zip", DoelAccessExport.FileName);
    }

    /// <summary>Requests the dossier.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        var since = AlleenGewijzigd ? LaatstOntvangen : null;
        var result = await aanmeldingen.RequestAsync(Brin, Id, "Medewerker", since, Staff.Actor, HttpContext.RequestAborted);
        if (result is DoelResult.Ok ok)
        {
            Bericht = "Het dossier wordt opgevraagd. Hieronder ziet u elke stap.";
            return Naar($"/aanvragen/{ok.Id}");
        }
        Errors.Add("opvragen-knop", result is DoelResult.Refused r ? r.Reason : "Het dossier kon niet worden opgevraagd.");
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        var detail = await overview.AanmeldingAsync(Brin, Id, Staff.Actor, HttpContext.RequestAborted);
        if (detail is null) return false;
        Detail = detail;
        ViewData["Title"] = "Aanmelding van " + Naam;
        return true;
    }
}
