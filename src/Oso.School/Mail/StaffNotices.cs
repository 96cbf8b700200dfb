using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Oso.School.Outbox;
using Oso.School.Staff;
using Oso.School.Storage;

namespace Oso.School.Mail;

/// <summary>
/// Tells the school's staff that something happened (a request waiting for a release, parents' answer, a dossier
/// received): queued in the transaction of the change itself, then fanned out to one <see cref="StaffMail"/> message per
/// staff member who wants this event mailed at once — each with its own idempotency key, so a retry mails nobody twice.
/// Staff who chose the daily digest hear of it in <see cref="StaffDigest"/>.
/// </summary>
public sealed class StaffNotices(SchoolStore store, OutboxQueue outbox) : IOutboxHandler
{
    /// <summary>The outbox kind.</summary>
    public const string Kind = "medewerkers.melden";

    /// <summary>The outbox payload.</summary>
    /// <param name="Brin">The school.</param>
    /// <param name="Event">What happened.</param>
    /// <param name="Ref">The row it is about (incoming request, parents' link, transfer request).</param>
    public sealed record Payload(string Brin, StaffMailEvents Event, Guid Ref);

    string IOutboxHandler.Kind => Kind;

    /// <summary>Queues the notice in the caller's transaction (once per event and row).</summary>
    public static Task QueueAsync(SchoolDbContext db, OutboxQueue outbox, string brin, StaffMailEvents what, Guid reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        return outbox.EnqueueAsync(db, Kind, new Payload(brin, what, reference), $"melding:{what}:{reference:N}", cancellationToken: cancellationToken);
    }

    /// <inheritdoc />
    public async Task<OutboxOutcome> HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var payload = JsonSerializer.Deserialize<Payload>(message.Payload)!;
        await store.WriteAsync(async db =>
        {
            var recipients = await db.StaffMemberships.AsNoTracking()
                .Where(m => m.Brin == payload.Brin && !m.MailDigest && (m.MailEvents & payload.Event) != 0)
                .Select(m => m.UserId).ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var user in recipients)
                await outbox.EnqueueAsync(db, StaffMail.Kind, new StaffMail.Payload(payload.Brin, user, payload.Event, payload.Ref, null),
                    StaffMail.Key(payload.Event, payload.Ref.ToString("N"), user), cancellationToken: cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return OutboxOutcome.Done;
    }
}
