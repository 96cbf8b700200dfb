using Microsoft.EntityFrameworkCore;
using Oso.School.Portal.Dossiers;
using Oso.School.Storage;

namespace Oso.School.Portal;

/// <summary>The school's overview: what waits, as bron and as doel (counts only).</summary>
public sealed class SchoolModel(DossierOverview dossiers, SchoolStore store) : PortalPageModel
{
    /// <summary>Dossiers per status.</summary>
    public IReadOnlyDictionary<DossierStatus, int> Aantallen { get; private set; } = new Dictionary<DossierStatus, int>();

    /// <summary>Refused requests waiting for a release.</summary>
    public int Wachtend { get; private set; }

    /// <summary>Aanmeldingen.</summary>
    public int Aanmeldingen { get; private set; }

    /// <summary>Received dossiers not imported yet.</summary>
    public int NieuwOntvangen { get; private set; }

    /// <inheritdoc />
    protected override string Titel => "Overzicht";

    /// <summary>Shows the counts.</summary>
    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Aantallen = await dossiers.CountsAsync(Brin, ct);
        await using var db = store.Read();
        Wachtend = await db.IncomingRequests.CountAsync(r => r.Brin == Brin && r.AwaitingNotification, ct);
        Aanmeldingen = await db.Aanmeldingen.CountAsync(a => a.Brin == Brin, ct);
        NieuwOntvangen = await db.ReceivedDossiers.CountAsync(d => d.Brin == Brin && d.ImportedAt == null, ct);
    }
}
