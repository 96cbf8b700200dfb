using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Oso.Central.Storage;
using Oso.Protocol.Messages;

namespace Oso.Central.Register;

/// <summary>
/// The register look-ups of the Traffic Center's hot path (aanleverpunt, system, school, mandates, a school's
/// aanleverpunten), kept per <see cref="RegisterVersie"/>: a call reads the version first (one small query) and is
/// served from what was loaded under that version; any change to the register, by any instance, raises the version in
/// its own transaction, so the next call loads afresh. A stale entry can therefore never grant what the register now
/// refuses. Only records are kept, never decisions: validity dates (qualification until, mandate and aanleverpunt
/// periods) are judged at each call against the injected clock. Misses are not kept (an unknown key costs a query, not
/// memory), so the cache holds at most the register itself. The records are shared: read them, never change them.
/// </summary>
internal sealed class RegisterCache
{
    private Snapshot _current = new(-1);

    /// <summary>The look-ups of one call, inside the call's transaction: the first look-up reads the version.</summary>
    public RegisterLookup Open(CentralDb db) => new(db, this);

    internal async Task<Snapshot> SnapshotAsync(CentralDb db, CancellationToken ct)
    {
        var versie = await RegisterVersie.LeesAsync(db, ct).ConfigureAwait(false);
        var current = _current;
        if (current.Versie == versie) return current;
        var fresh = new Snapshot(versie);
        // a newer version replaces the kept one; a call that read an older version (a transaction that began before a
        // change) gets a snapshot of its own, never kept
        if (versie > current.Versie) Interlocked.CompareExchange(ref _current, fresh, current);
        return fresh;
    }

    internal sealed class Snapshot(long versie)
    {
        public long Versie { get; } = versie;
        public ConcurrentDictionary<string, AanleverpuntRecord> Aanleverpunten { get; } = new(StringComparer.Ordinal);
        public ConcurrentDictionary<string, Systeem> Systemen { get; } = new(StringComparer.Ordinal);
        public ConcurrentDictionary<string, School> Scholen { get; } = new(StringComparer.Ordinal);
        public ConcurrentDictionary<(string Brin, string Systeem), Mandaat[]> Mandaten { get; } = new();
        public ConcurrentDictionary<(string Brin, Uitwisseldoel Doel), AanleverpuntRecord[]> PerSchool { get; } = new();
    }
}

/// <summary>
/// The register look-ups of one Traffic Center call (see <see cref="RegisterCache"/>). The version is read once, before
/// the first look-up: a record loaded after it is at least as new as the version, never older, so a snapshot never
/// holds what an earlier version said.
/// </summary>
internal sealed class RegisterLookup(CentralDb db, RegisterCache cache)
{
    private RegisterCache.Snapshot? _snapshot;

    private async ValueTask<RegisterCache.Snapshot> SnapshotAsync(CancellationToken ct) =>
        _snapshot ??= await cache.SnapshotAsync(db, ct).ConfigureAwait(false);

    /// <summary>An aanleverpunt by its routeringskenmerk.</summary>
    public async Task<AanleverpuntRecord?> AanleverpuntAsync(string rk, CancellationToken ct) =>
        await Kept((await SnapshotAsync(ct).ConfigureAwait(false)).Aanleverpunten, rk,
            () => db.Aanleverpunten.AsNoTracking().FirstOrDefaultAsync(a => a.RouteringsKenmerk == rk, ct)).ConfigureAwait(false);

    /// <summary>A system by its id.</summary>
    public async Task<Systeem?> SysteemAsync(string id, CancellationToken ct) =>
        await Kept((await SnapshotAsync(ct).ConfigureAwait(false)).Systemen, id,
            () => db.Systemen.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct)).ConfigureAwait(false);

    /// <summary>A school by its BRIN.</summary>
    public async Task<School?> SchoolAsync(string brin, CancellationToken ct) =>
        await Kept((await SnapshotAsync(ct).ConfigureAwait(false)).Scholen, brin,
            () => db.Scholen.AsNoTracking().FirstOrDefaultAsync(s => s.Brin == brin, ct)).ConfigureAwait(false);

    /// <summary>True when the school's board has mandated <paramref name="systeemId"/> for the school on <paramref name="dag"/>.</summary>
    public async Task<bool> HeeftMandaatAsync(School school, string systeemId, DateOnly dag, CancellationToken ct)
    {
        var snapshot = await SnapshotAsync(ct).ConfigureAwait(false);
        var key = (school.Brin, systeemId);
        if (!snapshot.Mandaten.TryGetValue(key, out var mandaten))
        {
            mandaten = await db.Mandaten.AsNoTracking().Where(m => m.Brin == school.Brin && m.SysteemId == systeemId).ToArrayAsync(ct).ConfigureAwait(false);
            snapshot.Mandaten.TryAdd(key, mandaten);
        }
        return mandaten.Any(m => m.BestuurId == school.BestuurId && m.Van <= dag && (m.Tot == null || m.Tot >= dag));
    }

    /// <summary>A school's aanleverpunten for one purpose, ordered by routeringskenmerk (active or not: the caller judges the date).</summary>
    public async Task<IReadOnlyList<AanleverpuntRecord>> AanleverpuntenAsync(string brin, Uitwisseldoel doel, CancellationToken ct)
    {
        var snapshot = await SnapshotAsync(ct).ConfigureAwait(false);
        var key = (brin, doel);
        if (!snapshot.PerSchool.TryGetValue(key, out var punten))
        {
            punten = await db.Aanleverpunten.AsNoTracking().Where(a => a.Brin == brin && a.Doel == doel)
                .OrderBy(a => a.RouteringsKenmerk).ToArrayAsync(ct).ConfigureAwait(false);
            if (punten.Length > 0) snapshot.PerSchool.TryAdd(key, punten);
        }
        return punten;
    }

    private static async Task<T?> Kept<T>(ConcurrentDictionary<string, T> kept, string key, Func<Task<T?>> load)
        where T : class
    {
        if (kept.TryGetValue(key, out var found)) return found;
        var loaded = await load().ConfigureAwait(false);
        if (loaded is not null) kept.TryAdd(key, loaded);
        return loaded;
    }
}
