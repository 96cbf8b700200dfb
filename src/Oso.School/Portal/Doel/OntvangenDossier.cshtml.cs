using Microsoft.AspNetCore.Mvc;
using Oso.Dossier.Rendering;
using Oso.School.Doel;

namespace Oso.School.Portal.Doel;

/// <summary>A received dossier, readable, with its check at arrival; staff can mark it imported.</summary>
public sealed class OntvangenDossierModel(DoelOverview overview, Aanmeldingen aanmeldingen) : PortalPageModel
{
    /// <summary>The received dossier.</summary>
    [BindProperty(SupportsGet = true, Name = "id")]
    public Guid Id { get; set; }

    /// <summary>What the page shows.</summary>
    public ReceivedDetail Detail { get; private set; } = null!;

    /// <summary>The dossier, readable.</summary>
    public string? Weergave { get; private set; }

    /// <inheritdoc />
    protected override string Titel => "Ontvangen dossier";

    /// <summary>Shows the dossier.</summary>
    public async Task<IActionResult> OnGetAsync()
    {
        var detail = await overview.ReceivedAsync(Brin, Id, Staff.Actor, HttpContext.RequestAborted);
        if (detail is null) return NotFound();
        Detail = detail;
        Weergave = detail.Dossier is null ? null
            : DossierHtmlRenderer.RenderFragment(detail.Dossier, new DossierRenderOptions
            {
                HeadingLevel = 3, IdPrefix = "ontvangen", AttachmentLink = n => $"/scholen/{Brin}/ontvangen/{Id}/bijlagen/{n}",
            });
        return Page();
    }

    /// <summary>The dossier as a PDF (audited as a view of the received dossier).</summary>
    public async Task<IActionResult> OnGetPdfAsync()
    {
        var detail = await overview.ReceivedAsync(Brin, Id, Staff.Actor, HttpContext.RequestAborted);
        return detail?.Dossier is { } dossier ? PdfDownload.For(dossier) : NotFound();
    }

    /// <summary>Marks the dossier imported.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (!await aanmeldingen.AcknowledgeAsync(Brin, Id, Staff.Actor, "Een medewerker markeert het ontvangen dossier als geïmporteerd.", HttpContext.RequestAborted))
            return NotFound();
        Bericht = "Het dossier is gemarkeerd als geïmporteerd.";
        return Naar($"/ontvangen/{Id}");
    }
}
