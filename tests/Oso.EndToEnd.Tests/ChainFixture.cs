using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Oso.Cli.Demo;
using Oso.Cli.Up;
using Oso.Hosting.Logging;
using Oso.School.Crypto;
using Oso.School.Outbox;
using Oso.Synthetic;
using Oso.Testing;

namespace Oso.EndToEnd.Tests;

/// <summary>
/// A running chain for one test class: Central and a School node on free ports with real mutual TLS, on SQLite or on
/// PostgreSQL, with the demo schools (and no seeded pupils: each test makes its own). Every byte Central receives
/// is captured, to prove no PGN ever reaches it.
/// </summary>
public abstract partial class ChainFixture : IAsyncLifetime
{
    private readonly List<TestDatabase> _databases = [];
    private readonly List<IDisposable> _owned = [];
    private string _directory = "";

    protected abstract DatabaseProvider Provider { get; }

    /// <summary>The clock of both hosts (the system clock unless a fixture moves time).</summary>
    protected virtual TimeProvider Time => TimeProvider.System;

    /// <summary>Outbox attempts before the node gives up (high by default, so retries always get through).</summary>
    protected virtual int MaxAttempts => 100;

    public DemoChain Chain { get; private set; } = null!;

    public string DataDirectory => _directory;

    /// <summary>Every SOAP exchange Central and the School node served, as it went over the wire.</summary>
    public WireCapture Wire { get; } = new();

    /// <summary>Changes the bron's documentResponses while a test has it armed (a party on the wire).</summary>
    public ResponseTamper Tamper { get; } = new();

    /// <summary>Loses the Traffic Center's answer to an overdrachtRequest after the TC committed it.</summary>
    public LostAnswer LostAnswer { get; } = new();

    /// <summary>Every request body Central received (both listeners).</summary>
    public ConcurrentQueue<byte[]> ReceivedByCentral { get; } = new();

    public X509Certificate2 Anchor { get; private set; } = null!;

    /// <summary>Every log line of the School node, at every level.</summary>
    public LogCapture SchoolLogs { get; } = new();

    public async ValueTask InitializeAsync()
    {
        if (Provider == DatabaseProvider.Postgres && !TestDatabase.PostgresAvailable(out _)) return; // each test skips itself
        _directory = Directory.CreateTempSubdirectory("oso-e2e-").FullName;
        string? central = null, school = null;
        if (Provider == DatabaseProvider.Postgres)
        {
            var c = TestDatabase.Create(DatabaseProvider.Postgres, "central");
            var s = TestDatabase.Create(DatabaseProvider.Postgres, "school");
            _databases.AddRange([c, s]);
            (central, school) = (c.ConnectionString, s.ConnectionString);
        }
        Chain = await DemoChain.StartAsync(Configure(new ChainOptions
        {
            DataDirectory = _directory,
            CentralPortalPort = 0, CentralProtocolPort = 0, SchoolPortalPort = 0, SchoolProtocolPort = 0,
            CentralDatabase = central, SchoolDatabase = school,
            Pupils = 0,
            CentralPipeline = Capture,
            // short leases and backoff so restart tests finish in seconds; key rotation in seconds too, in small batches
            Time = Time,
            ConfigureSchool = services =>
            {
                // every level of our own categories, but the framework at the levels the product logs it, so what the
                // capture sees is what an operator's log would show
                services.AddSingleton(Time).AddLogging(b =>
                {
                    b.AddProvider(SchoolLogs).AddFilter<LogCapture>(null, LogLevel.Trace);
                    foreach (var category in OsoLogging.WarningOnlyCategories) b.AddFilter<LogCapture>(category, LogLevel.Warning);
                });
                services.AddSingleton(Options.Create(new OutboxOptions
                {
                    Lease = TimeSpan.FromSeconds(4), PollInterval = TimeSpan.FromMilliseconds(250), FirstBackoff = TimeSpan.FromMilliseconds(500),
                    MaxBackoff = TimeSpan.FromSeconds(2), MaxAttempts = MaxAttempts,
                }));
                services.AddSingleton(Options.Create(new KeyRotationOptions { CurrentKeyRefresh = TimeSpan.FromSeconds(1), Grace = TimeSpan.FromSeconds(3), BatchSize = 3 }));
                services.AddSingleton(Wire.Filter("school"));
                services.AddSingleton(Tamper.Filter());
            },
        }));
        Anchor = X509CertificateLoader.LoadCertificateFromFile(Chain.Central.TrustAnchorPemPath);
    }

