using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Oso.Dossier.Rendering;
using Oso.School.Bron;
using Oso.School.Portal;
using Oso.School.Privacy;

namespace Oso.School.Parents;

/// <summary>
/// The parents' page: the dossier, readable on a phone; every school that received it; and their answer — akkoord
/// (with their zienswijze when they disagree) from PO, and consent from VO (from the pupil from 16: asked who answers).
/// A request to correct the dossier or an objection becomes a task for the school; its status and outcome show here.
/// The page says in plain Dutch what happens with the data, who receives it, how long it is kept and whom to ask (AVG art. 13/14).
/// Every view and answer is audited as the link, never as a name.
/// </summary>
public sealed class DossierModel(ParentLinks links, Corrections corrections, AccessExport export, ParentSession session, SchoolOptions options) : PageModel
{
    /// <summary>What the page shows.</summary>
    public ParentView View { get; private set; } = null!;

    /// <summary>The dossier, readable.</summary>
    public string Weergave { get; private set; } = "";

    /// <summary>The pupil's first name.</summary>
    public string Kind { get; private set; } = "uw kind";

    /// <summary>Ask who answers (VO, pupil 16 or older, or age unknown).</summary>
    public bool VraagWie => View.Leeftijd is null or >= 16;

    /// <summary>Answer: akkoord.</summary>
    [BindProperty] public string? Akkoord { get; set; }
    /// <summary>Answer: zienswijze.</summary>
    [BindProperty] public string? Zienswijze { get; set; }
    /// <summary>Answer: toestemming.</summary>
    [BindProperty] public string? Toestemming { get; set; }
    /// <summary>Answer: who.</summary>
    [BindProperty] public string? GegevenDoor { get; set; }

    /// <summary>How long the dossier is kept after the school year of its last use, in days (for the information on the page).</summary>
    public int BewaarDagen => (int)options.Retention.BronDossiers.TotalDays;

    /// <summary>Their requests to correct the dossier, newest first.</summary>
    public IReadOnlyList<CorrectionView> Correcties { get; private set; } = [];

    /// <summary>Correction form: what is wrong.</summary>
    [BindProperty] public string? Correctie { get; set; }

    /// <summary>A message after answering.</summary>
    [TempData]
    public string? Bericht { get; set; }

    /// <summary>Errors.</summary>
    public FormErrors Errors { get; } = new();

    /// <summary>Shows the dossier (audited).</summary>
    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return Redirect("/ouders");
        var inzage = View.Dossier.Inzage;
        if (View.RespondedAt is not null)
        {
            Akkoord = inzage?.Akkoord?.Value;
            Zienswijze = inzage?.Redennietakkoord;
            Toestemming = inzage?.Toestemming?.Value;
            GegevenDoor = View.GegevenDoor;
        }
        return Page();
    }

    /// <summary>The dossier as a PDF (audited like the view: the same call).</summary>
    public async Task<IActionResult> OnGetPdfAsync()
    {
        if (!await LoadAsync()) return Redirect("/ouders");
        return Portal.PdfDownload.For(View.Dossier);
    }

    /// <summary>Everything held about the pupil as one ZIP (right of access; audited as a download by the link).</summary>
    public async Task<IActionResult> OnGetGegevensAsync()
    {
        if (session.Current(HttpContext) is not { } linkId) return Redirect("/ouders");
        var zip = await export.ForParentsAsync(linkId, HttpContext.RequestAborted);
        if (zip is null)
        {
            ParentSession.End(HttpContext);
            return Redirect("/ouders");
        }
        return File(zip, "application/zip", AccessExport.FileName);
    }

    /// <summary>Records the answer.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (session.Current(HttpContext) is not { } linkId) return Redirect("/ouders");
        var result = await links.AnswerAsync(linkId, new ParentAnswer(Akkoord, Zienswijze, Toestemming, GegevenDoor), HttpContext.RequestAborted);
        switch (result)
        {
            case AnswerResult.Recorded:
                Bericht = "Dank u wel. De school heeft uw reactie ontvangen" + (Akkoord == "Nee" ? "; uw zienswijze gaat mee met het dossier." : ".");
                return Redirect("/ouders/dossier");
            case AnswerResult.Invalid invalid:
                Errors.Add(invalid.Field switch { "akkoord" => "akkoord-ja", "toestemming" => "toestemming-ja", "gegevenDoor" => "wie-ouders", var f => f }, invalid.Reason);
                return await LoadAsync() ? Page() : Redirect("/ouders");
            default:
                return Redirect("/ouders");
        }
    }

    /// <summary>Files a request to correct the dossier (or an objection): a task for the school.</summary>
    public async Task<IActionResult> OnPostCorrectieAsync()
    {
        if (session.Current(HttpContext) is not { } linkId) return Redirect("/ouders");
        switch (await corrections.FileByParentsAsync(linkId, Correctie, HttpContext.RequestAborted))
        {
            case CorrectionResult.Filed:
                Bericht = "Uw verzoek is naar de school gegaan. Hieronder ziet u wanneer de school het heeft afgehandeld en wat ze deed.";
                return Redirect("/ouders/dossier#correctie");
            case CorrectionResult.Invalid invalid:
                Errors.Add("correctie-tekst", invalid.Reason);
                return await LoadAsync() ? Page() : Redirect("/ouders");
            default:
                return Redirect("/ouders");
        }
    }

    /// <summary>Ends the session.</summary>
    public IActionResult OnPostAfmelden()
    {
        ParentSession.End(HttpContext);
        return Redirect("/ouders?afgemeld=true");
    }

    private async Task<bool> LoadAsync()
    {
        if (session.Current(HttpContext) is not { } linkId) return false;
        var view = await links.ViewAsync(linkId, HttpContext.RequestAborted);
        if (view is null)
        {
            ParentSession.End(HttpContext);
            return false;
        }
        View = view;
        Correcties = await corrections.ListForParentsAsync(linkId, HttpContext.RequestAborted);
        var leerling = view.Dossier.Huidigeschool.Leerling;
        Kind = leerling.Roepnaam ?? (leerling.Voornaam.Count > 0 ? leerling.Voornaam[0] : BronDossiers.Name(leerling));
        Weergave = DossierHtmlRenderer.RenderFragment(view.Dossier, new DossierRenderOptions { HeadingLevel = 3, IdPrefix = "dossier" });
        PortalLayout.Plain(ViewData, "Het overstapdossier van " + Kind, site: PortalLayout.ParentSite);
        return true;
    }
}
