namespace Oso.School.Outbox;

/// <summary>
/// Work that outlives a request (a transfer, a notification, a webhook, a purge), stored with the change that caused it
/// and carried out by the <see cref="OutboxWorker"/>: it survives restarts, and several node instances on one
/// PostgreSQL share it without doing anything twice at the same time (claimed with a lease).
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>Id.</summary>
    public Guid Id { get; init; }

    /// <summary>What to do (a handler's kind, e.g. <c>transfer.run</c>).</summary>
    public required string Kind { get; init; }

    /// <summary>Ids the handler needs (JSON); never personal data.</summary>
    public required string Payload { get; init; }

    /// <summary>Deduplicates: the same key is queued once.</summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>When it was queued.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Not before.</summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>Attempts so far.</summary>
    public int Attempts { get; set; }

    /// <summary>The instance working on it.</summary>
    public string? LockedBy { get; set; }

    /// <summary>Until when the claim holds (after a crash, another instance takes over).</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>When it was done.</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>When it was given up.</summary>
    public DateTimeOffset? FailedAt { get; set; }

    /// <summary>The last error (no personal data).</summary>
    public string? LastError { get; set; }

    /// <summary>The W3C <c>traceparent</c> of the code that queued it: the work continues that trace.</summary>
    public string? TraceParent { get; init; }
}
