namespace Oso.School.Portal.Doel;

/// <summary>The school's aanmeldingen (as doel).</summary>
public sealed class AanmeldingenModel(DoelOverview overview) : PortalPageModel
{
    /// <summary>The rows.</summary>
    public IReadOnlyList<AanmeldingRow> Rijen { get; private set; } = [];

    /// <inheritdoc />
    protected override string Titel => "Aanmeldingen";

    /// <summary>Shows the list.</summary>
    public async Task OnGetAsync() => Rijen = await overview.AanmeldingenAsync(Brin, Staff.Actor, HttpContext.RequestAborted);
}
