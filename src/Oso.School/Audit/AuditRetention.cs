using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Oso.School.Storage;

namespace Oso.School.Audit;

/// <summary>
/// A record in the chain that vouches for what retention did to older records: <c>audit.ingekort</c> (records up to
/// <see cref="Through"/> reduced) or <c>audit.verwijderd</c> (records up to <see cref="Through"/> removed; the next
/// record's previous hash must equal <see cref="Hash"/>). Its detail is <c>tot=N;hash=H;aantal=K</c>.
/// </summary>
internal sealed record AuditCheckpoint(string Action, long Through, string Hash)
{
    public const string Reduced = "audit.ingekort";
    public const string Removed = "audit.verwijderd";

    public static string Detail(long through, string hash, int count) =>
        string.Create(CultureInfo.InvariantCulture, $"tot={through};hash={hash};aantal={count}");

    /// <summary>The school's checkpoints, oldest first (their count grows by at most two a day).</summary>
    public static async Task<IReadOnlyList<AuditCheckpoint>> ReadAsync(SchoolDbContext db, string brin, CancellationToken cancellationToken)
    {
        var rows = await db.Audit.AsNoTracking()
            .Where(a => a.Brin == brin && a.ActorKind == "Node" && (a.Action == Reduced || a.Action == Removed))
            .OrderBy(a => a.Sequence).Select(a => new { a.Action, a.Detail }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<AuditCheckpoint>();
        foreach (var row in rows)
        {
            var parts = (row.Detail ?? "").Split(';').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
            if (parts.TryGetValue("tot", out var tot) && long.TryParse(tot, NumberStyles.None, CultureInfo.InvariantCulture, out var through)
                && parts.TryGetValue("hash", out var hash))
                result.Add(new AuditCheckpoint(row.Action, through, hash));
        }
        return result;
    }
}

/// <summary>
/// Retention of the audit log itself (ADR 0009): a record is kept whole while the pupil it names still has data on
/// the node and for at least <c>Retention:AuditFull</c>; then its pupil id and a person's id are erased (the chain
/// still verifies); after <c>Retention:Audit</c> the oldest records are removed behind a checkpoint. A chain that
/// does not verify is left exactly as it is (it is evidence).
/// </summary>
public sealed class AuditRetention(AuditLog audit, TimeProvider time)
{
    private const int Batch = 2000;

    /// <summary>What one school's run did.</summary>
    /// <param name="Reduced">Records reduced.</param>
    /// <param name="Removed">Records removed.</param>
    /// <param name="Broken">The chain did not verify: nothing was changed.</param>
    public sealed record Outcome(int Reduced, int Removed, bool Broken);

    /// <summary>Reduces and removes for one school, inside the caller's transaction.</summary>
    public async Task<Outcome> ApplyAsync(SchoolDbContext db, string brin, TimeSpan keepFull, TimeSpan keep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await AuditLog.VerifyAsync(db, brin, cancellationToken).ConfigureAwait(false) is not null) return new Outcome(0, 0, true);
        var now = time.GetUtcNow();
        var reduced = await ReduceAsync(db, brin, now - keepFull, now, cancellationToken).ConfigureAwait(false);
        var removed = await RemoveAsync(db, brin, now - keep, cancellationToken).ConfigureAwait(false);
        return new Outcome(reduced, removed, false);
    }

    private async Task<int> ReduceAsync(SchoolDbContext db, string brin, DateTimeOffset before, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var candidates = await db.Audit.AsNoTracking()
            .Where(a => a.Brin == brin && a.ReducedAt == null && a.At < before
                && (a.PupilRef != null || a.ActorKind == "Medewerker" || a.ActorKind == "Ouder"))
            .OrderBy(a => a.Sequence).Select(a => new { a.Sequence, a.PupilRef, a.Format, a.Hash }).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (candidates.Count == 0) return 0;
        // a record is not reduced while the pupil (or aanmelding) it names still has data here
        var named = candidates.Select(c => Guid.TryParse(c.PupilRef, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).Distinct().ToList();
        var alive = new HashSet<Guid>();
        foreach (var chunk in named.Chunk(Batch))
        {
            alive.UnionWith(await db.Pupils.Where(p => chunk.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken).ConfigureAwait(false));
            alive.UnionWith(await db.Aanmeldingen.Where(p => chunk.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken).ConfigureAwait(false));
        }
        var reducible = candidates.Where(c => !(Guid.TryParse(c.PupilRef, out var id) && alive.Contains(id))).ToList();
        if (reducible.Count == 0) return 0;
        foreach (var chunk in reducible.Select(c => c.Sequence).Chunk(Batch))
        {
            await db.Audit.Where(a => a.Brin == brin && chunk.Contains(a.Sequence)).ExecuteUpdateAsync(s => s
                .SetProperty(a => a.PupilRef, (string?)null)
                .SetProperty(a => a.Salt, (string?)null)
                .SetProperty(a => a.Actor, a => a.ActorKind == "Medewerker" || a.ActorKind == "Ouder" ? "" : a.Actor)
                .SetProperty(a => a.ReducedAt, now), cancellationToken).ConfigureAwait(false);
        }
        var last = reducible[^1];
        await audit.RecordAsync(db, brin, Actor.Node, AuditCheckpoint.Reduced,
            "Bewaartermijn: oudere auditregels zijn ingekort tot wat de controle nodig heeft.", null,
            AuditCheckpoint.Detail(last.Sequence, last.Hash, reducible.Count), cancellationToken).ConfigureAwait(false);
        return reducible.Count;
    }

    private async Task<int> RemoveAsync(SchoolDbContext db, string brin, DateTimeOffset before, CancellationToken cancellationToken)
    {
        // the chain is cut at its start only: every record up to the newest one older than the period
        var through = await db.Audit.Where(a => a.Brin == brin && a.At < before).MaxAsync(a => (long?)a.Sequence, cancellationToken).ConfigureAwait(false);
        if (through is null) return 0;
        var hash = await db.Audit.Where(a => a.Brin == brin && a.Sequence == through).Select(a => a.Hash).FirstAsync(cancellationToken).ConfigureAwait(false);
        var removed = await db.Audit.Where(a => a.Brin == brin && a.Sequence <= through).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(db, brin, Actor.Node, AuditCheckpoint.Removed,
            "Bewaartermijn: de oudste auditregels zijn verwijderd; deze regel bewaart waar de keten verdergaat.", null,
            AuditCheckpoint.Detail(through.Value, hash, removed), cancellationToken).ConfigureAwait(false);
        return removed;
    }
}
