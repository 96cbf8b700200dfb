using Microsoft.AspNetCore.Mvc;
using Oso.School.Bulk;

namespace Oso.School.Portal.Werklijst;

/// <summary>
/// A bulk action's confirmation: what will happen to whom (and why not for the others), then — after "Bevestigen" —
/// the action starts and the page of its progress opens.
/// </summary>
public sealed class ActieModel(BulkActions actions, SchoolOptions options) : PortalPageModel
{
    /// <summary>How long a parents' link works, in days.</summary>
    public int LinkDagen => (int)options.ParentLinkLifetime.TotalDays;

    /// <summary>The action.</summary>
    [BindProperty(Name = "actie")]
    public BulkKind? Actie { get; set; }

    /// <summary>The pupils ticked.</summary>
    [BindProperty(Name = "gekozen")]
    public List<Guid> Gekozen { get; set; } = [];

    /// <summary>Every pupil the list showed (used when none was ticked).</summary>
    [BindProperty(Name = "alle")]
    public List<Guid> Alle { get; set; } = [];

    /// <summary>What the list showed, in words (no personal data).</summary>
    [BindProperty(Name = "beschrijving")]
    public string? Beschrijving { get; set; }

    /// <summary>The list to go back to.</summary>
    [BindProperty(Name = "terug")]
    public string? Terug { get; set; }

    /// <summary>The plan.</summary>
    public BulkPlan Plan { get; private set; } = null!;

    /// <summary>The pupils the action is about.</summary>
    public IReadOnlyList<Guid> Leerlingen => Gekozen.Count > 0 ? Gekozen : Alle;

    /// <summary>A safe way back (only a page of this school's dossier list).</summary>
    public string TerugNaar => Terug is { } t && t.StartsWith($"/scholen/{Brin}/dossiers", StringComparison.Ordinal) && !t.Contains("//", StringComparison.Ordinal)
        ? t : $"/scholen/{Brin}/dossiers";

    /// <summary>The action's name.</summary>
    public string Naam => Actie == BulkKind.Vrijgeven ? "Dossiers vrijgeven" : "Links naar ouders sturen";

    /// <inheritdoc />
    protected override string Titel => Naam + ": bevestigen";

    /// <summary>Nothing to confirm without a list: back to the dossiers.</summary>
    public IActionResult OnGet() => Redirect($"/scholen/{Brin}/dossiers");

    /// <summary>Shows the plan.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (Actie is not { } kind || Leerlingen.Count == 0) return Redirect(TerugNaar);
        Plan = await actions.PlanAsync(Brin, kind, Leerlingen.Distinct().Take(2000).ToList(), Staff.Actor, HttpContext.RequestAborted);
        return Page();
    }

    /// <summary>Starts the action.</summary>
    public async Task<IActionResult> OnPostBevestigenAsync()
    {
        if (Actie is not { } kind || Leerlingen.Count == 0) return Redirect(TerugNaar);
        var description = string.IsNullOrWhiteSpace(Beschrijving) ? null : Beschrijving.Trim()[..Math.Min(Beschrijving.Trim().Length, 200)];
        var job = await actions.StartAsync(Brin, kind, Leerlingen.Distinct().Take(2000).ToList(), Staff.UserId, description, HttpContext.RequestAborted);
        return Naar($"/werklijst/{job}?terug={Uri.EscapeDataString(TerugNaar)}");
    }
}
