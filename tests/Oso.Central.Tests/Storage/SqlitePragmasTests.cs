using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Oso.Central.Storage;
using Oso.Hosting.Storage;

namespace Oso.Central.Tests.Storage;

/// <summary>The SQLite settings hold on every connection, also on one reopened from the pool, where they are not set again.</summary>
public sealed class SqlitePragmasTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "oso-pragmas-" + Guid.NewGuid().ToString("N")[..12] + ".db");

    [Fact]
    public async Task A_connection_reopened_from_the_pool_keeps_wal_synchronous_normal_busy_timeout_and_foreign_keys()
    {
        var ct = TestContext.Current.CancellationToken;
        var options = new DbContextOptionsBuilder<CentralSqliteDb>().UseSqlite($"Data Source={_file};Pooling=true").AddInterceptors(new SqlitePragmas()).Options;
        object? firstHandle = null;
        for (var open = 0; open < 3; open++)
        {
            await using var db = new CentralSqliteDb(options);
            await db.Database.OpenConnectionAsync(ct);
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            firstHandle ??= connection.Handle;

            Assert.Same(firstHandle, connection.Handle); // the same physical connection, from the pool
            Assert.Equal("wal", await PragmaAsync(connection, "journal_mode", ct));
            Assert.Equal("1", await PragmaAsync(connection, "synchronous", ct)); // NORMAL
            Assert.Equal("10000", await PragmaAsync(connection, "busy_timeout", ct));
            Assert.Equal("1", await PragmaAsync(connection, "foreign_keys", ct));
        }
    }

    private static async Task<string?> PragmaAsync(SqliteConnection connection, string name, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA " + name;
        return Convert.ToString(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _file, _file + "-wal", _file + "-shm" })
            if (File.Exists(f)) File.Delete(f);
    }
}
