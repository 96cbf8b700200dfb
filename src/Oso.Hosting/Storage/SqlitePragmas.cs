using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Oso.Hosting.Storage;

/// <summary>
/// Per-connection SQLite settings: WAL with <c>synchronous=NORMAL</c> (a committed transaction survives a crash of the
/// process; only a power loss can undo the last commits — PostgreSQL is the choice where that matters), a busy
/// timeout so a writer waits for another writer instead of failing (in WAL mode readers never wait), and foreign keys on.
/// Set once per physical connection: a pooled connection keeps them, so reopening it from the pool runs nothing
/// (the profile of issue 14 had the pragmas on every open at 1.6 % of a transfer's samples).
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";

    // EF Core checks that a database exists with a read-only connection; switching a database that is not yet in WAL
    // mode (a restored snapshot, a copy made by sqlite3) would be a write, so that connection leaves the mode alone
    private const string ReadOnlyPragmas = "PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";

    // the native handle outlives the pooled SqliteConnection objects that borrow it, and is collected with it
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> Set = [];

    private static bool AlreadySet(DbConnection connection) =>
        connection is Microsoft.Data.Sqlite.SqliteConnection { Handle: { } handle } && Set.TryGetValue(handle, out _);

    private static void Remember(DbConnection connection)
    {
        if (connection is Microsoft.Data.Sqlite.SqliteConnection { Handle: { } handle }) Set.TryAdd(handle, Set);
    }

    private static string For(DbConnection connection) =>
        new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connection.ConnectionString).Mode == Microsoft.Data.Sqlite.SqliteOpenMode.ReadOnly ? ReadOnlyPragmas : Pragmas;

    /// <inheritdoc />
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (AlreadySet(connection)) return;
        using var command = connection.CreateCommand();
        command.CommandText = For(connection);
        command.ExecuteNonQuery();
        Remember(connection);
    }

    /// <inheritdoc />
    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (AlreadySet(connection)) return;
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = For(connection);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        Remember(connection);
    }
}
