using Microsoft.AspNetCore.Mvc;

namespace Oso.School.Portal.Doel;

/// <summary>Dossiers received from previous schools.</summary>
public sealed class OntvangenModel(DoelOverview overview) : PortalPageModel
{
    /// <summary>Only those not imported yet.</summary>
    [BindProperty(SupportsGet = true, Name = "nieuw")]
    public bool Nieuw { get; set; }

    /// <summary>The rows.</summary>
    public IReadOnlyList<ReceivedRow> Rijen { get; private set; } = [];

    /// <inheritdoc />
    protected override string Titel => "Ontvangen dossiers";

    /// <summary>Shows the list.</summary>
    public async Task OnGetAsync() => Rijen = await overview.ReceivedAsync(Brin, Nieuw, Staff.Actor, HttpContext.RequestAborted);
}
