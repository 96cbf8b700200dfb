using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Oso.Hosting.Mail;

/// <summary>
/// A mail waiting to be sent, stored in the host's own database with the change that caused it (for a host without an
/// outbox of its own, such as Central): sent by <see cref="MailQueueWorker{TContext}"/>, retried with backoff while the
/// mail server is away, once per <see cref="Key"/>.
/// </summary>
public sealed class QueuedMail
{
    /// <summary>Id.</summary>
    public Guid Id { get; init; }

    /// <summary>What the mail is about, unique: the same event never queues a second mail.</summary>
    public required string Key { get; init; }

    /// <summary>The address.</summary>
    public required string To { get; init; }

    /// <summary>The subject.</summary>
    public required string Subject { get; init; }

    /// <summary>Plain text (no pupil data: Central has none).</summary>
    public required string Body { get; init; }

    /// <summary>A path in the host's portal (e.g. <c>/mijn-oso</c>) the mail ends with, made absolute when it is sent.</summary>
    public string? Link { get; init; }

    /// <summary>When queued.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Not before.</summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>Attempts so far.</summary>
    public int Attempts { get; set; }

    /// <summary>Claimed by a worker until (another instance may take over after).</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>When sent.</summary>
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>When given up.</summary>
    public DateTimeOffset? FailedAt { get; set; }

    /// <summary>The last error (a type name: never an address).</summary>
    public string? LastError { get; set; }
}

/// <summary>Adding mail to the queue, and mapping the queue in a host's model.</summary>
public static class MailQueue
{
    /// <summary>Attempts before a mail is given up.</summary>
    public const int MaxAttempts = 12;

    /// <summary>How long sent or given-up mail stays in the queue.</summary>
    public static TimeSpan KeepSent { get; } = TimeSpan.FromDays(30);

    /// <summary>How often the queue is looked at.</summary>
    public static TimeSpan PollInterval { get; } = TimeSpan.FromSeconds(2);

    /// <summary>The wait after attempt <paramref name="attempt"/>: 30 s, doubling, at most an hour.</summary>
    public static TimeSpan Backoff(int attempt) => TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Math.Max(0, attempt - 1))));

    /// <summary>Maps <see cref="QueuedMail"/> to <paramref name="table"/> (call from <c>OnModelCreating</c>).</summary>
    public static void Map(ModelBuilder builder, string table)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Entity<QueuedMail>(e =>
        {
            e.ToTable(table);
            e.HasKey(m => m.Id);
            e.HasIndex(m => m.Key).IsUnique();
            e.HasIndex(m => new { m.SentAt, m.FailedAt, m.DueAt });
            e.Property(m => m.Key).HasMaxLength(200);
            e.Property(m => m.To).HasMaxLength(254);
            e.Property(m => m.Subject).HasMaxLength(200);
            e.Property(m => m.Body).HasMaxLength(8000);
            e.Property(m => m.Link).HasMaxLength(400);
            e.Property(m => m.LastError).HasMaxLength(400);
        });
    }

    /// <summary>
    /// Adds a mail to <paramref name="db"/> (saved with the caller's next SaveChanges, so it goes with the change it is
    /// about) — unless a mail with this key is queued already.
    /// </summary>
    public static async Task QueueAsync(DbContext db, string key, string to, string subject, string body, string? link, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.ChangeTracker.Entries<QueuedMail>().Any(e => e.Entity.Key == key)) return;
        if (await db.Set<QueuedMail>().AnyAsync(m => m.Key == key, cancellationToken).ConfigureAwait(false)) return;
        db.Set<QueuedMail>().Add(new QueuedMail
        {
            Id = Guid.NewGuid(), Key = key, To = to, Subject = subject, Body = body, Link = link, CreatedAt = now, DueAt = now,
        });
    }

    /// <summary>The message id of a queued mail: the same on every attempt.</summary>
    public static string MessageId(QueuedMail mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        return $"<{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(mail.Key)))[..32]}@openoso>";
    }
}
