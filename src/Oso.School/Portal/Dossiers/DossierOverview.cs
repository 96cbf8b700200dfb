using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Oso.Dossier.Validation;
using Oso.Protocol.Results;
using Oso.School.Audit;
using Oso.School.Crypto;
using Oso.School.Storage;
using static Oso.School.Crypto.ProtectedDossiers;

namespace Oso.School.Portal.Dossiers;

/// <summary>Where a pupil's dossier stands, as the list shows it.</summary>
public enum DossierStatus
{
    /// <summary>Delivered or composed; parents not asked yet.</summary>
    Concept,

    /// <summary>A personal link went to the parents; no answer yet.</summary>
    TerInzage,

    /// <summary>Parents (or the pupil) have seen it; not released since.</summary>
    Ingezien,

    /// <summary>Released, and the draft not changed since.</summary>
    Vrijgegeven,

    /// <summary>Released, not changed since, and received by at least one other school.</summary>
    Opgevraagd,
}

/// <summary>One pupil in the school's list.</summary>
public sealed record DossierRow(Guid PupilId, PupilIdentity Identity, DossierStatus Status, int? Versie, bool GewijzigdNaVrijgave, IReadOnlyList<string> VerstrektAan,
    int Fouten, int Waarschuwingen, DateTimeOffset Bijgewerkt, DraftInzage Inzage)
{
    /// <summary>Requests of other schools waiting for this pupil's release.</summary>
    public int WachtendeVerzoeken { get; init; }

    /// <summary>The pupil's group ("8A"), or null when the dossier does not say.</summary>
    public string? Groep => Identity.Groep;

    /// <summary>The status in Dutch.</summary>
    public string StatusText => Status switch
    {
        DossierStatus.Opgevraagd => $"opgevraagd (v{Versie})",
        DossierStatus.Vrijgegeven => $"vrijgegeven (v{Versie})",
        DossierStatus.Ingezien => Inzage.Akkoord == "Nee" ? "ingezien, niet akkoord" : "ingezien",
        DossierStatus.TerInzage => "ter inzage",
        _ => "concept",
    };

    /// <summary>ok, warn or bad (with the text, never colour alone).</summary>
    public string StatusClass => Status switch
    {
        DossierStatus.Vrijgegeven or DossierStatus.Opgevraagd => "ok",
        DossierStatus.Ingezien or DossierStatus.TerInzage => "warn",
        _ => "",
    };
}

/// <summary>A release of a pupil's dossier.</summary>
public sealed record ReleaseInfo(Guid Id, int Versie, DateTimeOffset Op, string Door, IReadOnlyList<string> OptOut, bool Actueel);

/// <summary>A delivery to another school.</summary>
public sealed record DisclosureInfo(string DoelBrin, string? DoelNaam, DateTimeOffset Op, string Profiel, int? Versie, Bron.Ontvangst Ontvangst);

/// <summary>A documentRequest another school made, and its outcome.</summary>
public sealed record RequestInfo(Guid Id, string DoelBrin, string? DoelNaam, DateTimeOffset Ontvangen, string Resultaat, string Toelichting, bool WachtOpVrijgave,
    DateTimeOffset? GenotificeerdOp, Guid? PupilId, string? Naam)
{
    /// <summary>
    /// Where the message to the doel stands when it was queued but not delivered: being retried (with the last error), or
    /// given up (with why, and who must act). Null when no message was queued or it was delivered.
    /// </summary>
    public string? Bericht { get; init; }

    /// <summary>Whether the dossier went.</summary>
    public bool Geleverd => Resultaat == nameof(ResultaatCode.OverdrachtGeslaagd);
}

/// <summary>Everything the pupil's page shows.</summary>
public sealed record PupilDetail(DossierRow Row, Dossier.Model.Dossier Dossier, ValidationReport Report, string BijgewerktDoor, IReadOnlyList<ReleaseInfo> Releases,
    IReadOnlyList<DisclosureInfo> Verstrekkingen, IReadOnlyList<RequestInfo> Verzoeken);

