using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Oso.EndToEnd.Tests.Security.Matrix;

/// <summary>
/// A hash of what a refused request must not change in either database: every row of every table, blobs left out (an
/// encrypted dossier changes only with a row that also changes otherwise). Left out too is what a refusal writes by
/// design — the audit logs, the Traffic Center's trace and the refused sessions it keeps as trace — and what sign-ins
/// and the outbox worker touch on their own (failed-attempt counters, stamps, leases).
/// </summary>
public static class DatabaseFingerprint
{
    private static readonly HashSet<string> SkippedTables = new(StringComparer.Ordinal)
    {
        "audit", "tracestappen", "Audit", "AuditHeads", "__EFMigrationsHistory", "__EFMigrationsLock", "sqlite_sequence",
    };

    private static readonly HashSet<string> SkippedColumns = new(StringComparer.Ordinal)
    {
        "AccessFailedCount", "LockoutEnd", "ConcurrencyStamp", "SecurityStamp", "Attempts", "LockedBy", "LockedUntil", "DueAt", "LastError",
    };

    public static async Task<string> ComputeAsync(IEnumerable<string> databases, CancellationToken ct)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in databases)
        {
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            await connection.OpenAsync(ct);
            foreach (var table in await TablesAsync(connection, ct))
            {
                var columns = await ColumnsAsync(connection, table, ct);
                if (columns.Count == 0) continue;
                var filter = table == "sessies" ? " WHERE \"Status\" <> 'Geweigerd'" : "";
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT {string.Join(", ", columns.Select(c => $"\"{c}\""))} FROM \"{table}\"{filter} ORDER BY rowid";
                await using var reader = await command.ExecuteReaderAsync(ct);
                sha.AppendData(Encoding.UTF8.GetBytes("\u001e" + table));
                while (await reader.ReadAsync(ct))
                    for (var i = 0; i < reader.FieldCount; i++)
                        sha.AppendData(Encoding.UTF8.GetBytes("\u001f" + (reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
            }
        }
        return Convert.ToHexString(sha.GetHashAndReset());
    }

    private static async Task<List<string>> TablesAsync(SqliteConnection connection, CancellationToken ct)
    {
        var tables = new List<string>();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            if (!SkippedTables.Contains(reader.GetString(0))) tables.Add(reader.GetString(0));
        return tables;
    }

    private static async Task<List<string>> ColumnsAsync(SqliteConnection connection, string table, CancellationToken ct)
    {
        var columns = new List<string>();
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA table_info(\"{table}\")";
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var (name, type) = (reader.GetString(1), reader.GetString(2));
            if (!SkippedColumns.Contains(name) && !type.Equals("BLOB", StringComparison.OrdinalIgnoreCase)) columns.Add(name);
        }
        return columns;
    }
}
