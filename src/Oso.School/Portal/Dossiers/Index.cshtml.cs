using Microsoft.AspNetCore.Mvc;

namespace Oso.School.Portal.Dossiers;

/// <summary>The school's dossiers as bron, with status, search and filter.</summary>
public sealed class IndexModel(DossierOverview overview) : PortalPageModel
{
    /// <summary>The status filter's choices.</summary>
    public static IReadOnlyList<(string Value, string Text)> Statussen { get; } =
    [
        (nameof(DossierStatus.Concept), "Concept"), (nameof(DossierStatus.TerInzage), "Ter inzage bij ouders"),
        (nameof(DossierStatus.Ingezien), "Ingezien, nog niet vrijgegeven"), (nameof(DossierStatus.Vrijgegeven), "Vrijgegeven"),
    ];

    /// <summary>Search text (posted: a name or number never goes into the address, the browser's history or a log).</summary>
    [BindProperty(Name = "zoek")]
    public string? Zoek { get; set; }

    /// <summary>Status filter.</summary>
    [BindProperty(SupportsGet = true, Name = "status")]
    public DossierStatus? Status { get; set; }

    /// <summary>The rows.</summary>
    public IReadOnlyList<DossierRow> Rijen { get; private set; } = [];

    /// <summary>A search or filter is active.</summary>
    public bool Gefilterd => !string.IsNullOrWhiteSpace(Zoek) || Status is not null;

    /// <inheritdoc />
    protected override string Titel => "Dossiers";

    /// <summary>Shows the list (filtered by status from the address: links from the overview).</summary>
    public async Task OnGetAsync() => Rijen = await overview.ListAsync(Brin, null, Status, Staff.Actor, HttpContext.RequestAborted);

    /// <summary>Searches.</summary>
    public async Task OnPostAsync() => Rijen = await overview.ListAsync(Brin, Zoek, Status, Staff.Actor, HttpContext.RequestAborted);
}
