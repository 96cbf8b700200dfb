using Microsoft.AspNetCore.Mvc;

namespace Oso.School.Portal.Dossiers;

/// <summary>
/// The school's dossiers as bron — the worklist: each group's progress, the pupils with status and group (filter on
/// group, status, errors and waiting requests; sort on any column; search), and bulk actions on the list or on the
/// pupils ticked.
/// </summary>
public sealed class IndexModel(DossierOverview overview) : PortalPageModel
{
    /// <summary>The status filter's choices.</summary>
    public static IReadOnlyList<(string Value, string Text)> Statussen { get; } =
    [
        (nameof(DossierStatus.Concept), "Concept"), (nameof(DossierStatus.TerInzage), "Ter inzage bij ouders"),
        (nameof(DossierStatus.Ingezien), "Ingezien, nog niet vrijgegeven"), (nameof(DossierStatus.Vrijgegeven), "Vrijgegeven"),
        (nameof(DossierStatus.Opgevraagd), "Vrijgegeven en opgevraagd"),
    ];

    /// <summary>Search text (posted: a name or number never goes into the address, the browser's history or a log).</summary>
    [BindProperty(Name = "zoek")]
    public string? Zoek { get; set; }

    /// <summary>Status filter.</summary>
    [BindProperty(SupportsGet = true, Name = "status")]
    public DossierStatus? Status { get; set; }

    /// <summary>Group filter ("-": pupils without a group).</summary>
    [BindProperty(SupportsGet = true, Name = "groep")]
    public string? Groep { get; set; }

    /// <summary>Only dossiers with errors.</summary>
    [BindProperty(SupportsGet = true, Name = "fouten")]
    public bool MetFouten { get; set; }

    /// <summary>Only pupils other schools are waiting for.</summary>
    [BindProperty(SupportsGet = true, Name = "verzoeken")]
    public bool MetVerzoeken { get; set; }

    /// <summary>The column sorted on.</summary>
    [BindProperty(SupportsGet = true, Name = "sorteer")]
    public Sortering Sorteer { get; set; }

    /// <summary>Reverse order.</summary>
    [BindProperty(SupportsGet = true, Name = "aflopend")]
    public bool Aflopend { get; set; }

    /// <summary>The rows.</summary>
    public IReadOnlyList<DossierRow> Rijen { get; private set; } = [];

    /// <summary>Every group's progress.</summary>
    public IReadOnlyList<GroepVoortgang> Groepen { get; private set; } = [];

    /// <summary>The filter as applied.</summary>
    public DossierFilter Filter => new(Zoek, Status, string.IsNullOrWhiteSpace(Groep) ? null : Groep.Trim(), MetFouten, MetVerzoeken, Sorteer, Aflopend);

    /// <summary>A search or filter is active.</summary>
    public bool Gefilterd => Filter.Gefilterd;

    /// <summary>What the list shows, in words (for the bulk action's record): "groep 8A, ingezien". No personal data.</summary>
    public string Beschrijving => string.Join(", ", new[]
    {
        Filter.Groep is { } g ? (g == DossierFilter.ZonderGroep ? "zonder groep" : "groep " + g) : null,
        Status is { } s ? Statussen.First(x => x.Value == s.ToString()).Text.ToLowerInvariant() : null,
        MetFouten ? "met fouten" : null, MetVerzoeken ? "met wachtende verzoeken" : null,
        string.IsNullOrWhiteSpace(Zoek) ? null : "zoekresultaat",
    }.OfType<string>()) is { Length: > 0 } text ? text : "alle dossiers";

    /// <inheritdoc />
    protected override string Titel => "Dossiers";

    /// <summary>Shows the list (filters from the address: links from the overview and the column headers).</summary>
    public Task OnGetAsync() => LoadAsync();

    /// <summary>Searches.</summary>
    public Task OnPostAsync() => LoadAsync();

    /// <summary>The address of this list with one setting changed (filters and order are in the address; the search text never is).</summary>
    public string Link(string? groep = "", DossierStatus? status = null, bool? fouten = null, bool? verzoeken = null, Sortering? sorteer = null, bool? aflopend = null)
    {
        var parts = new List<string>();
        var g = groep == "" ? Filter.Groep : groep;
        if (g is not null) parts.Add("groep=" + Uri.EscapeDataString(g));
        if ((status ?? Status) is { } s) parts.Add("status=" + s);
        if (fouten ?? MetFouten) parts.Add("fouten=true");
        if (verzoeken ?? MetVerzoeken) parts.Add("verzoeken=true");
        if ((sorteer ?? Sorteer) is var o and not Sortering.Naam) parts.Add("sorteer=" + o);
        if (aflopend ?? Aflopend) parts.Add("aflopend=true");
        return $"/scholen/{Brin}/dossiers" + (parts.Count == 0 ? "" : "?" + string.Join('&', parts));
    }

    /// <summary>The link of a column header: sorts on it, or reverses when it is the current column.</summary>
    public string SortLink(Sortering column) => Link(sorteer: column, aflopend: column == Sorteer && !Aflopend);

    /// <summary><c>aria-sort</c> for a column header.</summary>
    public string? AriaSort(Sortering column) => column != Sorteer ? null : Aflopend ? "descending" : "ascending";

    private async Task LoadAsync()
    {
        Rijen = await overview.ListAsync(Brin, Filter, Staff.Actor, HttpContext.RequestAborted);
        Groepen = await overview.GroupsAsync(Brin, HttpContext.RequestAborted);
    }
}
