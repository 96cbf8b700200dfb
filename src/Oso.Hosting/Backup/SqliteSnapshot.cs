using Microsoft.Data.Sqlite;

namespace Oso.Hosting.Backup;

/// <summary>
/// A consistent copy of a SQLite database while its host keeps writing: <c>VACUUM INTO</c> reads one snapshot (a read
/// transaction, which in WAL mode never blocks the writer) and writes it as a new, compact database file. Copying the
/// database file itself would miss what is still in the WAL, or catch a half-written checkpoint.
/// </summary>
public static class SqliteSnapshot
{
    /// <summary>Writes a snapshot of the database at <paramref name="connectionString"/> to <paramref name="target"/> (a new file).</summary>
    public static async Task CopyAsync(string connectionString, string target, CancellationToken cancellationToken)
    {
        await using var connection = Open(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout=10000; VACUUM INTO $target;";
        command.Parameters.AddWithValue("$target", target);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The database file a connection string names.</summary>
    public static string FileOf(string connectionString) => Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);

    /// <summary>SQLite's own check of a database file; null when it is sound, otherwise its first complaint.</summary>
    public static async Task<string?> IntegrityProblemAsync(string file, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = Open($"Data Source={file}");
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA integrity_check;";
            var result = (string?)await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return result == "ok" ? null : result ?? "geen antwoord";
        }
        catch (SqliteException e)
        {
            return e.Message;
        }
    }

    /// <summary>The last EF Core migration applied to a database file, or null when it has none.</summary>
    public static async Task<string?> SchemaAsync(string file, CancellationToken cancellationToken)
    {
        await using var connection = Open($"Data Source={file}");
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory';";
        if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null) return null;
        command.CommandText = "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY \"MigrationId\" DESC LIMIT 1;";
        return (string?)await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    // no pooling: the file is closed when the connection is, so a temporary snapshot can be deleted at once
    private static SqliteConnection Open(string connectionString) =>
        new(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
}
