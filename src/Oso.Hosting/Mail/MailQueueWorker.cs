using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Oso.Hosting.Mail;

/// <summary>Where links in queued mail point: the host's portal as people reach it (set once the listener is bound).</summary>
public sealed class MailLinks
{
    /// <summary>The portal's base address, or null before it is known (mail waits).</summary>
    public Uri? Portal { get; set; }
}

/// <summary>
/// Sends the queued mail of a host's database: claims each due mail with a lease (so several instances on one
/// PostgreSQL never send one twice at the same time), sends it, and marks it sent; a mail server that refuses or is
/// away is tried again after 30 s, 1, 2, 4 … minutes (at most an hour), and given up after 12 attempts. Sent and
/// given-up mail is removed after <see cref="MailQueue.KeepSent"/>.
/// </summary>
public sealed class MailQueueWorker<TContext>(IDbContextFactory<TContext> factory, IMailTransport transport, MailLinks links, TimeProvider time,
    ILogger<MailQueueWorker<TContext>> logger) : BackgroundService where TContext : DbContext
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>Sends what is due now (one pass); returns how many were sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        if (links.Portal is not { } portal) return 0;
        var now = time.GetUtcNow();
        List<Guid> due;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            // sent or given-up mail (addresses, names) is kept a month, for the servicedesk, and then removed
            var old = now - MailQueue.KeepSent;
            await db.Set<QueuedMail>().Where(m => m.SentAt < old || m.FailedAt < old).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            due = await db.Set<QueuedMail>().Where(m => m.SentAt == null && m.FailedAt == null && m.DueAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
                .OrderBy(m => m.DueAt).Select(m => m.Id).Take(20).ToListAsync(cancellationToken).ConfigureAwait(false);
        }
        var sent = 0;
        foreach (var id in due)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var until = now + Lease;
            var claimed = await db.Set<QueuedMail>().Where(m => m.Id == id && m.SentAt == null && m.FailedAt == null && (m.LockedUntil == null || m.LockedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, until).SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken)
                .ConfigureAwait(false);
            if (claimed != 1) continue; // another instance has it
            var mail = await db.Set<QueuedMail>().FirstAsync(m => m.Id == id, cancellationToken).ConfigureAwait(false);
            var body = mail.Link is null ? mail.Body : mail.Body.TrimEnd() + "\n\n" + new Uri(portal, mail.Link.TrimStart('/')).AbsoluteUri + "\n";
            try
            {
                await transport.SendAsync(new OutgoingMail(MailQueue.MessageId(mail), mail.To, mail.Subject, body), cancellationToken).ConfigureAwait(false);
                mail.SentAt = time.GetUtcNow();
                mail.LastError = null;
                sent++;
            }
            catch (MailNotSentException e)
            {
                mail.LastError = e.InnerException?.GetType().Name ?? nameof(MailNotSentException);
                if (mail.Attempts >= MailQueue.MaxAttempts) mail.FailedAt = time.GetUtcNow();
                else mail.DueAt = time.GetUtcNow() + MailQueue.Backoff(mail.Attempts);
                logger.LogWarning("Mail {Id} niet verstuurd (poging {Attempt}: {Error}).", mail.Id, mail.Attempts, mail.LastError);
            }
            mail.LockedUntil = null;
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        return sent;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SendDueAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                logger.LogWarning("Mailwachtrij: {Error}; opnieuw over {Seconds} s.", e.GetType().Name, MailQueue.PollInterval.TotalSeconds);
            }
            try
            {
                // real time between looks (as the School outbox polls): what is due is decided by the clock above
                await Task.Delay(MailQueue.PollInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
