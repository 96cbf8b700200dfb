using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Oso.School.Storage;

namespace Oso.School.Audit;

/// <summary>Who acts.</summary>
/// <param name="Kind">Medewerker, Las, Systeem, Ouder or Node.</param>
/// <param name="Id">The actor's id.</param>
public sealed record Actor(string Kind, string Id)
{
    /// <summary>The node itself (background work).</summary>
    public static Actor Node { get; } = new("Node", "node");

    /// <summary>Another school's system calling over the protocol.</summary>
    public static Actor Systeem(string systeemId) => new("Systeem", systeemId);

    /// <summary>A LAS installation.</summary>
    public static Actor Las(Guid clientId) => new("Las", clientId.ToString());

    /// <summary>A staff member.</summary>
    public static Actor Medewerker(string userId) => new("Medewerker", userId);

    /// <summary>A parent (by the id of their personal link, never their name).</summary>
    public static Actor Ouder(string linkId) => new("Ouder", linkId);

    /// <inheritdoc />
    public override string ToString() => Kind + ":" + Id;
}

/// <summary>The append-only, hash-chained audit log (one chain per school).</summary>
public sealed class AuditLog(TimeProvider time)
{
    private static readonly string Genesis = new('0', 64);

    /// <summary>
    /// Appends a record inside the caller's transaction (<see cref="SchoolStore.WriteAsync{T}"/>): the head row of the
    /// school's chain is locked (PostgreSQL: FOR UPDATE), so records from several instances form one linear chain.
    /// </summary>
    public async Task RecordAsync(SchoolDbContext db, string brin, Actor actor, string action, string purpose,
        string? pupilRef = null, string? detail = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("Auditregels worden alleen binnen een transactie geschreven.");
        // the head row, locked (PostgreSQL: FOR UPDATE). It must exist before it can be locked — two first writers would
        // otherwise both start from genesis — so a school's first record inserts it (if absent) and reads it again; every
        // later record finds it with one statement (within a unit of work: the tracked head, already moved on)
        var head = await HeadAsync(db, brin, cancellationToken).ConfigureAwait(false);
        if (head is null)
        {
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlInterpolatedAsync(
                    $"INSERT INTO \"AuditHeads\" (\"Brin\", \"Sequence\", \"Hash\") VALUES ({brin}, 0, {Genesis}) ON CONFLICT DO NOTHING", cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await db.Database.ExecuteSqlInterpolatedAsync(
                    $"INSERT OR IGNORE INTO \"AuditHeads\" (\"Brin\", \"Sequence\", \"Hash\") VALUES ({brin}, 0, {Genesis})", cancellationToken).ConfigureAwait(false);
            }
            head = await HeadAsync(db, brin, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("De kop van de auditketen ontbreekt na het aanmaken.");
        }
        // a record appended earlier in this same unit of work is not in the database yet. Added entries are known
        // without detecting changes (a scan of every tracked entity, dossier blobs included), so none is run here
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        AuditEntry? pending;
        try
        {
            pending = db.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added && e.Entity.Brin == brin)
                .Select(e => e.Entity).OrderByDescending(e => e.Sequence).FirstOrDefault();
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
        var previousSequence = pending?.Sequence ?? head.Sequence;
        var previousHash = pending?.Hash ?? head.Hash;
        var entry = new AuditEntry
        {
            Sequence = previousSequence + 1,
            Brin = brin,
            At = time.GetUtcNow(),
            ActorKind = actor.Kind,
            Actor = actor.Id,
            Action = action,
            PupilRef = pupilRef,
            Purpose = purpose,
            Detail = detail,
            Format = 2,
            Salt = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            PreviousHash = previousHash,
            Hash = "",
        };
        entry = Seal(entry);
        db.Audit.Add(entry);
        head.Sequence = entry.Sequence;
        head.Hash = entry.Hash;
    }

    private static Task<AuditHead?> HeadAsync(SchoolDbContext db, string brin, CancellationToken cancellationToken) =>
        db.Database.IsNpgsql()
            ? db.AuditHeads.FromSqlInterpolated($"SELECT * FROM \"AuditHeads\" WHERE \"Brin\" = {brin} FOR UPDATE").FirstOrDefaultAsync(cancellationToken)
            : db.AuditHeads.FirstOrDefaultAsync(h => h.Brin == brin, cancellationToken);

    /// <summary>
    /// Checks a school's whole chain; returns the first broken sequence number, or null when intact. Reduced records
    /// verify through their kept <see cref="AuditEntry.ReducibleHash"/> (format 2), or — format 1 — by their links only,
    /// when a later <c>audit.ingekort</c> checkpoint vouches for them; records removed at the start of the chain must
    /// be covered by an <c>audit.verwijderd</c> checkpoint naming the last removed record and its hash (ADR 0009).
    /// </summary>
    public static async Task<long?> VerifyAsync(SchoolDbContext db, string brin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var checkpoints = await AuditCheckpoint.ReadAsync(db, brin, cancellationToken).ConfigureAwait(false);
        var vouched = checkpoints.Where(c => c.Action == AuditCheckpoint.Reduced).Select(c => c.Through).DefaultIfEmpty(0).Max();
        // the head before and after reading the chain: another instance (or request) may append while it is read
        var before = await db.AuditHeads.AsNoTracking().FirstOrDefaultAsync(h => h.Brin == brin, cancellationToken).ConfigureAwait(false);
        var beforeHeld = before is null || before.Sequence == 0; // from the genesis
        string? previous = null;
        long expected = 0;
        await foreach (var entry in db.Audit.AsNoTracking().Where(a => a.Brin == brin).OrderBy(a => a.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (previous is null)
            {
                // the first record kept: the genesis, or the record after the last one removed by retention
                var removed = entry.Sequence == 1 ? null : checkpoints.LastOrDefault(c => c.Action == AuditCheckpoint.Removed && c.Through == entry.Sequence - 1);
                if (entry.Sequence != 1 && removed is null) return 1;
                previous = removed?.Hash ?? Genesis;
                expected = entry.Sequence;
            }
            if (entry.Sequence != expected || entry.PreviousHash != previous) return expected;
            var intact = entry switch
            {
                { ReducedAt: not null } when !IsErased(entry) => false,
                { Format: 1, ReducedAt: not null } => entry.Sequence <= vouched,
                { Format: 1 } => Seal(entry).Hash == entry.Hash,
                { ReducedAt: not null } => Seal(entry).Hash == entry.Hash,
                _ => ReducibleHash(entry) == entry.ReducibleHash && Seal(entry).Hash == entry.Hash,
            };
            if (!intact) return expected;
            if (checkpoints.Any(c => c.Through == entry.Sequence && c.Hash != entry.Hash)) return expected;
            if (before is not null && entry.Sequence == before.Sequence) beforeHeld = entry.Hash == before.Hash;
            previous = entry.Hash;
            expected++;
        }
        var head = await db.AuditHeads.AsNoTracking().FirstOrDefaultAsync(h => h.Brin == brin, cancellationToken).ConfigureAwait(false);
        if (previous is null) return head is null || head.Sequence == 0 ? null : 1;
        if (head is null || (head.Sequence == expected - 1 && head.Hash == previous)) return null;
        // records appended while reading: the chain read is intact and passed through the head seen first, and it does
        // not run past the head now (a record beyond the head is one written around the log)
        if (beforeHeld && expected - 1 <= head.Sequence) return null;
        return Math.Min(expected, head.Sequence + 1);
    }

    /// <summary>A reduced record may only have lost its reducible fields: anything left in them is a change.</summary>
    private static bool IsErased(AuditEntry e) => e.PupilRef is null && e.Salt is null && (!AuditEntry.IsPersonal(e.ActorKind) || e.Actor.Length == 0);

    /// <summary>Format 2: the hash over the salt and the reducible fields (the pupil's id; the actor's id when a person).</summary>
    internal static string ReducibleHash(AuditEntry e) =>
        Hex(string.Join('\u001F', e.Salt ?? "", e.PupilRef ?? "", AuditEntry.IsPersonal(e.ActorKind) ? e.Actor : ""));

    private static AuditEntry Seal(AuditEntry e)
    {
        var canonical = e.Format == 1
            ? string.Join('\u001F',
                e.PreviousHash, e.Sequence.ToString(CultureInfo.InvariantCulture), e.Brin, e.At.UtcTicks.ToString(CultureInfo.InvariantCulture),
                e.ActorKind, e.Actor, e.Action, e.PupilRef ?? "", e.Purpose, e.Detail ?? "")
            : string.Join('\u001F',
                "2", e.PreviousHash, e.Sequence.ToString(CultureInfo.InvariantCulture), e.Brin, e.At.UtcTicks.ToString(CultureInfo.InvariantCulture),
                e.ActorKind, AuditEntry.IsPersonal(e.ActorKind) ? "" : e.Actor, e.Action, e.Purpose, e.Detail ?? "",
                e.ReducedAt is null ? ReducibleHash(e) : e.ReducibleHash ?? "");
        var reducible = e.Format == 2 && e.ReducedAt is null ? ReducibleHash(e) : e.ReducibleHash;
        return new AuditEntry
        {
            Sequence = e.Sequence, Brin = e.Brin, At = e.At, ActorKind = e.ActorKind, Actor = e.Actor, Action = e.Action,
            PupilRef = e.PupilRef, Purpose = e.Purpose, Detail = e.Detail, Format = e.Format, Salt = e.Salt, ReducibleHash = reducible,
            ReducedAt = e.ReducedAt, PreviousHash = e.PreviousHash, Hash = Hex(canonical),
        };
    }

    private static string Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
