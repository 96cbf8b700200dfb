using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Oso.Central;
using Oso.Central.Accounts;
using Oso.Central.Register;
using Oso.Dossier;
using Oso.Protocol.Messages;
using Oso.Protocol.Security;
using Oso.School;
using Oso.School.Audit;
using Oso.School.Bron;
using Oso.Synthetic;

namespace Oso.Cli.Up;

/// <summary>Where and how <see cref="DemoChain"/> runs.</summary>
public sealed record ChainOptions
{
    /// <summary>The data directory (Central in <c>DIR/central</c>, the School node in <c>DIR/school</c>).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Central's portal port (0: free port).</summary>
    public int CentralPortalPort { get; init; } = 7400;

    /// <summary>Central's protocol port.</summary>
    public int CentralProtocolPort { get; init; } = 7401;

    /// <summary>The School node's portal/LAS API port.</summary>
    public int SchoolPortalPort { get; init; } = 7410;

    /// <summary>The School node's protocol port.</summary>
    public int SchoolProtocolPort { get; init; } = 7411;

    /// <summary>Central's PostgreSQL connection string (null: SQLite).</summary>
    public string? CentralDatabase { get; init; }

    /// <summary>The node's PostgreSQL connection string (null: SQLite).</summary>
    public string? SchoolDatabase { get; init; }

    /// <summary>Synthetic pupils to give the demo primary school (first run only).</summary>
    public int Pupils { get; init; } = 24;

    /// <summary>The demo secondary school's LAS webhook (URL and secret), if any: set directly, so also an http URL on loopback.</summary>
    public (Uri Url, string Secret)? VoWebhook { get; init; }

    /// <summary>Progress messages (null: silent).</summary>
    public TextWriter? Log { get; init; }

    /// <summary>Extra School-node services (tests).</summary>
    public Action<IServiceCollection>? ConfigureSchool { get; init; }

    /// <summary>Extra Central services (tests: telemetry and log capture).</summary>
    public Action<IServiceCollection>? ConfigureCentral { get; init; }

    /// <summary>Extra Central middleware (tests).</summary>
    public Action<Microsoft.AspNetCore.Builder.WebApplication>? CentralPipeline { get; init; }

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>False to leave the node's background work to the caller (benchmarks).</summary>
    public bool SchoolBackgroundWork { get; init; } = true;
}

/// <summary>
/// Central and one School node on this machine, set up as a working OSO chain: a development CA, a demo primary and a
/// demo secondary school (registered, qualified, mandated, with aanleverpunten), LAS keys and synthetic pupils with
/// complete dossiers. The first start creates it all; later starts reuse the data. Used by <c>oso up</c>, <c>oso demo</c>,
/// the end-to-end tests and <c>oso bench transfer</c>.
/// </summary>
public sealed class DemoChain : IAsyncDisposable
{
    /// <summary>The demo supplier system (the node).</summary>
    public const string SysteemId = "openoso-demo";

    private const string BoardId = "40001";

    private DemoChain(CentralHandle central, SchoolNode school, DemoState state, ChainOptions options)
    {
        Central = central;
        School = school;
        State = state;
        Options = options;
        SchoolDataDirectory = Path.Combine(Path.GetFullPath(options.DataDirectory), "school");
    }

    /// <summary>The School node's data directory (<c>DIR/school</c>, unless a restart moved it).</summary>
    public string SchoolDataDirectory { get; private set; }

    /// <summary>Central.</summary>
    public CentralHandle Central { get; private set; }

    /// <summary>The School node.</summary>
    public SchoolNode School { get; private set; }

    /// <summary>The demo schools, keys and logins.</summary>
    public DemoState State { get; private set; }

    /// <summary>A parents' link for a demo pupil of the primary school, made at this start (development only).</summary>
    public Uri? ParentLink { get; private init; }

    /// <summary>The options.</summary>
    public ChainOptions Options { get; }

