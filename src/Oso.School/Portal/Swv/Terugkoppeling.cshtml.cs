using Microsoft.AspNetCore.Mvc;

namespace Oso.School.Portal.Swv;

/// <summary>A terugkoppeling the school received from the SWV: the decisions per school year (reading it is audited).</summary>
public sealed class TerugkoppelingModel(SwvOverview overview) : PortalPageModel
{
    /// <summary>The terugkoppeling.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    /// <summary>What it says.</summary>
    public FeedbackView View { get; private set; } = null!;

    /// <inheritdoc />
    protected override string Titel => "Terugkoppeling";

    /// <summary>Shows it.</summary>
    public async Task<IActionResult> OnGetAsync()
    {
        var view = await overview.ReadAsync(Brin, Id, Staff.Actor, HttpContext.RequestAborted);
        if (view is null || view.Row.Richting != Oso.School.Swv.TerugkoppelingRichting.Ontvangen) return NotFound();
        View = view;
        return Page();
    }
}