/// <summary>
/// The school's dossiers as bron, for staff: the list with status (concept, ter inzage, ingezien, vrijgegeven, verstrekt
/// aan …), a pupil's page, and the requests other schools made. Reads the same stored data the bron services write;
/// every view of pupil data is audited as the staff member.
/// </summary>
public sealed class DossierOverview(SchoolStore store, ProtectedDossiers crypto, AuditLog audit, DossierValidator validator, TimeProvider time)
{
    // the inzage block of each draft, by the draft's last change: a list of many pupils decrypts only what changed
    private readonly ConcurrentDictionary<Guid, (DateTimeOffset UpdatedAt, DraftInzage Inzage)> _inzage = new();

    /// <summary>The school's pupils, filtered (search text on name, BSN/onderwijsnummer or LAS number; status; group; errors; waiting requests) and sorted.</summary>
    public async Task<IReadOnlyList<DossierRow>> ListAsync(string brin, DossierFilter filter, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(filter);
        List<DossierRow> rows;
        Guid? lasPupil = null;
        await using (var db = store.Read())
        {
            rows = await RowsAsync(db, brin, null, cancellationToken).ConfigureAwait(false);
            if (filter.Zoek?.Trim() is { Length: > 0 } zoek)
            {
                var index = crypto.Index(brin, "las", zoek);
                lasPupil = await db.Pupils.Where(p => p.Brin == brin && p.LasIdIndex == index).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(cancellationToken)
                    .ConfigureAwait(false);
            }
        }
        var shown = filter.Apply(rows, lasPupil);
        await store.WriteAsync(db => audit.RecordAsync(db, brin, actor, "dossiers.lijst", "Een medewerker bekijkt de lijst met overstapdossiers.",
            detail: "getoond=" + shown.Count, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
        return shown;
    }

    /// <summary>Every group of the school with its pupils' counts per status (no personal data: not audited as a view).</summary>
    public async Task<IReadOnlyList<GroepVoortgang>> GroupsAsync(string brin, CancellationToken cancellationToken = default)
    {
        await using var db = store.Read();
        return GroepVoortgang.Of(await RowsAsync(db, brin, null, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Rows of chosen pupils of the school (for a bulk action's plan), in name order; unknown ids are left out.</summary>
    internal async Task<IReadOnlyList<DossierRow>> RowsAsync(string brin, IReadOnlyCollection<Guid> pupils, CancellationToken cancellationToken = default)
    {
        await using var db = store.Read();
        var wanted = pupils.ToHashSet();
        var only = wanted.Count == 1 ? wanted.First() : (Guid?)null; // one pupil (a bulk action's step): read only that pupil
        return (await RowsAsync(db, brin, only, cancellationToken).ConfigureAwait(false)).Where(r => wanted.Contains(r.PupilId))
            .OrderBy(r => r.Identity.Naam, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>How many dossiers have each status (no personal data leaves: not audited as a view).</summary>
    public async Task<IReadOnlyDictionary<DossierStatus, int>> CountsAsync(string brin, CancellationToken cancellationToken = default)
    {
        await using var db = store.Read();
        var rows = await RowsAsync(db, brin, null, cancellationToken).ConfigureAwait(false);
        return Enum.GetValues<DossierStatus>().ToDictionary(s => s, s => rows.Count(r => r.Status == s));
    }

    /// <summary>A pupil's page (audited as a view of the dossier), or null when the school has no such pupil.</summary>
    public async Task<PupilDetail?> PupilAsync(string brin, Guid pupilId, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return await store.WriteAsync(async db =>
        {
            var row = (await RowsAsync(db, brin, pupilId, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
            if (row is null) return null;
            var draft = await db.Drafts.AsNoTracking().FirstAsync(d => d.PupilId == pupilId, cancellationToken).ConfigureAwait(false);
            var xml = crypto.Xml(brin, draft.Xml, Contexts.Draft(pupilId));
            var report = validator.Validate(new MemoryStream(xml), cancellationToken);
            var dossier = Oso.Dossier.DossierReader.ReadDossier(new MemoryStream(xml));
            var releases = await db.Releases.AsNoTracking().Where(r => r.PupilId == pupilId && r.Brin == brin).OrderByDescending(r => r.Version)
                .Select(r => new { r.Id, r.Version, r.ReleasedAt, r.ReleasedBy, r.OptOut, r.SupersededAt }).ToListAsync(cancellationToken).ConfigureAwait(false);
            var names = await ActorNames.DescribeAsync(db, releases.Select(r => r.ReleasedBy).Append(draft.UpdatedBy), cancellationToken).ConfigureAwait(false);
            var disclosures = await DisclosuresAsync(db, brin, pupilId, cancellationToken).ConfigureAwait(false);
            var requests = await RequestRowsAsync(db, brin, pupilId, cancellationToken).ConfigureAwait(false);
            await audit.RecordAsync(db, brin, actor, "dossier.ingezien", "Een medewerker bekijkt het overstapdossier.", pupilId.ToString(),
                cancellationToken: cancellationToken).ConfigureAwait(false);
            return new PupilDetail(row, dossier, report, names[draft.UpdatedBy],
                releases.Select(r => new ReleaseInfo(r.Id, r.Version, r.ReleasedAt, names[r.ReleasedBy],
                    r.OptOut.Split(',', StringSplitOptions.RemoveEmptyEntries), r.SupersededAt is null)).ToList(),
                disclosures, requests);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>When the pupil's draft was last changed, or null when the school has no such pupil.</summary>
    public async Task<DateTimeOffset?> CurrentDraftAsync(string brin, Guid pupilId, CancellationToken cancellationToken = default)
    {
        await using var db = store.Read();
        return await db.Drafts.AsNoTracking().Where(d => d.PupilId == pupilId && db.Pupils.Any(p => p.Id == pupilId && p.Brin == brin))
            .Select(d => (DateTimeOffset?)d.UpdatedAt).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The pupil's current release: its version and opt-outs, and whether the draft changed since; null when never released.</summary>
    public async Task<(int Version, IReadOnlyList<string> OptOut, bool Changed)?> CurrentReleaseAsync(string brin, Guid pupilId, CancellationToken cancellationToken = default)
    {
        await using var db = store.Read();
        var release = await db.Releases.AsNoTracking().Where(r => r.Brin == brin && r.PupilId == pupilId && r.SupersededAt == null)
            .Select(r => new { r.Version, r.OptOut, r.ReleasedAt }).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (release is null) return null;
        var updated = await db.Drafts.AsNoTracking().Where(d => d.PupilId == pupilId).Select(d => d.UpdatedAt).FirstAsync(cancellationToken).ConfigureAwait(false);
        return (release.Version, release.OptOut.Split(',', StringSplitOptions.RemoveEmptyEntries), updated > release.ReleasedAt);
    }

    /// <summary>The documentRequests other schools made of this school, newest first (audited: names of pupils are shown).</summary>
    public async Task<IReadOnlyList<RequestInfo>> RequestsAsync(string brin, Actor actor, CancellationToken cancellationToken = default) =>
        await store.WriteAsync<IReadOnlyList<RequestInfo>>(async db =>
        {
            var rows = await RequestRowsAsync(db, brin, null, cancellationToken).ConfigureAwait(false);
            await audit.RecordAsync(db, brin, actor, "verzoeken.lijst", "Een medewerker bekijkt de ontvangen verzoeken om dossiers.",
                detail: "getoond=" + rows.Count, cancellationToken: cancellationToken).ConfigureAwait(false);
            return rows;
        }, cancellationToken).ConfigureAwait(false);

    private async Task<List<DossierRow>> RowsAsync(SchoolDbContext db, string brin, Guid? only, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var pupils = await db.Pupils.AsNoTracking().Where(p => p.Brin == brin && (only == null || p.Id == only))
            .Join(db.Drafts.AsNoTracking(), p => p.Id, d => d.PupilId, (p, d) => new { p.Id, p.Identity, p.PgnIndex, d.UpdatedAt, d.Fouten, d.Waarschuwingen })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var ids = pupils.Select(p => p.Id).ToList();
        var releases = await db.Releases.AsNoTracking().Where(r => r.Brin == brin && r.SupersededAt == null && (only == null || r.PupilId == only))
            .Select(r => new { r.PupilId, r.Version, r.ReleasedAt }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var released = releases.GroupBy(r => r.PupilId).ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.Version).First());
        var disclosed = (await db.Disclosures.AsNoTracking().Where(d => d.Brin == brin && (only == null || d.PupilId == only))
                .Select(d => new { d.PupilId, d.DoelBrin }).ToListAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(d => d.PupilId).ToDictionary(g => g.Key, g => g.Select(d => d.DoelBrin).Distinct().Order(StringComparer.Ordinal).ToList());
        var linked = (await db.ParentLinks.AsNoTracking().Where(l => l.Brin == brin && l.RevokedAt == null && (only == null || l.PupilId == only))
                .Select(l => new { l.PupilId, l.ExpiresAt }).ToListAsync(cancellationToken).ConfigureAwait(false))
            .Where(l => l.ExpiresAt > now).Select(l => l.PupilId).ToHashSet();
        var waiting = await db.IncomingRequests.AsNoTracking().Where(r => r.Brin == brin && r.AwaitingNotification)
            .Select(r => new { r.PupilId, r.PgnIndex }).ToListAsync(cancellationToken).ConfigureAwait(false);

        // only drafts changed since they were last read are decrypted here
        var stale = pupils.Where(p => !_inzage.TryGetValue(p.Id, out var c) || c.UpdatedAt != p.UpdatedAt).Select(p => p.Id).ToList();
        foreach (var chunk in stale.Chunk(50))
        {
            var drafts = await db.Drafts.AsNoTracking().Where(d => chunk.Contains(d.PupilId)).Select(d => new { d.PupilId, d.UpdatedAt, d.Xml })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var d in drafts)
                _inzage[d.PupilId] = (d.UpdatedAt, DraftInzage.Read(crypto.Xml(brin, d.Xml, Contexts.Draft(d.PupilId))));
        }

        return pupils.Select(p =>
        {
            var identity = crypto.Json<PupilIdentity>(brin, p.Identity, Contexts.PupilIdentity(p.Id));
            var inzage = _inzage.TryGetValue(p.Id, out var c) ? c.Inzage : DraftInzage.None;
            var release = released.GetValueOrDefault(p.Id);
            var changed = release is not null && p.UpdatedAt > release.ReleasedAt;
            var verstrekt = disclosed.GetValueOrDefault(p.Id) ?? [];
            var status = release is not null && !changed ? (verstrekt.Count > 0 ? DossierStatus.Opgevraagd : DossierStatus.Vrijgegeven)
                : inzage.Ingezien ? DossierStatus.Ingezien
                : linked.Contains(p.Id) ? DossierStatus.TerInzage
                : DossierStatus.Concept;
            return new DossierRow(p.Id, identity, status, release?.Version, changed, verstrekt, p.Fouten, p.Waarschuwingen, p.UpdatedAt, inzage)
            {
                WachtendeVerzoeken = waiting.Count(r => r.PupilId == p.Id || (p.PgnIndex is not null && r.PgnIndex == p.PgnIndex)),
            };
        }).ToList();
    }

    internal static async Task<IReadOnlyList<DisclosureInfo>> DisclosuresAsync(SchoolDbContext db, string brin, Guid pupilId, CancellationToken cancellationToken)
    {
        var rows = await (from d in db.Disclosures.AsNoTracking()
                          join r in db.Releases.AsNoTracking() on d.ReleaseId equals r.Id into releases
                          from r in releases.DefaultIfEmpty()
                          where d.PupilId == pupilId && d.Brin == brin
                          select new { d.DoelBrin, d.At, d.Profiel, Versie = (int?)r.Version, d.OntvangstStatus, d.OntvangenDoor, d.OntvangenOp })
                          .ToListAsync(cancellationToken).ConfigureAwait(false);
        var names = await SchoolNamesAsync(db, rows.Select(r => r.DoelBrin), cancellationToken).ConfigureAwait(false);
        return rows.OrderByDescending(r => r.At).Select(r => new DisclosureInfo(r.DoelBrin, names.GetValueOrDefault(r.DoelBrin), r.At, r.Profiel, r.Versie,
            Bron.Ontvangst.Of(r.OntvangstStatus, r.OntvangenDoor, r.OntvangenOp))).ToList();
    }

    private async Task<List<RequestInfo>> RequestRowsAsync(SchoolDbContext db, string brin, Guid? pupilId, CancellationToken cancellationToken)
    {
        var rows = await db.IncomingRequests.AsNoTracking().Where(r => r.Brin == brin && (pupilId == null || r.PupilId == pupilId))
            .OrderByDescending(r => r.ReceivedAt).Take(200).ToListAsync(cancellationToken).ConfigureAwait(false);
        var names = await SchoolNamesAsync(db, rows.Select(r => r.DoelBrin), cancellationToken).ConfigureAwait(false);
        var pupilIds = rows.Where(r => r.PupilId is not null).Select(r => r.PupilId!.Value).Distinct().ToList();
        var identities = (await db.Pupils.AsNoTracking().Where(p => p.Brin == brin && pupilIds.Contains(p.Id)).Select(p => new { p.Id, p.Identity })
                .ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToDictionary(p => p.Id, p => crypto.Json<PupilIdentity>(brin, p.Identity, Contexts.PupilIdentity(p.Id)).Naam);
        // notifications queued after a release but not (yet) delivered: their outbox message says why
        var keys = rows.Where(r => r.NotifiedAt is null && !r.AwaitingNotification).Select(r => Bron.NotificationSender.Key(r.Id)).ToList();
        var messages = keys.Count == 0 ? new Dictionary<string, Outbox.OutboxMessage>() : await db.Outbox.AsNoTracking().Where(m => keys.Contains(m.IdempotencyKey))
            .ToDictionaryAsync(m => m.IdempotencyKey, cancellationToken).ConfigureAwait(false);
        return rows.Select(r => new RequestInfo(r.Id, r.DoelBrin, names.GetValueOrDefault(r.DoelBrin), r.ReceivedAt, r.Resultaat,
            ResultaatWoorden.Uitleg(r.Resultaat, Betrokkene.Bronschool) ?? ResultaatWoorden.Kort(r.Resultaat), r.AwaitingNotification, r.NotifiedAt, r.PupilId,
            r.PupilId is { } id ? identities.GetValueOrDefault(id) : null)
        {
            Bericht = messages.GetValueOrDefault(Bron.NotificationSender.Key(r.Id)) is { } m ? NotificationState(m) : null,
        }).ToList();
    }

    private static string? NotificationState(Outbox.OutboxMessage m)
    {
        if (m.FailedAt is { } failed)
        {
            return $"Het bericht dat het dossier nu beschikbaar is, kon niet worden bezorgd (opgegeven op {Dutch.Moment(failed)}: {m.LastError}). "
                + "Actie voor u: laat die school weten dat het dossier klaarstaat; zij kunnen het opnieuw opvragen.";
        }
        if (m.CompletedAt is not null) return null;
        return m.LastError is not null
            ? $"Bericht dat het dossier nu beschikbaar is, nog niet bezorgd; de node probeert het opnieuw (poging {m.Attempts}: {m.LastError})."
            : "Bericht dat het dossier nu beschikbaar is, wordt verstuurd.";
    }

    internal static async Task<Dictionary<string, string>> SchoolNamesAsync(SchoolDbContext db, IEnumerable<string> brins, CancellationToken cancellationToken)
    {
        var list = brins.Distinct().ToList();
        // the schools on this node, else the register's list the node keeps
        var names = await db.RegisterSchools.AsNoTracking().Where(s => list.Contains(s.Brin)).ToDictionaryAsync(s => s.Brin, s => s.Naam, cancellationToken).ConfigureAwait(false);
        foreach (var t in await db.Tenants.AsNoTracking().Where(t => list.Contains(t.Brin)).Select(t => new { t.Brin, t.Naam }).ToListAsync(cancellationToken).ConfigureAwait(false))
            names[t.Brin] = t.Naam;
        return names;
    }
}
