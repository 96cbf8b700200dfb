using Microsoft.EntityFrameworkCore;
using Oso.Protocol.Proofs;
using Oso.Protocol.Security;
using Oso.School.Storage;

namespace Oso.School.Audit;

/// <summary>What the anchors say about one school's audit chain.</summary>
/// <param name="Anchored">Acknowledged checkpoints checked (local and fetched from Central, each once).</param>
/// <param name="LastSequence">The newest acknowledged sequence number, if any.</param>
/// <param name="LastAnchoredAt">When Central received that checkpoint.</param>
/// <param name="Pending">Checkpoints Central has not acknowledged yet.</param>
/// <param name="Refused">Checkpoints Central refused.</param>
/// <param name="BeforeRetention">Acknowledged checkpoints of records retention removed since (not checkable, and old enough).</param>
/// <param name="Contradicted">The first anchored sequence number the chain no longer matches: the chain was rewritten from there on or before.</param>
/// <param name="Problem">Why the anchors do not hold (Dutch), when they do not.</param>
public sealed record AnchorStatus(int Anchored, long? LastSequence, DateTimeOffset? LastAnchoredAt, int Pending, int Refused, int BeforeRetention,
    long? Contradicted, string? Problem)
{
    /// <summary>True when every acknowledgement is Central's and the chain still holds every anchored head.</summary>
    public bool Holds => Problem is null;
}

/// <summary>
/// Checks a school's audit chain against Central's acknowledgements (docs/school.md §5): each acknowledgement must carry
/// Central's valid signature, and the chain must still hold the anchored hash at the anchored sequence number. A chain
/// rewritten as a whole (consistent in itself) differs from the anchors at the first anchored record it changed. Records
/// that retention removed are not checkable; an anchor may point before the first kept record only when its removal
/// checkpoint names the same hash or when it is older than the audit retention period (else the removal is a cover).
/// </summary>
public static class AuditAnchorCheck
{
    /// <summary>Checks <paramref name="brin"/>'s chain; <paramref name="fromCentral"/> adds acknowledgements Central returned.</summary>
    /// <param name="db">The node's database.</param>
    /// <param name="brin">The school.</param>
    /// <param name="validator">Trusts Central's server certificate (the node's anchors).</param>
    /// <param name="fromCentral">Acknowledgements fetched from Central, or none.</param>
    /// <param name="removableBefore">Records anchored before this moment may have been removed by retention.</param>
    /// <param name="cancellationToken">Cancels.</param>
    public static async Task<AnchorStatus> VerifyAsync(SchoolDbContext db, string brin, OsoCertificateValidator validator, IReadOnlyList<byte[]>? fromCentral,
        DateTimeOffset removableBefore, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(validator);
        var local = await db.AuditAnchors.AsNoTracking().Where(a => a.Brin == brin)
            .Select(a => new { a.Acknowledgement, a.Refusal }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var pending = local.Count(a => a.Acknowledgement is null && a.Refusal is null);
        var refused = local.Count(a => a.Refusal is not null);
        var anchors = new SortedDictionary<long, Ankerbevestiging>();
        foreach (var bytes in local.Select(a => a.Acknowledgement).OfType<byte[]>().Concat(fromCentral ?? []))
        {
            var check = Ankers.ControleerBevestiging(Handtekening.TryCreate(bytes, out var h, out _) ? h : null, validator);
            if (check.Waarde is not { } b) return Fails(0, "Een ankerbevestiging is ongeldig: " + check.Fout);
            if (b.Controlepunt.Brin.Value != brin) return Fails(0, $"Een ankerbevestiging hoort bij school {b.Controlepunt.Brin}, niet bij {brin}.");
            if (anchors.TryGetValue(b.Controlepunt.Volgnummer, out var other) && other.Controlepunt.Hash != b.Controlepunt.Hash)
                return Fails(b.Controlepunt.Volgnummer, $"Central bevestigde voor regel {b.Controlepunt.Volgnummer} twee verschillende hashes.");
            anchors[b.Controlepunt.Volgnummer] = b;
        }

        var firstKept = await db.Audit.Where(a => a.Brin == brin).MinAsync(a => (long?)a.Sequence, cancellationToken).ConfigureAwait(false);
        var removals = (await AuditCheckpoint.ReadAsync(db, brin, cancellationToken).ConfigureAwait(false)).Where(c => c.Action == AuditCheckpoint.Removed).ToList();
        var hashes = new Dictionary<long, string>();
        foreach (var chunk in anchors.Keys.Chunk(500))
        {
            var found = await db.Audit.AsNoTracking().Where(a => a.Brin == brin && chunk.Contains(a.Sequence))
                .Select(a => new { a.Sequence, a.Hash }).ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var f in found) hashes[f.Sequence] = f.Hash;
        }
        var beforeRetention = 0;
        foreach (var (sequence, b) in anchors)
        {
            if (hashes.TryGetValue(sequence, out var hash))
            {
                if (hash != b.Controlepunt.Hash) return Fails(sequence, $"Regel {sequence} heeft niet meer de hash die Central op {b.Ontvangen:yyyy-MM-dd HH:mm}Z verankerde.");
                continue;
            }
            var removed = firstKept is { } first && sequence < first
                || firstKept is null && removals.Count > 0 && sequence <= removals[^1].Through;
            if (!removed) return Fails(sequence, $"Regel {sequence}, die Central op {b.Ontvangen:yyyy-MM-dd HH:mm}Z verankerde, ontbreekt in de keten.");
            if (removals.LastOrDefault(c => c.Through == sequence) is { } removal)
            {
                if (removal.Hash != b.Controlepunt.Hash) return Fails(sequence, $"Het verwijderpunt bij regel {sequence} noemt een andere hash dan Central verankerde.");
            }
            else if (b.Ontvangen >= removableBefore)
            {
                return Fails(sequence, $"Regel {sequence} is verwijderd, maar Central verankerde hem op {b.Ontvangen:yyyy-MM-dd HH:mm}Z, binnen de bewaartermijn van het auditlogboek.");
            }
            beforeRetention++;
        }
        var last = anchors.Count > 0 ? anchors.Values.Last() : null;
        return new AnchorStatus(anchors.Count, last?.Controlepunt.Volgnummer, last?.Ontvangen, pending, refused, beforeRetention, null, null);

        AnchorStatus Fails(long sequence, string problem) => new(anchors.Count, null, null, pending, refused, 0, sequence == 0 ? null : sequence, problem);
    }
}
