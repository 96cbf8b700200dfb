using Microsoft.EntityFrameworkCore;
using Oso.School.Audit;
using Oso.School.Crypto;
using Oso.School.Outbox;
using Oso.School.Parents;
using Oso.School.Portal.Dossiers;
using Oso.School.Storage;
using static Oso.School.Crypto.ProtectedDossiers;

namespace Oso.School.Bulk;

/// <summary>What a bulk action will do (or did not do) for one pupil, as the confirmation page lists it.</summary>
/// <param name="PupilId">The pupil.</param>
/// <param name="Naam">Their name.</param>
/// <param name="Groep">Their group.</param>
/// <param name="Doen">Whether the action will be carried out for them.</param>
/// <param name="Wat">What will happen, or why not (Dutch; may name the parents' addresses: shown to staff only).</param>
public sealed record BulkPlanRow(Guid PupilId, string Naam, string? Groep, bool Doen, string Wat);

/// <summary>A bulk action's plan: every chosen pupil, what will happen to each.</summary>
/// <param name="Kind">The action.</param>
/// <param name="Rijen">One row per pupil, in name order.</param>
public sealed record BulkPlan(BulkKind Kind, IReadOnlyList<BulkPlanRow> Rijen)
{
    /// <summary>How many pupils the action will be carried out for.</summary>
    public int Aantal => Rijen.Count(r => r.Doen);
}

/// <summary>One pupil of a running or finished bulk action.</summary>
public sealed record BulkItemView(Guid PupilId, string Naam, string? Groep, BulkItemState State, string? Result);

/// <summary>A bulk action as its page shows it.</summary>
public sealed record BulkJobView(Guid Id, BulkKind Kind, string? Beschrijving, DateTimeOffset Aangemaakt, string Door, IReadOnlyList<BulkItemView> Items)
{
    /// <summary>Pupils whose part is finished (done, skipped or failed).</summary>
    public int Afgerond => Items.Count(i => i.State != BulkItemState.Wachtrij);

    /// <summary>Still running.</summary>
    public bool Bezig => Afgerond < Items.Count;

    /// <summary>How many are in a state.</summary>
    public int Aantal(BulkItemState state) => Items.Count(i => i.State == state);
}

/// <summary>Progress without names (polled by the page while the action runs).</summary>
public sealed record BulkProgress(int Afgerond, int Totaal, int Klaar, int Overgeslagen, int Mislukt);

