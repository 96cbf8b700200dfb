using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Oso.School.Audit;
using Oso.School.Outbox;
using Oso.School.Storage;

namespace Oso.School.Retention;

/// <summary>
/// Keeps pupil data no longer than needed: received dossiers after import (or at most a maximum when never imported),
/// refused requests after the notification window, finished outbox work. Removing a received dossier is audited
/// (the other removals are of data that was never pupil content: refusals, finished work); the audit log itself is kept.
/// </summary>
public sealed class RetentionPurge(SchoolStore store, AuditLog audit, SchoolOptions options, TimeProvider time) : IOutboxHandler
{
    /// <summary>The outbox kind.</summary>
    public const string Kind = "bewaartermijn.opschonen";

    string IOutboxHandler.Kind => Kind;

    /// <inheritdoc />
    public async Task<OutboxOutcome> HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await store.WriteAsync(async db =>
        {
            var importedBefore = now - options.KeepImportedDossiers;
            var receivedBefore = now - options.KeepUnimportedDossiers;
            var old = await db.ReceivedDossiers.Where(d => (d.ImportedAt != null && d.ImportedAt < importedBefore) || d.ReceivedAt < receivedBefore)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var d in old)
            {
                db.ReceivedDossiers.Remove(d);
                await audit.RecordAsync(db, d.Brin, Actor.Node, "ontvangen.verwijderd", "Bewaartermijn verstreken: het ontvangen dossier is verwijderd.",
                    d.AanmeldingId.ToString(), "ontvangen=" + d.Id, cancellationToken).ConfigureAwait(false);
            }
            var requestsBefore = now - options.NotifyWithin;
            await db.IncomingRequests.Where(r => r.ReceivedAt < requestsBefore).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            // parents' links (with their encrypted e-mail address) a month after they expired; the audit log keeps their ids
            var linksBefore = now - TimeSpan.FromDays(30);
            await db.ParentLinks.Where(l => l.ExpiresAt < linksBefore).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            var outboxBefore = now - TimeSpan.FromDays(30);
            await db.Outbox.Where(m => (m.CompletedAt != null && m.CompletedAt < outboxBefore) || (m.FailedAt != null && m.FailedAt < outboxBefore))
                .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return OutboxOutcome.Done;
    }
}

/// <summary>Queues the purge once a day (one message per day, whichever instance queues it first).</summary>
public sealed class RetentionScheduler(SchoolStore store, OutboxQueue outbox, TimeProvider time) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var day = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            try
            {
                await store.WriteAsync(db => outbox.EnqueueAsync(db, RetentionPurge.Kind, new { dag = day }, "purge:" + day, cancellationToken: stoppingToken), stoppingToken)
                    .ConfigureAwait(false);
            }
            catch (DbUpdateException)
            {
                // another instance queued today's purge at the same moment
            }
            try
            {
                await Task.Delay(TimeSpan.FromHours(1), time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
