using System.Text;
using Microsoft.AspNetCore.Mvc;
using Oso.School.Swv;

namespace Oso.School.Portal.Swv;

/// <summary>
/// An SWV dossier that arrived at this SWV: its steps, the school's signature, the terugkoppelingen sent, and the form
/// to send one — one attempt, no automatic retry (public text); a failed attempt can be sent again by hand.
/// </summary>
public sealed class DossierModel(SwvOverview overview, SwvFeedback feedback) : PortalPageModel
{
    /// <summary>The dossier.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    /// <summary>The terugkoppeling to send (OSO-XML, element <c>terugkoppeling</c>).</summary>
    [BindProperty(Name = "terugkoppeling")]
    public string? Terugkoppeling { get; set; }

    /// <summary>The dossier and its attempts.</summary>
    public IncomingSwvDossier Detail { get; private set; } = null!;

    /// <summary>The last attempt's outcome when it was just made.</summary>
    public FeedbackResult? Uitkomst { get; private set; }

    /// <inheritdoc />
    protected override string Titel => "Swv-dossier";

    /// <summary>Shows the dossier.</summary>
    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    /// <summary>Sends the terugkoppeling typed or pasted in the form (one attempt).</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (string.IsNullOrWhiteSpace(Terugkoppeling))
        {
            Errors.Add("terugkoppeling", "Plak of typ de terugkoppeling (OSO-XML met het element terugkoppeling).");
            return Page();
        }
        return await SendAsync(Encoding.UTF8.GetBytes(Terugkoppeling));
    }

    /// <summary>Sends the last attempt again, by hand.</summary>
    public async Task<IActionResult> OnPostOpnieuwAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (await overview.LastAttemptAsync(Brin, Id, HttpContext.RequestAborted) is not { } xml)
        {
            Errors.Add("terugkoppeling", "Er is nog geen terugkoppeling om opnieuw te versturen.");
            return Page();
        }
        return await SendAsync(xml);
    }

    private async Task<IActionResult> SendAsync(byte[] xml)
    {
        Uitkomst = await feedback.SendAsync(Brin, Id, xml, Staff.Actor, HttpContext.RequestAborted);
        if (Uitkomst is null) return NotFound();
        if (Uitkomst.Id is null) Errors.Add("terugkoppeling", Uitkomst.Toelichting);
        await LoadAsync();
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        var detail = await overview.IncomingAsync(Brin, Id, HttpContext.RequestAborted);
        if (detail is null || Sector != "SWV") return false;
        Detail = detail;
        return true;
    }
}