    /// <summary>Adjusts the chain's options before it starts (e.g. telemetry capture).</summary>
    protected virtual ChainOptions Configure(ChainOptions options) => options;

    private void Capture(WebApplication app)
    {
        LostAnswer.Use(app);
        CaptureBodies(app);
        Wire.Use(app, "central");
    }

    // a copy of what Central's endpoints read, taken as they read it: a body they refuse unread is not read here either
    private void CaptureBodies(WebApplication app) => app.Use(async (HttpContext context, Func<Task> next) =>
    {
        var original = context.Request.Body;
        using var copy = new MemoryStream();
        context.Request.Body = new ReadCopyStream(original, copy);
        try
        {
            await next();
        }
        finally
        {
            context.Request.Body = original;
            ReceivedByCentral.Enqueue(copy.ToArray());
        }
    });

    public void RequireChain()
    {
        if (Chain is null) TestDatabase.RequirePostgres();
    }

    public LasApiClient Las(DemoSchool school) => new(Chain.School.PortalUrl, school.Brin, school.LasSleutel, Anchor);

    public LasApiClient Po => Las(Chain.State.Po);

    public LasApiClient Vo => Las(Chain.State.Vo);

    /// <summary>
    /// A bare HTTP client that trusts the node's server certificate as the node's own peers do, optionally presenting a
    /// client certificate; every request opens a new connection (the node decides about certificates at the handshake).
    /// </summary>
    public HttpClient NodeHttpClient(X509Certificate2? clientCertificate = null) => new(new SocketsHttpHandler
    {
        SslOptions = new System.Net.Security.SslClientAuthenticationOptions
        {
            ClientCertificates = clientCertificate is null ? null : [clientCertificate],
            RemoteCertificateValidationCallback = Chain.School.Services.GetRequiredService<Oso.School.Protocol.NodeConnections>().Validator.ServerCertificateCallback(),
        },
        PooledConnectionLifetime = TimeSpan.Zero,
    });

    private int _seed = 100;

    /// <summary>A new synthetic POVO pupil of the demo primary school (not yet seen by the parents).</summary>
    public Dossier.Model.Dossier NewPupil(SyntheticProfile? profile = null, DemoSchools.Definition? school = null, long attachmentSize = 8 * 1024) =>
        SyntheticDossiers.Create(profile ?? SyntheticProfile.Povo, Interlocked.Increment(ref _seed), Today,
            new SyntheticOptions { School = DemoSchools.SyntheticSchool(school ?? DemoSchools.Po), AttachmentSize = attachmentSize }) with { Inzage = null };

    public static DateOnly Today => DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);

    private readonly SemaphoreSlim _extra = new(1, 1);
    private DemoSchool? _secondVo, _secondPo, _unqualifiedVo;

    /// <summary>A second, qualified VO school on the node (93VO), for VO→VO transfers.</summary>
    public async Task<DemoSchool> SecondVoAsync()
    {
        await _extra.WaitAsync();
        try
        {
            return _secondVo ??= await Chain.AddSchoolAsync(new DemoSchools.Definition("93VO", "Het Tweede Lyceum", "VO", "0000000700093VO00001"));
        }
        finally
        {
            _extra.Release();
        }
    }

    /// <summary>A second primary school (95PO), for PO to PO transfers.</summary>
    public async Task<DemoSchool> SecondPoAsync()
    {
        await _extra.WaitAsync();
        try
        {
            return _secondPo ??= await Chain.AddSchoolAsync(new DemoSchools.Definition("95PO", "Basisschool De Tweede", "PO", "0000000700095PO00001"));
        }
        finally
        {
            _extra.Release();
        }
    }

    /// <summary>A VO school that is registered and mandated but not qualified (94VO).</summary>
    public async Task<DemoSchool> UnqualifiedVoAsync()
    {
        await _extra.WaitAsync();
        try
        {
            return _unqualifiedVo ??= await Chain.AddSchoolAsync(new DemoSchools.Definition("94VO", "Nog Niet Gekwalificeerd College", "VO", "0000000700094VO00001"), qualify: false);
        }
        finally
        {
            _extra.Release();
        }
    }

    public bool CentralSaw(string text) => ReceivedByCentral.Any(b => Encoding.UTF8.GetString(b).Contains(text, StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        if (Chain is not null) await Chain.DisposeAsync();
        foreach (var owned in _owned) owned.Dispose();
        foreach (var d in _databases) d.Dispose();
        Anchor?.Dispose();
        try { if (_directory.Length > 0) Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        _extra.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteChain : ChainFixture
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresChain : ChainFixture
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
