using Microsoft.AspNetCore.Mvc;
using Oso.School.Bulk;

namespace Oso.School.Portal.Werklijst;

/// <summary>A bulk action's progress and, per pupil, what happened (a failure for one pupil is reported here; the others carry on).</summary>
public sealed class TaakModel(BulkActions actions) : PortalPageModel
{
    /// <summary>The action.</summary>
    [BindProperty(SupportsGet = true, Name = "taak")]
    public Guid Taak { get; set; }

    /// <summary>The list to go back to.</summary>
    [BindProperty(SupportsGet = true, Name = "terug")]
    public string? Terug { get; set; }

    /// <summary>The action with its pupils.</summary>
    public BulkJobView Job { get; private set; } = null!;

    /// <summary>A safe way back (only a page of this school's dossier list).</summary>
    public string TerugNaar => Terug is { } t && t.StartsWith($"/scholen/{Brin}/dossiers", StringComparison.Ordinal) && !t.Contains("//", StringComparison.Ordinal)
        ? t : $"/scholen/{Brin}/dossiers";

    /// <summary>The action's name.</summary>
    public string Naam => Job.Kind == BulkKind.Vrijgeven ? "Dossiers vrijgeven" : "Links naar ouders sturen";

    /// <inheritdoc />
    protected override string Titel => Job is null ? "Actie" : Naam;

    /// <summary>Shows the action.</summary>
    public async Task<IActionResult> OnGetAsync()
    {
        var job = await actions.JobAsync(Brin, Taak, Staff.Actor, HttpContext.RequestAborted);
        if (job is null) return NotFound();
        Job = job;
        ViewData["Title"] = Titel;
        return Page();
    }

    /// <summary>How far it is (JSON, counts only: the page's script polls it while the action runs).</summary>
    public async Task<IActionResult> OnGetStandAsync()
    {
        var progress = await actions.ProgressAsync(Brin, Taak, HttpContext.RequestAborted);
        return progress is null ? NotFound() : new JsonResult(progress);
    }
}
