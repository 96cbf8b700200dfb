using Microsoft.EntityFrameworkCore;
using Oso.Hosting.Storage;

namespace Oso.School.Storage;

/// <summary>
/// Runs work in one database transaction: the data change, its audit records and its outbox messages commit together
/// or not at all — a crash loses and duplicates nothing. On SQLite (one instance) writers are serialised in-process
/// (<see cref="SqliteWriteGate"/>); on PostgreSQL row locks do that across instances.
/// </summary>
public sealed class SchoolStore(IDbContextFactory<SchoolDbContext> factory)
{
    /// <summary>A context for reading (no transaction).</summary>
    public SchoolDbContext Read() => factory.CreateDbContext();

    /// <summary>Runs <paramref name="work"/> in a transaction, saves and commits.</summary>
    public async Task<T> WriteAsync<T>(Func<SchoolDbContext, Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        using var turn = await SqliteWriteGate.EnterAsync(db.Database, cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var result = await work(db).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
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
