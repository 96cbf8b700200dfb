using Microsoft.EntityFrameworkCore;
using Oso.School.Audit;
using Oso.School.Outbox;
using Oso.School.Storage;

namespace Oso.School.Retention;

/// <summary>
/// Keeps pupil data no longer than needed: received dossiers after import (or at most a maximum when never imported),
/// refused requests after the notification window, finished outbox work. Removing a received dossier is audited
/// (the other removals are of data that was never pupil content: refusals, finished work); the audit log itself is kept.
/// </summary>
public sealed class RetentionPurge(SchoolStore store, AuditLog audit, OutboxQueue outbox, SchoolOptions options, TimeProvider time) : IOutboxHandler, IDailyWork
{
    /// <summary>Queues one purge per UTC day (whichever instance queues it first).</summary>
    public Task QueueAsync(SchoolDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var day = now.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return outbox.EnqueueAsync(db, Kind, new { dag = day }, "purge:" + day, cancellationToken: cancellationToken);
    }

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
