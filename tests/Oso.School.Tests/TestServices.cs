using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Oso.Hosting.Certificates;
using Oso.Hosting.Storage;
using DatabaseProvider = Oso.Testing.DatabaseProvider;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Security;
using Oso.School.Protocol;
using Oso.School.Storage;
using Oso.Testing;

namespace Oso.School.Tests;

/// <summary>
/// The node's services on a real database (SQLite file or PostgreSQL) without listeners: for testing storage, crypto,
/// audit, outbox and the bron/doel services directly. Protocol calls go nowhere (a closed port).
/// </summary>
public sealed class TestServices : IAsyncDisposable
{
    private readonly TestDatabase _database;
    private readonly string _data;

    private TestServices(ServiceProvider provider, TestDatabase database, string data, DevelopmentCertificateAuthority ca)
    {
        Provider = provider;
        _database = database;
        _data = data;
        Ca = ca;
    }

    public ServiceProvider Provider { get; }

    public DevelopmentCertificateAuthority Ca { get; }

    public string DataDirectory => _data;

    public DatabaseProvider Engine => _database.Provider;

    public T Get<T>() where T : notnull => Provider.GetRequiredService<T>();

    public static async Task<TestServices> CreateAsync(DatabaseProvider engine, Action<IServiceCollection>? configure = null)
    {
        var database = TestDatabase.Create(engine, "school");
        var data = Directory.CreateTempSubdirectory("oso-school-").FullName;
        var time = TimeProvider.System;
        var ca = DevelopmentCertificateAuthority.Create(time);
        var caDir = Path.Combine(data, "ca");
        ca.Save(caDir);
        using (var system = ca.IssueSystemCertificate(SysteemId.Parse("testlas")))
            DevelopmentCertificateAuthority.SavePem(system, data, "system");
        var options = new SchoolOptions
        {
            DataDirectory = data,
            Database = engine == DatabaseProvider.Postgres ? database.ConnectionString : null,
            TrafficCenterUrl = new Uri("https://127.0.0.1:9/oso/tc"),
            SystemCertificate = Path.Combine(data, "system.crt.pem"),
            SystemKey = Path.Combine(data, "system.key.pem"),
            DevelopmentCaDirectory = caDir,
        };
        if (engine == DatabaseProvider.Sqlite)
            options = options with { Database = null };
        var tls = HostTls.Development(Path.Combine(data, "tls"), ca, time);
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSchoolNode(options, engine == DatabaseProvider.Sqlite ? database.DataDirectory! : data, tls, new NodeConnections(options, tls, time));
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        await using (var scope = provider.CreateAsyncScope())
            await DatabaseSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<SchoolDbContext>());
        return new TestServices(provider, database, data, ca);
    }

    public async ValueTask DisposeAsync()
    {
        await Provider.DisposeAsync();
        Ca.Dispose();
        _database.Dispose();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }
}