/// <summary>
/// Bulk actions on the school's dossiers as bron: a plan first (what will happen to whom, and why not for the others),
/// then — once a staff member confirms — one outbox message per pupil, so a long action survives a restart, shows its
/// progress, and a failure for one pupil neither stops nor undoes the others. Each change is made (and audited) by the
/// services a single pupil's page uses, as the staff member who confirmed it.
/// </summary>
public sealed class BulkActions(SchoolStore store, ProtectedDossiers crypto, DossierOverview overview, AuditLog audit, OutboxQueue outbox,
    TimeProvider time)
{
    /// <summary>What the action would do for each of these pupils of the school (pupils not of this school are left out). Audited as a list view.</summary>
    public async Task<BulkPlan> PlanAsync(string brin, BulkKind kind, IReadOnlyCollection<Guid> pupils, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var rows = await overview.RowsAsync(brin, pupils, cancellationToken).ConfigureAwait(false);
        var sector = await SectorAsync(brin, cancellationToken).ConfigureAwait(false);
        var plan = new List<BulkPlanRow>();
        foreach (var row in rows)
        {
            var addresses = kind == BulkKind.OuderLinks ? await AddressesAsync(brin, row.PupilId, cancellationToken).ConfigureAwait(false) : [];
            var (doen, wat) = Decide(kind, row, addresses, sector);
            plan.Add(new BulkPlanRow(row.PupilId, Name(row), row.Groep, doen, wat));
        }
        await store.WriteAsync(db => audit.RecordAsync(db, brin, actor, "dossiers.lijst", "Een medewerker bekijkt wat een actie voor een groep leerlingen doet.",
            detail: $"actie={kind};getoond={plan.Count}", cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
        return new BulkPlan(kind, plan);
    }

    /// <summary>
    /// Starts the action for these pupils as confirmed by <paramref name="userId"/>: the plan is made again (things may
    /// have changed since the confirmation page), pupils it skips are recorded as skipped with the reason, the others queued.
    /// </summary>
    public async Task<Guid> StartAsync(string brin, BulkKind kind, IReadOnlyCollection<Guid> pupils, string userId, string? description,
        CancellationToken cancellationToken = default)
    {
        var actor = Actor.Medewerker(userId);
        var rows = await overview.RowsAsync(brin, pupils, cancellationToken).ConfigureAwait(false);
        var sector = await SectorAsync(brin, cancellationToken).ConfigureAwait(false);
        var decided = new List<(Guid PupilId, bool Doen, string Wat)>();
        foreach (var row in rows)
        {
            var addresses = kind == BulkKind.OuderLinks ? await AddressesAsync(brin, row.PupilId, cancellationToken).ConfigureAwait(false) : [];
            var (doen, wat) = Decide(kind, row, addresses, sector);
            decided.Add((row.PupilId, doen, doen ? "" : wat));
        }
        var id = Guid.NewGuid();
        await store.WriteAsync(async db =>
        {
            var now = time.GetUtcNow();
            db.BulkJobs.Add(new BulkJob { Id = id, Brin = brin, Kind = kind, UserId = userId, CreatedAt = now, Description = description });
            foreach (var (pupilId, doen, wat) in decided)
            {
                db.BulkJobItems.Add(new BulkJobItem
                {
                    JobId = id, PupilId = pupilId, State = doen ? BulkItemState.Wachtrij : BulkItemState.Overgeslagen,
                    Result = doen ? null : wat, FinishedAt = doen ? null : now,
                });
                if (doen)
                    await outbox.EnqueueAsync(db, BulkRunner.Kind, new BulkRunner.Payload(id, pupilId), BulkRunner.Key(id, pupilId), cancellationToken: cancellationToken)
                        .ConfigureAwait(false);
            }
            await audit.RecordAsync(db, brin, actor, "werklijst.actie", "Een medewerker start een actie voor een groep leerlingen.",
                detail: $"actie={kind};taak={id};leerlingen={decided.Count(d => d.Doen)};overgeslagen={decided.Count(d => !d.Doen)}",
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return id;
    }

    /// <summary>The action with every pupil's outcome (names shown: audited as a list view), or null when the school has no such action.</summary>
    public async Task<BulkJobView?> JobAsync(string brin, Guid jobId, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return await store.WriteAsync(async db =>
        {
            var job = await db.BulkJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId && j.Brin == brin, cancellationToken).ConfigureAwait(false);
            if (job is null) return null;
            var items = await db.BulkJobItems.AsNoTracking().Where(i => i.JobId == jobId).ToListAsync(cancellationToken).ConfigureAwait(false);
            var ids = items.Select(i => i.PupilId).ToList();
            var identities = (await db.Pupils.AsNoTracking().Where(p => p.Brin == brin && ids.Contains(p.Id)).Select(p => new { p.Id, p.Identity })
                    .ToListAsync(cancellationToken).ConfigureAwait(false))
                .ToDictionary(p => p.Id, p => crypto.Json<PupilIdentity>(brin, p.Identity, Contexts.PupilIdentity(p.Id)));
            var door = await db.Users.AsNoTracking().Where(u => u.Id == job.UserId).Select(u => u.Naam).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            await audit.RecordAsync(db, brin, actor, "dossiers.lijst", "Een medewerker bekijkt de uitkomst van een actie voor een groep leerlingen.",
                detail: $"taak={jobId};getoond={items.Count}", cancellationToken: cancellationToken).ConfigureAwait(false);
            var views = items.Select(i =>
            {
                var identity = identities.GetValueOrDefault(i.PupilId);
                return new BulkItemView(i.PupilId, string.IsNullOrWhiteSpace(identity?.Naam) ? "(naam onbekend)" : identity.Naam, identity?.Groep, i.State, i.Result);
            }).OrderBy(v => v.Naam, StringComparer.OrdinalIgnoreCase).ToList();
            return new BulkJobView(job.Id, job.Kind, job.Description, job.CreatedAt, door ?? "een medewerker", views);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>How far the action is (counts only, not audited), or null.</summary>
    public async Task<BulkProgress?> ProgressAsync(string brin, Guid jobId, CancellationToken cancellationToken = default)
    {
        await using var db = store.Read();
        if (!await db.BulkJobs.AnyAsync(j => j.Id == jobId && j.Brin == brin, cancellationToken).ConfigureAwait(false)) return null;
        var states = await db.BulkJobItems.AsNoTracking().Where(i => i.JobId == jobId).Select(i => i.State).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new BulkProgress(states.Count(s => s != BulkItemState.Wachtrij), states.Count, states.Count(s => s == BulkItemState.Klaar),
            states.Count(s => s == BulkItemState.Overgeslagen), states.Count(s => s == BulkItemState.Mislukt));
    }

    /// <summary>
    /// Whether the action applies to a pupil, and what it will do or why not — the same rule on the confirmation page,
    /// when the action starts, and when each pupil's turn comes.
    /// </summary>
    internal static (bool Doen, string Wat) Decide(BulkKind kind, DossierRow row, IReadOnlyList<(string Wie, string Email)> addresses, string sector)
    {
        ArgumentNullException.ThrowIfNull(row);
        var released = row.Status is DossierStatus.Vrijgegeven or DossierStatus.Opgevraagd;
        if (kind == BulkKind.OuderLinks)
        {
            if (released) return (false, $"Al vrijgegeven (versie {row.Versie}): de ouders hebben het dossier gezien.");
            if (row.Inzage.Ingezien) return (false, "De inzage is al vastgelegd.");
            if (row.Status == DossierStatus.TerInzage) return (false, "Er is al een geldige link naar de ouders.");
            if (addresses.Count == 0) return (false, "Geen e-mailadres van een ouder in het dossier: stuur de link vanaf de pagina van de leerling.");
            return (true, "Krijgt een persoonlijke link per e-mail aan " + string.Join(" en ", addresses.Select(a => a.Email)) + ".");
        }
        if (released && !row.GewijzigdNaVrijgave) return (false, $"Al vrijgegeven als versie {row.Versie} en sindsdien niet gewijzigd.");
        if (sector is "PO" or "SO" && !row.Inzage.Ingezien) return (false, "De ouders hebben het dossier nog niet ingezien.");
        if (row.Fouten > 0) return (false, row.Fouten == 1 ? "Het dossier heeft 1 fout: los die eerst op." : $"Het dossier heeft {row.Fouten} fouten: los die eerst op.");
        return (true, $"Wordt vrijgegeven als versie {(row.Versie ?? 0) + 1}.");
    }

    /// <summary>The parents' addresses in the pupil's draft.</summary>
    internal async Task<IReadOnlyList<(string Wie, string Email)>> AddressesAsync(string brin, Guid pupilId, CancellationToken cancellationToken)
    {
        await using var db = store.Read();
        var draft = await db.Drafts.AsNoTracking().FirstOrDefaultAsync(d => d.PupilId == pupilId, cancellationToken).ConfigureAwait(false);
        return draft is null ? [] : ParentAddresses.Of(crypto.Dossier(brin, draft.Xml, Contexts.Draft(pupilId)));
    }

    internal async Task<string> SectorAsync(string brin, CancellationToken cancellationToken)
    {
        await using var db = store.Read();
        var sector = await db.Tenants.AsNoTracking().Where(t => t.Brin == brin).Select(t => t.Sector).FirstAsync(cancellationToken).ConfigureAwait(false);
        return sector;
    }

    private static string Name(DossierRow row) => string.IsNullOrWhiteSpace(row.Identity.Naam) ? "(naam onbekend)" : row.Identity.Naam;
}
