using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Oso.Hosting.Retention;
using Oso.School.Audit;
using Oso.School.Doel;
using Oso.School.Outbox;
using Oso.School.Storage;

namespace Oso.School.Retention;

/// <summary>
/// Keeps nothing longer than its retention period (docs/privacy.md): received dossiers, received requests, bron pupils
/// with everything about them, aanmeldingen with their requests and traces, SWV dossiers received at an SWV, notificaties, parents' links, finished
/// outbox work, LAS idempotency keys (after a day), and — reduced, then removed — the audit log. Every removal is audited in the school's chain without
/// personal data (finished outbox work, which belongs to no school, is logged with its count). Runs as the daily
/// outbox message, so one instance of a cluster does it; large backlogs go in batches, each its own transaction.
/// </summary>
public sealed class RetentionPurge(SchoolStore store, AuditLog audit, AuditRetention auditRetention, OutboxQueue outbox, SchoolOptions options,
    TimeProvider time, ILogger<RetentionPurge> logger) : IOutboxHandler, IDailyWork
{
    /// <summary>The idempotency key of a day's purge: one message per day for the whole cluster.</summary>
    public static string Key(DateTimeOffset now) => "purge:" + Day(now);

    /// <summary>Queues one purge per UTC day (whichever instance queues it first).</summary>
    public Task QueueAsync(SchoolDbContext db, DateTimeOffset now, CancellationToken cancellationToken) =>
        outbox.EnqueueAsync(db, Kind, new { dag = Day(now) }, Key(now), cancellationToken: cancellationToken);

    private static string Day(DateTimeOffset now) => now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The outbox kind.</summary>
    public const string Kind = "bewaartermijn.opschonen";

    private const int Batch = 200;
    private const string Why = "Bewaartermijn verstreken: ";

    string IOutboxHandler.Kind => Kind;

    /// <inheritdoc />
    public async Task<OutboxOutcome> HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await PurgeReceivedDossiersAsync(now, cancellationToken).ConfigureAwait(false);
        await PurgeBronPupilsAsync(SchoolYear.Cutoff(now, options.Retention.BronDossiers), cancellationToken).ConfigureAwait(false);
        await PurgeAanmeldingenAsync(SchoolYear.Cutoff(now, options.Retention.Aanmeldingen), cancellationToken).ConfigureAwait(false);
        await PurgeSwvDossiersAsync(SchoolYear.Cutoff(now, options.Retention.SwvDossiers), cancellationToken).ConfigureAwait(false);
        await PurgeCountedAsync(now, cancellationToken).ConfigureAwait(false);
        var outbox = await store.WriteAsync(db => db.Outbox
            .Where(m => (m.CompletedAt != null && m.CompletedAt < now - options.Retention.FinishedOutbox) || (m.FailedAt != null && m.FailedAt < now - options.Retention.FinishedOutbox))
            .ExecuteDeleteAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
        if (outbox > 0) logger.LogInformation("Bewaartermijn: {Count} afgeronde outboxberichten verwijderd.", outbox);
        var keys = await store.WriteAsync(db => db.LasIdempotencyKeys.Where(k => k.CreatedAt < now - options.Retention.IdempotencyKeys)
            .ExecuteDeleteAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
        if (keys > 0) logger.LogInformation("Bewaartermijn: {Count} verlopen Idempotency-Keys van LAS-koppelingen verwijderd.", keys);
        await PurgeAuditAsync(cancellationToken).ConfigureAwait(false);
        return OutboxOutcome.Done;
    }

    private async Task PurgeReceivedDossiersAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var importedBefore = now - options.KeepImportedDossiers;
        var receivedBefore = now - options.KeepUnimportedDossiers;
        await InBatchesAsync(async db =>
        {
            var old = await db.ReceivedDossiers.Where(d => (d.ImportedAt != null && d.ImportedAt < importedBefore) || d.ReceivedAt < receivedBefore)
                .OrderBy(d => d.ReceivedAt).Take(Batch).ToListAsync(cancellationToken).ConfigureAwait(false);
            var ids = old.Select(d => d.Id).ToList();
            await StoredChunks.DeleteAsync(db, StoredChunks.Received, db.ReceivedDossiers.Where(d => ids.Contains(d.Id)).Select(d => d.Id), cancellationToken)
                .ConfigureAwait(false);
            foreach (var d in old)
            {
                db.ReceivedDossiers.Remove(d);
                await audit.RecordAsync(db, d.Brin, Actor.Node, "ontvangen.verwijderd", Why + "het ontvangen dossier is verwijderd.",
                    d.AanmeldingId.ToString(), "ontvangen=" + d.Id, cancellationToken).ConfigureAwait(false);
            }
            return old.Count;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A bron pupil goes when nothing happened to it since <paramref name="cutoff"/> (the start of the school year that
    /// ended the period): no delivery or change of the draft, no release, delivery, request, parents' link or correction request.
    /// </summary>
    private async Task PurgeBronPupilsAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await InBatchesAsync(async db =>
        {
            var old = await db.Pupils.Where(p => p.CreatedAt < cutoff
                    && !db.Drafts.Any(d => d.PupilId == p.Id && d.UpdatedAt >= cutoff)
                    && !db.Releases.Any(r => r.PupilId == p.Id && r.ReleasedAt >= cutoff)
                    && !db.Disclosures.Any(d => d.PupilId == p.Id && d.At >= cutoff)
                    && !db.IncomingRequests.Any(r => r.PupilId == p.Id && r.ReceivedAt >= cutoff)
                    && !db.ParentLinks.Any(l => l.PupilId == p.Id && (l.CreatedAt >= cutoff || (l.RespondedAt != null && l.RespondedAt >= cutoff)))
                    && !db.CorrectionRequests.Any(c => c.PupilId == p.Id && (c.CreatedAt >= cutoff || (c.HandledAt != null && c.HandledAt >= cutoff))))
                .OrderBy(p => p.CreatedAt).Take(Batch).Select(p => new { p.Id, p.Brin }).ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var pupil in old)
            {
                var removed = await PupilData.RemoveBronPupilAsync(db, pupil.Id, cancellationToken).ConfigureAwait(false);
                await audit.RecordAsync(db, pupil.Brin, Actor.Node, "leerling.verwijderd",
                    Why + "de gegevens van de leerling (dossier, versies, verstrekkingen) zijn verwijderd.", pupil.Id.ToString(),
                    "reden=bewaartermijn;" + removed.Detail, cancellationToken).ConfigureAwait(false);
            }
            return old.Count;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An aanmelding goes when it and its last request are older than <paramref name="cutoff"/> and nothing of it runs or waits.</summary>
    private async Task PurgeAanmeldingenAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await InBatchesAsync(async db =>
        {
            var old = await db.Aanmeldingen.Where(a => a.CreatedAt < cutoff
                    && !db.TransferRequests.Any(r => r.AanmeldingId == a.Id
                        && (r.CreatedAt >= cutoff || r.FinishedAt == null || r.FinishedAt >= cutoff))
                    && !db.ReceivedDossiers.Any(d => d.AanmeldingId == a.Id))
                .OrderBy(a => a.CreatedAt).Take(Batch).Select(a => new { a.Id, a.Brin }).ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var aanmelding in old)
            {
                var requests = await PupilData.RemoveAanmeldingAsync(db, aanmelding.Id, cancellationToken).ConfigureAwait(false);
                await audit.RecordAsync(db, aanmelding.Brin, Actor.Node, "aanmelding.verwijderd",
                    Why + "de aanmelding en haar aanvragen zijn verwijderd.", aanmelding.Id.ToString(),
                    string.Create(CultureInfo.InvariantCulture, $"reden=bewaartermijn;aanvragen={requests}"), cancellationToken).ConfigureAwait(false);
            }
            return old.Count;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// At an SWV: a received SWV dossier goes with the terugkoppelingen sent about it when it was notified before
    /// <paramref name="cutoff"/> and no terugkoppeling was sent since.
    /// </summary>
    private async Task PurgeSwvDossiersAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await InBatchesAsync(async db =>
        {
            var old = await db.SwvReceipts.Where(r => r.NotifiedAt < cutoff
                    && !db.Terugkoppelingen.Any(t => t.Brin == r.Brin && t.ExchangeId == r.Id && t.At >= cutoff))
                .OrderBy(r => r.NotifiedAt).Take(Batch).Select(r => new { r.Id, r.Brin }).ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var receipt in old)
            {
                var feedback = await db.Terugkoppelingen.Where(t => t.Brin == receipt.Brin && t.ExchangeId == receipt.Id)
                    .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
                await db.SwvReceipts.Where(r => r.Id == receipt.Id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
                await audit.RecordAsync(db, receipt.Brin, Actor.Node, "swv-dossier.verwijderd",
                    Why + "het ontvangen swv-dossier en de terugkoppelingen erover zijn verwijderd.", receipt.Id.ToString(),
                    string.Create(CultureInfo.InvariantCulture, $"reden=bewaartermijn;swv-dossier={receipt.Id};terugkoppelingen={feedback}"), cancellationToken).ConfigureAwait(false);
            }
            return old.Count;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Rows that hold no pupil content of their own go in bulk, each school's count audited.</summary>
    private async Task PurgeCountedAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var requestsBefore = now - options.NotifyWithin;
        var linksBefore = now - options.Retention.ParentLinks;
        var notificationsBefore = SchoolYear.Cutoff(now, options.Retention.Aanmeldingen);
        await store.WriteAsync(async db =>
        {
            var requests = await CountPerSchoolAsync(db.IncomingRequests.Where(r => r.ReceivedAt < requestsBefore).Select(r => r.Brin), cancellationToken).ConfigureAwait(false);
            await db.IncomingRequests.Where(r => r.ReceivedAt < requestsBefore).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            var links = await CountPerSchoolAsync(db.ParentLinks.Where(l => l.ExpiresAt < linksBefore).Select(l => l.Brin), cancellationToken).ConfigureAwait(false);
            await db.ParentLinks.Where(l => l.ExpiresAt < linksBefore).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            // a notificatie whose request is gone (or that started none) only served to recognise a repeat
            var orphans = db.ReceivedNotifications.Where(n => n.ReceivedAt < notificationsBefore
                && !db.TransferRequests.Any(r => r.SessieId == n.SessieId || r.Id == n.RequestId));
            var notifications = await CountPerSchoolAsync(orphans.Select(n => n.Brin), cancellationToken).ConfigureAwait(false);
            await orphans.ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            foreach (var (brin, count) in requests)
                await audit.RecordAsync(db, brin, Actor.Node, "verzoeken.verwijderd", Why + "ontvangen verzoeken van andere scholen zijn verwijderd.",
                    null, Count(count), cancellationToken).ConfigureAwait(false);
            foreach (var (brin, count) in links)
                await audit.RecordAsync(db, brin, Actor.Node, "ouderlinks.verwijderd", Why + "verlopen links voor ouders (met hun e-mailadres) zijn verwijderd.",
                    null, Count(count), cancellationToken).ConfigureAwait(false);
            foreach (var (brin, count) in notifications)
                await audit.RecordAsync(db, brin, Actor.Node, "notificaties.verwijderd", Why + "ontvangen notificaties zijn verwijderd.",
                    null, Count(count), cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task PurgeAuditAsync(CancellationToken cancellationToken)
    {
        List<string> schools;
        await using (var db = store.Read())
            schools = await db.AuditHeads.Select(h => h.Brin).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var brin in schools)
        {
            var outcome = await store.WriteAsync(db => auditRetention.ApplyAsync(db, brin, options.Retention.AuditFull, options.Retention.Audit, cancellationToken),
                cancellationToken).ConfigureAwait(false);
            if (outcome.Broken)
            {
                logger.LogWarning("Bewaartermijn: de auditketen van {Brin} klopt niet; er is niets ingekort of verwijderd (bewaar de database zoals hij is).", brin);
                continue;
            }
            // checkpoints of records that are gone can no longer be checked: they go with them (the one a removal checkpoint names is still checked)
            await store.WriteAsync(async db =>
            {
                var firstKept = await db.Audit.Where(a => a.Brin == brin).MinAsync(a => (long?)a.Sequence, cancellationToken).ConfigureAwait(false);
                return firstKept is { } first
                    ? await db.AuditAnchors.Where(a => a.Brin == brin && a.Sequence < first - 1).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false)
                    : 0;
            }, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs <paramref name="batch"/> (which removes up to <see cref="Batch"/> rows and returns how many it found), each in its own transaction, until one finds fewer.</summary>
    private async Task InBatchesAsync(Func<SchoolDbContext, Task<int>> batch, CancellationToken cancellationToken)
    {
        while (await store.WriteAsync(async db => await batch(db).ConfigureAwait(false) == Batch, cancellationToken).ConfigureAwait(false))
        {
        }
    }

    private static async Task<List<(string Brin, int Count)>> CountPerSchoolAsync(IQueryable<string> brins, CancellationToken cancellationToken) =>
        (await brins.GroupBy(b => b).Select(g => new { Brin = g.Key, Count = g.Count() }).ToListAsync(cancellationToken).ConfigureAwait(false))
        .Select(g => (g.Brin, g.Count)).ToList();

    private static string Count(int count) => string.Create(CultureInfo.InvariantCulture, $"reden=bewaartermijn;aantal={count}");
}