    /// <summary>Starts (and on the first run sets up) the chain.</summary>
    public static async Task<DemoChain> StartAsync(ChainOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var data = Oso.Hosting.Storage.DataDirectory.Prepare(options.DataDirectory);
        var state = DemoState.Load(data);

        options.Log?.WriteLine("Central starten…");
        var central = await StartCentralAsync(options, data, cancellationToken).ConfigureAwait(false);
        try
        {
            var schoolData = Path.Combine(data, "school");
            var tlsDirectory = Path.Combine(schoolData, "tls");
            if (state is null)
            {
                options.Log?.WriteLine("Register inrichten: bestuur, twee scholen, leverancierssysteem, mandaten, kwalificatie, certificaat…");
                await SeedRegisterAsync(central, tlsDirectory, options.Time, cancellationToken).ConfigureAwait(false);
            }

            options.Log?.WriteLine("School-node starten…");
            var school = await StartSchoolAsync(options, central, schoolData, tlsDirectory, cancellationToken).ConfigureAwait(false);
            if (state is null)
            {
                options.Log?.WriteLine("Scholen op de node inrichten en leerlingen aanmaken…");
                state = await SeedNodeAsync(central, school, options, cancellationToken).ConfigureAwait(false);
                state.Save(data);
            }
            // School-portal staff (also for data directories made before the portal existed) and a fresh parents' link
            var staff = await SchoolDemoLogins.EnsureAsync(school, cancellationToken).ConfigureAwait(false);
            if (!staff.All(state.Logins.Contains))
            {
                state = state with { Logins = [.. state.Logins.Where(l => l.Waar != SchoolDemoLogins.Portal), .. staff] };
                state.Save(data);
            }
            var parentLink = await SchoolDemoLogins.ParentLinkAsync(school, cancellationToken).ConfigureAwait(false);
            var chain = new DemoChain(central, school, state, options) { ParentLink = parentLink };
            if (state.Swv is null)
            {
                // the samenwerkingsverband (also for data directories made before the SWV flow existed)
                options.Log?.WriteLine("Samenwerkingsverband inrichten…");
                chain.State = state with { Swv = await chain.AddSchoolAsync(DemoSchools.Swv, cancellationToken: cancellationToken).ConfigureAwait(false) };
                _ = (await central.Admin.AddSwvMemberAsync(DemoSchools.Swv.Brin, state.Po.Brin, cancellationToken).ConfigureAwait(false)).Zeker;
                chain.State.Save(data);
            }
            return chain;
        }
        catch
        {
            await central.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Stops the School node and starts it again on the same ports (its aanleverpunten are registered with those URLs):
    /// on the same data, or on <paramref name="dataDirectory"/> (tests: a backup restored on a new host). <paramref name="whileStopped"/>
    /// runs in between.
    /// </summary>
    public async Task RestartSchoolAsync(string? dataDirectory = null, Func<Task>? whileStopped = null, CancellationToken cancellationToken = default)
    {
        await School.DisposeAsync().ConfigureAwait(false);
        if (whileStopped is not null) await whileStopped().ConfigureAwait(false);
        var schoolData = dataDirectory is null ? SchoolDataDirectory : Path.GetFullPath(dataDirectory);
        var options = Options with { SchoolPortalPort = School.PortalUrl.Port, SchoolProtocolPort = School.ProtocolUrl.Port };
        School = await StartSchoolAsync(options, Central, schoolData, Path.Combine(schoolData, "tls"), cancellationToken).ConfigureAwait(false);
        SchoolDataDirectory = schoolData;
    }

    /// <summary>Stops Central and starts it again on the same data and ports (tests: the Traffic Center away for a while).</summary>
    public async Task RestartCentralAsync(Func<Task>? whileStopped = null, CancellationToken cancellationToken = default)
    {
        var (portal, protocol) = (Central.PortalUrl.Port, Central.ProtocolUrl.Port);
        await Central.DisposeAsync().ConfigureAwait(false);
        if (whileStopped is not null) await whileStopped().ConfigureAwait(false);
        Central = await StartCentralAsync(Options with { CentralPortalPort = portal, CentralProtocolPort = protocol },
            Path.GetFullPath(Options.DataDirectory), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Adds another school on the node, registered, mandated, qualified and with an aanleverpunt (tests: a second VO
    /// school, a school to revoke). Returns what a LAS needs.
    /// </summary>
    public async Task<DemoSchool> AddSchoolAsync(DemoSchools.Definition school, bool qualify = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(school);
        var admin = Central.Admin;
        var from = DateOnly.FromDateTime(Options.Time.GetUtcNow().UtcDateTime).AddDays(-1);
        var sector = Enum.Parse<Sector>(school.Sector);
        var swv = sector == Sector.SWV;
        _ = (await admin.AddSchoolAsync(new NieuweSchool(school.Brin, school.Naam, sector, BoardId)
        {
            Plaats = "Utrecht", SwvCode = swv ? "PO2399" : null, Regio = swv ? "Utrecht (demo)" : null,
        }, cancellationToken).ConfigureAwait(false)).Zeker;
        _ = (await admin.AddMandateAsync(new NieuwMandaat(BoardId, school.Brin, SysteemId, from), cancellationToken).ConfigureAwait(false)).Zeker;
        if (qualify) _ = (await admin.ApproveAllAsync(school.Brin, cancellationToken).ConfigureAwait(false)).Zeker;
        var node = School.Admin;
        await node.AddSchoolAsync(school.Brin, school.Naam, school.Sector, "Utrecht", cancellationToken).ConfigureAwait(false);
        await node.AddAanleverpuntAsync(school.Brin, school.RouteringsKenmerk, swv ? "SWV" : "OV", cancellationToken).ConfigureAwait(false);
        var (id, key) = await node.CreateLasClientAsync(school.Brin, "Test-LAS", cancellationToken: cancellationToken).ConfigureAwait(false);
        _ = (await admin.AddEndpointAsync(new NieuwAanleverpunt(school.RouteringsKenmerk, School.AanleverpuntUrl(school.RouteringsKenmerk).ToString(),
            swv ? Uitwisseldoel.Swv : Uitwisseldoel.Ov, SysteemId, from), cancellationToken).ConfigureAwait(false)).Zeker;
        return new DemoSchool(school.Brin, school.Naam, school.Sector, school.RouteringsKenmerk, id, key);
    }

    private static Task<CentralHandle> StartCentralAsync(ChainOptions options, string data, CancellationToken ct) =>
        CentralHost.StartAsync(new CentralOptions
        {
            DataDirectory = Path.Combine(data, "central"),
            Database = options.CentralDatabase,
            PortalPort = options.CentralPortalPort,
            ProtocolPort = options.CentralProtocolPort,
            TimeProvider = options.Time,
            Logging = Quiet,
            Pipeline = options.CentralPipeline,
            Services = options.ConfigureCentral,
        }, ct);

    private static Task<SchoolNode> StartSchoolAsync(ChainOptions options, CentralHandle central, string schoolData, string tlsDirectory, CancellationToken ct) =>
        SchoolNode.StartAsync(new SchoolOptions
        {
            DataDirectory = schoolData,
            Database = options.SchoolDatabase,
            PortalPort = options.SchoolPortalPort,
            ProtocolPort = options.SchoolProtocolPort,
            TrafficCenterUrl = central.TrafficCenterUrl,
            SystemCertificate = Path.Combine(tlsDirectory, "system.crt.pem"),
            SystemKey = Path.Combine(tlsDirectory, "system.key.pem"),
            TrustAnchors = [central.TrustAnchorPemPath],
            DevelopmentCaDirectory = central.CertificateAuthorityDirectory,
            RevocationListUrl = new Uri(central.PortalUrl, "/api/certificaten/ingetrokken"),
            RegisterListUrl = new Uri(central.PortalUrl, "/api/scholen/gekwalificeerd"),
            RunBackgroundWork = options.SchoolBackgroundWork,
        }, services =>
        {
            services.AddLogging(Quiet);
            options.ConfigureSchool?.Invoke(services);
        }, ct);

    private static void Quiet(ILoggingBuilder logging) =>
        logging.ClearProviders().AddSimpleConsole(c => c.SingleLine = true).SetMinimumLevel(LogLevel.Warning);

    private static async Task SeedRegisterAsync(CentralHandle central, string tlsDirectory, TimeProvider time, CancellationToken ct)
    {
        var admin = central.Admin;
        var from = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-1);
        _ = (await admin.AddBoardAsync(new NieuwBestuur(BoardId, "Stichting OpenOSO Demo"), ct).ConfigureAwait(false)).Zeker;
        _ = (await admin.AddSchoolAsync(new NieuweSchool(DemoSchools.Po.Brin, DemoSchools.Po.Naam, Sector.PO, BoardId)
            { Plaats = "Utrecht", Gemeente = "Utrecht", Provincie = "Utrecht" }, ct).ConfigureAwait(false)).Zeker;
        _ = (await admin.AddSchoolAsync(new NieuweSchool(DemoSchools.Vo.Brin, DemoSchools.Vo.Naam, Sector.VO, BoardId)
            { Plaats = "Utrecht", Gemeente = "Utrecht", Provincie = "Utrecht" }, ct).ConfigureAwait(false)).Zeker;
        _ = (await admin.AddSystemAsync(new NieuwSysteem(SysteemId, "OpenOSO School-node (demo)", "OpenOSO"), ct).ConfigureAwait(false)).Zeker;
        foreach (var brin in new[] { DemoSchools.Po.Brin, DemoSchools.Vo.Brin })
        {
            _ = (await admin.AddMandateAsync(new NieuwMandaat(BoardId, brin, SysteemId, from), ct).ConfigureAwait(false)).Zeker;
            _ = (await admin.ApproveAllAsync(brin, ct).ConfigureAwait(false)).Zeker;
        }
        _ = (await admin.ApproveSystemAsync(SysteemId, ct).ConfigureAwait(false)).Zeker;
        var issued = (await admin.IssueCertificateAsync(SysteemId, cancellationToken: ct).ConfigureAwait(false)).Zeker;
        Directory.CreateDirectory(tlsDirectory);
        DevelopmentCertificateAuthority.SavePem(issued.Certificaat, tlsDirectory, "system");
    }

    private static async Task<DemoState> SeedNodeAsync(CentralHandle central, SchoolNode school, ChainOptions options, CancellationToken ct)
    {
        var node = school.Admin;
        var from = DateOnly.FromDateTime(options.Time.GetUtcNow().UtcDateTime).AddDays(-1);
        var schools = new List<DemoSchool>();
        foreach (var demo in new[] { DemoSchools.Po, DemoSchools.Vo })
        {
            await node.AddSchoolAsync(demo.Brin, demo.Naam, demo.Sector, "Utrecht", ct).ConfigureAwait(false);
            await node.AddAanleverpuntAsync(demo.Brin, demo.RouteringsKenmerk, "OV", ct).ConfigureAwait(false);
            var (id, key) = await node.CreateLasClientAsync(demo.Brin, "Demo-LAS", cancellationToken: ct).ConfigureAwait(false);
            if (demo == DemoSchools.Vo && options.VoWebhook is { } hook)
                await node.SetWebhookAsync(demo.Brin, id, hook.Url.ToString(), hook.Secret, ct).ConfigureAwait(false);
            _ = (await central.Admin.AddEndpointAsync(new NieuwAanleverpunt(demo.RouteringsKenmerk, school.AanleverpuntUrl(demo.RouteringsKenmerk).ToString(),
                Uitwisseldoel.Ov, SysteemId, from), ct).ConfigureAwait(false)).Zeker;
            schools.Add(new DemoSchool(demo.Brin, demo.Naam, demo.Sector, demo.RouteringsKenmerk, id, key));
        }

        // pupils with complete dossiers: group 8A of the primary school, most released, a few still to be seen by parents
        var today = DateOnly.FromDateTime(options.Time.GetUtcNow().UtcDateTime);
        var bron = school.Services.GetRequiredService<BronDossiers>();
        var las = Actor.Las(schools[0].LasClientId);
        var pupils = SyntheticDossiers.Many(SyntheticProfile.Povo, options.Pupils, seed: 2026, today,
            new SyntheticOptions { School = DemoSchools.SyntheticSchool(DemoSchools.Po), AttachmentSize = 48 * 1024 }).ToList();
        for (var i = 0; i < pupils.Count; i++)
        {
            var dossier = DemoSchools.InGroep(i % 8 == 7 ? pupils[i] with { Inzage = null } : pupils[i], DemoSchools.Groep8);
            if (await bron.DeliverAsync(DemoSchools.Po.Brin, $"LL{1000 + i}", dossier, las, ct).ConfigureAwait(false) is DeliveryResult.Stored stored
                && dossier.Inzage is not null)
                await bron.ReleaseAsync(DemoSchools.Po.Brin, stored.PupilId, null, las, ct).ConfigureAwait(false);
        }

        var logins = await DemoLogins.CreateAsync(central, ct).ConfigureAwait(false);
        return new DemoState(schools[0], schools[1], SysteemId, logins);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await School.DisposeAsync().ConfigureAwait(false);
        await Central.DisposeAsync().ConfigureAwait(false);
    }
}
