using Microsoft.AspNetCore.Mvc;

namespace Oso.School.Portal.Doel;

/// <summary>A request, step by step: the session, each aanleverpunt, the afmelding; when something failed, who must do what.</summary>
public sealed class AanvraagModel(DoelOverview overview) : PortalPageModel
{
    /// <summary>The request.</summary>
    [BindProperty(SupportsGet = true, Name = "id")]
    public Guid Id { get; set; }

    /// <summary>Its trace.</summary>
    public TraceView Trace { get; private set; } = null!;

    /// <inheritdoc />
    protected override string Titel => "Aanvraag";

    /// <summary>Shows the steps.</summary>
    public async Task<IActionResult> OnGetAsync()
    {
        var trace = await overview.TraceAsync(Brin, Id, HttpContext.RequestAborted);
        if (trace is null) return NotFound();
        Trace = trace;
        ViewData["Title"] = "Opvragen bij " + trace.BronBrin;
        return Page();
    }
}
