namespace Oso.Testing;

/// <summary>The database engines every storage test runs on.</summary>
public enum DatabaseProvider
{
    /// <summary>The embedded default: a SQLite file in a temporary directory.</summary>
    Sqlite,

    /// <summary>A real PostgreSQL server, started by ./test.sh (OSO_TEST_POSTGRES holds its connection string).</summary>
    Postgres,
}

/// <summary>
/// A fresh, empty database for one test (class): a SQLite file, or a new database on the PostgreSQL server that
/// ./test.sh started. Disposing drops it. When PostgreSQL is not configured, tests that ask for it are skipped —
/// or fail, under OSO_REQUIRE_POSTGRES=1.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    private readonly string? _directory;

    private TestDatabase(DatabaseProvider provider, string connectionString, string? directory, string? name)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _directory = directory;
        Name = name;
    }

    public DatabaseProvider Provider { get; }

    /// <summary>An ADO.NET connection string (SQLite "Data Source=...", or Npgsql).</summary>
    public string ConnectionString { get; }

    /// <summary>The PostgreSQL database name (null for SQLite).</summary>
    public string? Name { get; }

    /// <summary>For theories: both providers.</summary>
    public static TheoryData<DatabaseProvider> Providers => new(DatabaseProvider.Sqlite, DatabaseProvider.Postgres);

    /// <summary>True when a PostgreSQL server is configured; otherwise the reason (for class fixtures that skip later).</summary>
    public static bool PostgresAvailable(out string reason)
    {
        var server = Environment.GetEnvironmentVariable("OSO_TEST_POSTGRES");
        reason = "PostgreSQL is not available (./test.sh starts one and sets OSO_TEST_POSTGRES).";
        return !string.IsNullOrEmpty(server) && server != "unavailable" && server != "0";
    }

    /// <summary>The server's connection string, or null (skips or fails the test as configured).</summary>
    public static string RequirePostgres()
    {
        var server = Environment.GetEnvironmentVariable("OSO_TEST_POSTGRES");
        if (!string.IsNullOrEmpty(server) && server != "unavailable" && server != "0") return server;
        const string reason = "PostgreSQL is not available (./test.sh starts one and sets OSO_TEST_POSTGRES).";
        if (Environment.GetEnvironmentVariable("OSO_REQUIRE_POSTGRES") == "1") Assert.Fail(reason);
        Assert.Skip(reason);
        return null!;
    }

    /// <summary>Creates an empty database. For PostgreSQL the caller's storage layer creates the schema (migrations).</summary>
    public static TestDatabase Create(DatabaseProvider provider, string purpose = "test")
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var directory = Path.Combine(Path.GetTempPath(), "oso-db-" + Guid.NewGuid().ToString("N")[..12]);
            System.IO.Directory.CreateDirectory(directory);
            return new TestDatabase(provider, $"Data Source={Path.Combine(directory, purpose + ".db")}", directory, null);
        }
        var server = RequirePostgres();
        var name = "oso_" + purpose.ToLowerInvariant().Replace('-', '_') + "_" + Guid.NewGuid().ToString("N")[..12];
        // the storage layer creates the database itself (EnsureCreated/Migrate create a missing database)
        return new TestDatabase(provider, server + ";Database=" + name + ";Pooling=true", null, name);
    }

    /// <summary>The data directory for a SQLite database (null for PostgreSQL).</summary>
    public string? DataDirectory => _directory;

    public void Dispose()
    {
        if (_directory is not null)
        {
            try { System.IO.Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
        // PostgreSQL databases live in the throwaway cluster ./test.sh removes at the end of the run
    }
}
