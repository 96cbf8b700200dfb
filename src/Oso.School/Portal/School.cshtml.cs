using Microsoft.EntityFrameworkCore;
using Oso.School.Doel;
using Oso.School.Portal.Dossiers;
using Oso.School.Storage;

namespace Oso.School.Portal;

/// <summary>
/// The school's overview, for what the school does: a primary school mainly sends (its groups' progress and the
/// requests waiting for a release come first), a secondary school mainly receives (aanmeldingen, running and failed
/// requests, dossiers to import come first; as bron for VO→VO only when it has dossiers to send). Counts only.
/// </summary>
public sealed class SchoolModel(DossierOverview dossiers, SchoolStore store) : PortalPageModel
{
    /// <summary>Every group's progress (as bron).</summary>
    public IReadOnlyList<GroepVoortgang> Groepen { get; private set; } = [];

    /// <summary>Refused requests waiting for a release.</summary>
    public int Wachtend { get; private set; }

    /// <summary>Pupils whose dossier has errors.</summary>
    public int MetFouten { get; private set; }

    /// <summary>Aanmeldingen.</summary>
    public int Aanmeldingen { get; private set; }

    /// <summary>Requests still running (queued or busy).</summary>
    public int Lopend { get; private set; }

    /// <summary>Aanmeldingen whose latest request ended without a dossier.</summary>
    public int ZonderDossier { get; private set; }

    /// <summary>Received dossiers not imported yet.</summary>
    public int NieuwOntvangen { get; private set; }

    /// <summary>The school mainly receives (VO): the doel part comes first.</summary>
    public bool Ontvangend => Sector == "VO";

    /// <summary>Pupils the school has as bron.</summary>
    public int Leerlingen => Groepen.Sum(g => g.Totaal);

    /// <inheritdoc />
    protected override string Titel => "Overzicht";

    /// <summary>Shows the counts.</summary>
    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Groepen = await dossiers.GroupsAsync(Brin, ct);
        MetFouten = Groepen.Sum(g => g.Fouten);
        await using var db = store.Read();
        Wachtend = await db.IncomingRequests.CountAsync(r => r.Brin == Brin && r.AwaitingNotification, ct);
        Aanmeldingen = await db.Aanmeldingen.CountAsync(a => a.Brin == Brin, ct);
        var requests = await db.TransferRequests.AsNoTracking().Where(r => r.Brin == Brin)
            .Select(r => new { r.Id, r.AanmeldingId, r.Status, r.CreatedAt }).ToListAsync(ct);
        Lopend = requests.Count(r => r.Status is TransferStatus.Wachtrij or TransferStatus.Bezig);
        var received = (await db.ReceivedDossiers.AsNoTracking().Where(d => d.Brin == Brin).Select(d => d.RequestId).ToListAsync(ct)).ToHashSet();
        // aanmeldingen whose latest request ended without a dossier: staff must ask again or call the previous school
        ZonderDossier = requests.GroupBy(r => r.AanmeldingId).Select(g => g.MaxBy(r => r.CreatedAt)!)
            .Count(r => r.Status is TransferStatus.Klaar or TransferStatus.Mislukt && !received.Contains(r.Id));
        NieuwOntvangen = await db.ReceivedDossiers.CountAsync(d => d.Brin == Brin && d.ImportedAt == null, ct);
    }
}
