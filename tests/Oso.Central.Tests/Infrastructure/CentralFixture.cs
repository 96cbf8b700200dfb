using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Oso.Testing;

namespace Oso.Central.Tests.Infrastructure;

/// <summary>
/// A running Central (real Kestrel listeners on free ports, mutual TLS) on a fresh database of one engine, shared by
/// the tests of one class. Each test makes its own schools and systems (<see cref="Parties"/>), so tests do not
/// interfere. On PostgreSQL without a server (OSO_TEST_POSTGRES unset) the tests skip — or fail under
/// OSO_REQUIRE_POSTGRES=1.
/// </summary>
public abstract class CentralFixture : IAsyncLifetime
{
    private CentralHandle? _central;
    private TestDatabase? _database;
    private string? _skip;
    private int _next = 100;

    protected abstract DatabaseProvider Provider { get; }

    public FakeTimeProvider Time { get; } = new(TimeProvider.System.GetUtcNow());

    public LogCapture Logs { get; } = new();

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "oso-central-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>The running Central (skips the test when its engine is not available).</summary>
    public CentralHandle Central
    {
        get
        {
            if (_skip is not null) Assert.Skip(_skip);
            return _central!;
        }
    }

    public CentralAdmin Admin => Central.Admin;

    /// <summary>The database Central runs on (for a second instance on the same data).</summary>
    public string? DatabaseConnectionString => _database?.ConnectionString;

    public DatabaseProvider Engine => Provider;

    public async ValueTask InitializeAsync()
    {
        if (Provider == DatabaseProvider.Postgres && !PostgresAvailable(out _skip)) return;
        _database = TestDatabase.Create(Provider, "central");
        _central = await CentralHost.StartAsync(Configure(new CentralOptions
        {
            DataDirectory = DataDirectory,
            Database = _database.ConnectionString,
            PortalPort = 0,
            ProtocolPort = 0,
            TimeProvider = Time,
            RateLimit = new Oso.Hosting.Accounts.SignInRateLimitOptions { PermitLimit = 10_000 }, // many people sign in from one address here
            Logging = l => l.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug),
        }));
    }

    /// <summary>Changes the options a subclass needs (a different rate limit, SQLite in the data directory, captured output).</summary>
    protected virtual CentralOptions Configure(CentralOptions options) => options;

    /// <summary>A BRIN no other test of this fixture uses.</summary>
    public string NextBrin()
    {
        var n = Interlocked.Increment(ref _next);
        return $"{n / 676 % 100:00}{(char)('A' + n / 26 % 26)}{(char)('A' + n % 26)}";
    }

    public async ValueTask DisposeAsync()
    {
        if (_central is not null) await _central.DisposeAsync();
        _database?.Dispose();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        GC.SuppressFinalize(this);
    }

    private static bool PostgresAvailable(out string? skip)
    {
        skip = null;
        if (TestDatabase.PostgresAvailable(out var reason)) return true;
        skip = reason;
        if (Environment.GetEnvironmentVariable("OSO_REQUIRE_POSTGRES") == "1") throw new InvalidOperationException(skip);
        return false;
    }
}

public sealed class SqliteCentral : CentralFixture
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresCentral : CentralFixture
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
