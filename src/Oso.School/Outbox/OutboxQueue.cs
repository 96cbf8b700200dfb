using System.Text.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Oso.School.Storage;

namespace Oso.School.Outbox;

/// <summary>What a handler decided.</summary>
public abstract record OutboxOutcome
{
    private OutboxOutcome()
    {
    }

    /// <summary>Done.</summary>
    public static OutboxOutcome Done { get; } = new Completed();

    /// <summary>Try again later.</summary>
    public static OutboxOutcome RetryLater(string error) => new Retry(error);

    /// <summary>Give up (permanent).</summary>
    public static OutboxOutcome GiveUp(string error) => new Failed(error);

    /// <summary>Done.</summary>
    public sealed record Completed : OutboxOutcome;

    /// <summary>Try again with backoff.</summary>
    /// <param name="Error">Why (no personal data).</param>
    public sealed record Retry(string Error) : OutboxOutcome;

    /// <summary>Given up.</summary>
    /// <param name="Error">Why (no personal data).</param>
    public sealed record Failed(string Error) : OutboxOutcome;
}

/// <summary>Carries out one kind of outbox work. Handlers must be idempotent: after a crash a message runs again.</summary>
public interface IOutboxHandler
{
    /// <summary>The kind handled.</summary>
    string Kind { get; }

    /// <summary>Does the work.</summary>
    Task<OutboxOutcome> HandleAsync(OutboxMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Called once when the outbox gives up on a message of this kind (<see cref="OutboxOutcome.GiveUp"/>, or a retry at the
    /// maximum number of attempts), inside the transaction that marks the message failed: record the final failure where
    /// people will see it. Nothing by default. Change only <paramref name="db"/>: do not call <see cref="SchoolStore.WriteAsync{T}"/>
    /// (on SQLite it would wait for this very transaction).
    /// </summary>
    /// <param name="db">The transaction's context (changes are saved and committed with the failed message).</param>
    /// <param name="message">The message, with its attempts.</param>
    /// <param name="reason">The last error (no personal data).</param>
    /// <param name="cancellationToken">Cancels.</param>
    Task OnGivenUpAsync(SchoolDbContext db, OutboxMessage message, string reason, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Queues outbox work inside the caller's transaction and wakes the worker after the commit.</summary>
public sealed class OutboxQueue(TimeProvider time)
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    internal ChannelReader<bool> Wake => _wake.Reader;

    /// <summary>
    /// Adds a message (once per idempotency key: a key already queued is not queued again). Call inside
    /// <see cref="SchoolStore.WriteAsync{T}"/> so the message commits with the change that caused it.
    /// </summary>
    public async Task EnqueueAsync<TPayload>(SchoolDbContext db, string kind, TPayload payload, string idempotencyKey, TimeSpan? delay = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.Outbox.AnyAsync(m => m.IdempotencyKey == idempotencyKey, cancellationToken).ConfigureAwait(false)) return;
        if (db.ChangeTracker.Entries<OutboxMessage>().Any(e => e.Entity.IdempotencyKey == idempotencyKey)) return;
        var now = time.GetUtcNow();
        db.Outbox.Add(new OutboxMessage
        {
            Id = Guid.NewGuid(),
            Kind = kind,
            Payload = JsonSerializer.Serialize(payload),
            IdempotencyKey = idempotencyKey,
            CreatedAt = now,
            TraceParent = Oso.Hosting.Telemetry.OsoTelemetry.CurrentTraceParent,
            DueAt = now + (delay ?? TimeSpan.Zero),
        });
        // not now: before the commit the worker cannot see the message, finds nothing and sleeps until the next poll
        db.AfterCommit(Signal);
    }

    /// <summary>Wakes the worker (after a commit; harmless when there is nothing to do).</summary>
    public void Signal() => _wake.Writer.TryWrite(true);
}
