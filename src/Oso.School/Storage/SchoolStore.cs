using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using Oso.Hosting.Storage;
using Oso.School.Audit;
using Oso.School.Bron;
using Oso.School.Outbox;

namespace Oso.School.Storage;

/// <summary>
/// Runs work in one database transaction: the data change, its audit records and its outbox messages commit together
/// or not at all — a crash loses and duplicates nothing. On SQLite (one instance) writers are serialised in-process
/// (<see cref="SqliteWriteGate"/>); on PostgreSQL row locks do that across instances.
/// </summary>
public sealed class SchoolStore(IDbContextFactory<SchoolDbContext> factory)
{
    /// <summary>
    /// The rows a unit of work appends: audit records, outbox messages, disclosures and kept requests. Their new rows are
    /// inserted with hand-made statements in one command (<see cref="RowStatements"/>, ADR 0016).
    /// </summary>
    internal static readonly FrozenSet<Type> AppendOnly =
        new[] { typeof(AuditEntry), typeof(OutboxMessage), typeof(Disclosure), typeof(IncomingRequest) }.ToFrozenSet();

    /// <summary>
    /// The audit chain's head, moved on by every unit of work that records: its UPDATE goes in the same command (the row
    /// was locked when <see cref="AuditLog"/> read it, FOR UPDATE on PostgreSQL; the same values, the same transaction).
    /// Everything else — a request's status, a new pupil, … — is saved through <c>SaveChanges</c> as before.
    /// </summary>
    internal static readonly FrozenSet<Type> ChangedByHand = new[] { typeof(AuditHead) }.ToFrozenSet();

    /// <summary>A context for reading (no transaction).</summary>
    public SchoolDbContext Read() => factory.CreateDbContext();

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction, saves (the new append-only rows by hand, the rest through
    /// <c>SaveChanges</c>) and commits.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<SchoolDbContext, Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        using var turn = await SqliteWriteGate.EnterAsync(db.Database, cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var result = await work(db).ConfigureAwait(false);
        await RowStatements.SaveAsync(db, AppendOnly, ChangedByHand, cancellationToken: cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        db.Committed(); // e.g. wake the outbox worker for messages that are only now visible to it
        return result;
    }

    /// <summary>Runs <paramref name="work"/> in a transaction, saves and commits.</summary>
    public Task WriteAsync(Func<SchoolDbContext, Task> work, CancellationToken cancellationToken = default) =>
        WriteAsync<bool>(async db =>
        {
            await work(db).ConfigureAwait(false);
            return true;
        }, cancellationToken);
}
