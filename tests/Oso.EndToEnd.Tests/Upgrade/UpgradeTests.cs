using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Oso.Cli.Demo;
using Oso.Cli.Up;
using Oso.Protocol.Security;
using Oso.School.Bron;
using Oso.School.LasApi;
using Oso.School.Crypto;
using Oso.School.Outbox;
using Oso.Testing;

namespace Oso.EndToEnd.Tests.Upgrade;

/// <summary>
/// Issue 12 §8: a data folder made with the first released schema, with data in it, upgraded in place to the current
/// schema by simply starting the current version on it — on SQLite and on PostgreSQL.
/// </summary>
public sealed class UpgradeTests : IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly string _directory = Directory.CreateTempSubdirectory("oso-upgrade-").FullName;
    private DemoChain? _chain;

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_folder_from_the_first_release_upgrades_in_place_keeps_its_data_readable_and_transfers_afterwards(DatabaseProvider engine)
    {
        using var centralDb = engine == DatabaseProvider.Postgres ? TestDatabase.Create(engine, "central") : null;
        using var schoolDb = engine == DatabaseProvider.Postgres ? TestDatabase.Create(engine, "school") : null;
        var seed = new InitialSchemaSeed();
        var (portal, protocol) = (FreePort(), FreePort());
        await seed.WriteAsync(_directory, centralDb?.ConnectionString, schoolDb?.ConnectionString, protocol, _ct);

        _chain = await DemoChain.StartAsync(new ChainOptions
        {
            DataDirectory = _directory, CentralPortalPort = 0, CentralProtocolPort = 0, SchoolPortalPort = portal, SchoolProtocolPort = protocol,
            CentralDatabase = centralDb?.ConnectionString, SchoolDatabase = schoolDb?.ConnectionString, Pupils = 0,
            ConfigureSchool = services => services
                .AddSingleton(Options.Create(new OutboxOptions { PollInterval = TimeSpan.FromMilliseconds(250), FirstBackoff = TimeSpan.FromMilliseconds(500), MaxBackoff = TimeSpan.FromSeconds(2) }))
                .AddSingleton(Options.Create(new KeyRotationOptions { CurrentKeyRefresh = TimeSpan.FromSeconds(1), Grace = TimeSpan.FromSeconds(2) })),
        }, _ct);
        var node = _chain.School;

        // Central: register, qualification, the session and the operator's account survived
        var school = (await _chain.Central.Admin.SchoolAsync(DemoSchools.Po.Brin, _ct)).Zeker;
        Assert.Equal(DemoSchools.Po.Naam, school.Naam);
        Assert.Contains(await _chain.Central.Admin.SessionsAsync(DemoSchools.Vo.Brin, cancellationToken: _ct), s => s.Id == seed.SessieId);
        using (var http = Client(_chain.Central.PortalUrl))
        {
            using var signIn = await http.PostAsJsonAsync("/api/account/inloggen", new { email = InitialSchemaSeed.OperatorEmail, wachtwoord = InitialSchemaSeed.Password }, _ct);
            Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        }

        // School: every encrypted value reads back under the key it was made with; lookups by blind index still find pupils
        var readable = await EncryptedData.ReadAllAsync(node, _ct);
        Assert.Empty(readable.Unreadable);
        Assert.Equal(12, readable.Readable.Values.Sum()); // 3 pupils, 3 drafts, 2 releases, an aanmelding, a dossier and its meldingen, a webhook secret
        Assert.All(readable.Readable.Keys, k => Assert.Equal(1, k.KeyId));
        var bron = node.Services.GetRequiredService<BronDossiers>();
        Assert.Equal(seed.ReleasedPupil, await bron.FindPupilAsync(DemoSchools.Po.Brin, seed.ReleasedLasId, _ct));
        using var po = new LasApiClient(node.PortalUrl, _chain.State.Po.Brin, _chain.State.Po.LasSleutel, Anchor());
        using var vo = new LasApiClient(node.PortalUrl, _chain.State.Vo.Brin, _chain.State.Vo.LasSleutel, Anchor());
        Assert.Equal(seed.ReceivedXml, await vo.ReceivedXmlAsync(seed.ReceivedId, _ct));
        // every chain intact; the two schools of the first release keep their records (the demo's SWV tenant came later)
        var chains = await node.Admin.VerifyAuditAsync([], _ct);
        Assert.All(chains, c => Assert.True(c.Intact, c.Brin));
        Assert.All(chains.Where(c => c.Brin == DemoSchools.Po.Brin || c.Brin == DemoSchools.Vo.Brin), c => Assert.True(c.Records >= 4, c.Brin));
        Assert.Equal(2, chains.Count(c => c.Brin == DemoSchools.Po.Brin || c.Brin == DemoSchools.Vo.Brin));

        // and the chain works on the upgraded data: the released dossier transfers
        var leerling = seed.Released.Huidigeschool.Leerling;
        var aanmelding = await vo.RegisterAsync(new AanmeldingDto((leerling.Bsn ?? leerling.Onderwijsnummer)!, leerling.Geboortedatum!.Value, po.Brin,
            BronDossiers.Name(leerling), null), _ct);
        var request = await vo.WaitForRequestAsync(await vo.RequestAsync(aanmelding, null, _ct), Wait, _ct);
        Assert.True(request.Resultaat == "OverdrachtGeslaagd", $"{request.Status} {request.Resultaat} {request.Toelichting}");
        Assert.Single(await vo.ReceivedAsync(onlyNew: true, _ct), r => r.AanmeldingId == aanmelding);

        // every later migration is applied (readiness checks it) and their columns work: the trace id at doel and Traffic Center
        foreach (var portalUrl in new[] { _chain.Central.PortalUrl, node.PortalUrl })
        {
            using var http = Client(portalUrl);
            using var ready = await http.GetAsync(new Uri(portalUrl, "/health/ready"), _ct);
            Assert.True(ready.StatusCode == HttpStatusCode.OK, $"{portalUrl}: {await ready.Content.ReadAsStringAsync(_ct)}");
        }
        var traceId = Assert.IsType<string>(request.TraceId);
        Assert.Contains(await _chain.Central.Admin.SessionsAsync(DemoSchools.Vo.Brin, cancellationToken: _ct), s => s.TraceId == traceId);

        // a first rotation stores the index key the first version derived, so pupils are still found once key 1 is gone
        await node.Services.GetRequiredService<DataKeyRotation>().RotateAsync(cancellationToken: _ct);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while ((await node.Services.GetRequiredService<DataKeyRotation>().StatusAsync(_ct)).Any(s => s.Rekey?.State != RekeyState.Klaar))
        {
            Assert.True(watch.Elapsed < Wait, "re-encryption did not finish");
            await Task.Delay(200, _ct);
        }
        readable = await EncryptedData.ReadAllAsync(node, _ct);
        Assert.Empty(readable.Unreadable);
        Assert.All(readable.Readable.Keys, k => Assert.Equal(2, k.KeyId));
        Assert.Equal(seed.ReleasedPupil, await bron.FindPupilAsync(DemoSchools.Po.Brin, seed.ReleasedLasId, _ct));
        Assert.All(await node.Admin.VerifyAuditAsync([], _ct), c => Assert.True(c.Intact, c.Brin));
    }

    private X509Certificate2 Anchor() => X509CertificateLoader.LoadCertificateFromFile(_chain!.Central.TrustAnchorPemPath);

    private HttpClient Client(Uri portal)
    {
        var anchors = new X509Certificate2Collection();
        anchors.ImportFromPemFile(_chain!.Central.TrustAnchorPemPath);
        return new HttpClient(new SocketsHttpHandler
        {
            SslOptions = new System.Net.Security.SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = new OsoCertificateValidator(anchors, TimeProvider.System).ServerCertificateCallback(),
            },
        }) { BaseAddress = portal };
    }

    public async ValueTask DisposeAsync()
    {
        if (_chain is not null) await _chain.DisposeAsync();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
