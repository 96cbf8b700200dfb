namespace Oso.School.Portal.Swv;

/// <summary>
/// The SWV flow for staff. At an SWV: the incoming SWV dossiers and their status. At a school: the SWV dossiers it sent
/// and the terugkoppelingen that came back.
/// </summary>
public sealed class IndexModel(SwvOverview overview) : PortalPageModel
{
    /// <summary>At an SWV: the incoming dossiers.</summary>
    public IReadOnlyList<IncomingSwvDossier> Binnen { get; private set; } = [];

    /// <summary>At a school: the dossiers sent.</summary>
    public IReadOnlyList<SentSwvDossier> Verstuurd { get; private set; } = [];

    /// <inheritdoc />
    protected override string Titel => "Samenwerkingsverband";

    /// <summary>Shows the list.</summary>
    public async Task OnGetAsync()
    {
        if (Sector == "SWV") Binnen = await overview.IncomingAsync(Brin, HttpContext.RequestAborted);
        else Verstuurd = await overview.SentAsync(Brin, cancellationToken: HttpContext.RequestAborted);
    }

    /// <summary>An incoming dossier's status in words.</summary>
    public static string Status(string status) => status switch
    {
        Oso.School.Swv.SwvReceiptStatus.Wachtrij => "wordt opgehaald",
        Oso.School.Swv.SwvReceiptStatus.Ontvangen => "ontvangen",
        _ => "niet ontvangen",
    };

    /// <summary>A sent dossier's status in words.</summary>
    public static string Verzendstatus(string status) => status switch
    {
        Oso.School.Swv.SwvSendingStatus.Wachtrij => "in de wachtrij",
        Oso.School.Swv.SwvSendingStatus.Gemeld => "gemeld; het samenwerkingsverband haalt het op",
        Oso.School.Swv.SwvSendingStatus.Opgehaald => "opgehaald door het samenwerkingsverband",
        _ => "mislukt",
    };
}
