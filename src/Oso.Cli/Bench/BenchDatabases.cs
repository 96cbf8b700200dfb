using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Oso.Cli.Up;

namespace Oso.Cli.Bench;

/// <summary>
/// <c>oso bench transfer --database 'Host=…'</c>: a fresh database for Central and one for the School node on the given
/// PostgreSQL server (the hosts' migrations create them), dropped again when the run ends — also when it fails.
/// </summary>
internal sealed class BenchDatabases : IAsyncDisposable
{
    private readonly NpgsqlConnectionStringBuilder _server;

    private BenchDatabases(NpgsqlConnectionStringBuilder server, string suffix)
    {
        _server = server;
        CentralName = "oso_bench_central_" + suffix;
        SchoolName = "oso_bench_school_" + suffix;
    }

    /// <summary>
    /// Starts the demo chain a bench measures, in <paramref name="directory"/>: on SQLite, or with <paramref name="databases"/>
    /// on the fresh PostgreSQL databases (created here; the log names them). The hosts log to standard error, so standard
    /// output carries the result (<c>--json</c>) alone.
    /// </summary>
    public static async Task<DemoChain> StartChainAsync(string directory, BenchDatabases? databases, TextWriter log, CancellationToken ct)
    {
        if (databases is not null)
        {
            await log.WriteLineAsync($"PostgreSQL: Central in database {databases.CentralName}, de School-node in {databases.SchoolName} (na afloop verwijderd).").ConfigureAwait(false);
            await databases.CreateAsync(ct).ConfigureAwait(false);
        }
        static void ToStandardError(IServiceCollection services) =>
            services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        return await DemoChain.StartAsync(new ChainOptions
        {
            DataDirectory = directory, CentralPortalPort = 0, CentralProtocolPort = 0, SchoolPortalPort = 0, SchoolProtocolPort = 0,
            Pupils = 0, SchoolBackgroundWork = false, CentralDatabase = databases?.Central, SchoolDatabase = databases?.School,
            ConfigureCentral = ToStandardError, ConfigureSchool = ToStandardError,
        }, ct).ConfigureAwait(false);
    }

    /// <summary>Central's database.</summary>
    public string CentralName { get; }

    /// <summary>The School node's database.</summary>
    public string SchoolName { get; }

    /// <summary>Central's connection string.</summary>
    public string Central => With(CentralName);

    /// <summary>The School node's connection string.</summary>
    public string School => With(SchoolName);

    /// <summary>
    /// The names for a run on <paramref name="server"/> (a Npgsql connection string naming a host), or the reason it is
    /// refused, in Dutch.
    /// </summary>
    public static BenchDatabases? For(string server, out string? refused) =>
        Parse(server, out refused) is { } builder ? new BenchDatabases(builder, Guid.NewGuid().ToString("N")[..10]) : null;

    /// <summary>Why <paramref name="server"/> is refused (in Dutch), or null.</summary>
    public static string? Refusal(string server)
    {
        _ = Parse(server, out var refused);
        return refused;
    }

    private static NpgsqlConnectionStringBuilder? Parse(string server, out string? refused)
    {
        refused = null;
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(server);
        }
        catch (ArgumentException e)
        {
            refused = $"oso: --database is geen geldige PostgreSQL-verbinding ({e.Message}).";
            return null;
        }
        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            refused = "oso: --database noemt geen server: geef een PostgreSQL-verbinding als 'Host=localhost;Username=oso;Password=…'.";
            return null;
        }
        return builder;
    }

    private string With(string database) => new NpgsqlConnectionStringBuilder(_server.ConnectionString) { Database = database }.ConnectionString;

    /// <summary>Creates both databases, empty (the hosts' migrations then find them and only add the tables).</summary>
    public async Task CreateAsync(CancellationToken ct)
    {
        await using var connection = await MaintenanceAsync(ct).ConfigureAwait(false);
        foreach (var name in new[] { CentralName, SchoolName })
        {
            // the names are ours (letters, digits and underscores): nothing of the user's input goes into the statement
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    private async Task<NpgsqlConnection> MaintenanceAsync(CancellationToken ct)
    {
        var maintenance = new NpgsqlConnectionStringBuilder(_server.ConnectionString) { Pooling = false };
        if (string.IsNullOrEmpty(maintenance.Database)) maintenance.Database = "postgres";
        var connection = new NpgsqlConnection(maintenance.ConnectionString);
        try
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Drops both databases (they may not exist when the run failed early).</summary>
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = await MaintenanceAsync(CancellationToken.None).ConfigureAwait(false);
        foreach (var name in new[] { CentralName, SchoolName })
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
    }
}
