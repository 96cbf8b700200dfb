namespace Oso.School.Portal.Dossiers;

/// <summary>documentRequests other schools made, their outcome, and whether the doel will be notified.</summary>
public sealed class VerzoekenModel(DossierOverview overview) : PortalPageModel
{
    /// <summary>The requests.</summary>
    public IReadOnlyList<RequestInfo> Verzoeken { get; private set; } = [];

    /// <inheritdoc />
    protected override string Titel => "Verzoeken";

    /// <summary>Shows the requests.</summary>
    public async Task OnGetAsync() => Verzoeken = await overview.RequestsAsync(Brin, Staff.Actor, HttpContext.RequestAborted);
}
