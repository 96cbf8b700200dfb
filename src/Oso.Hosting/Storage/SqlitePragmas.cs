using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Oso.Hosting.Storage;

/// <summary>
/// Per-connection SQLite settings: WAL with <c>synchronous=NORMAL</c> (a committed transaction survives a crash of the
/// process; only a power loss can undo the last commits — PostgreSQL is the choice where that matters), a busy
/// timeout so a writer waits for another writer instead of failing (in WAL mode readers never wait), and foreign keys on.
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";

    /// <inheritdoc />
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
