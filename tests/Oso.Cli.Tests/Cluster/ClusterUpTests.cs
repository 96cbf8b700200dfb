using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using Oso.Cli.Demo;
using Oso.Cli.Up;
using Oso.Dossier.Validation;
using Oso.School.Bron;
using Oso.School.LasApi;
using Oso.Synthetic;
using Oso.Testing;

namespace Oso.Cli.Tests.Cluster;

/// <summary>
/// <c>oso cluster up --instances 2</c> for real: a throwaway PostgreSQL, two instances of Central and two of the School
/// node as child processes, HAProxy in front. Transfers run through the balancer while one instance of each service gets
/// SIGKILL; every transfer still completes, exactly once.
/// </summary>
public sealed class ClusterUpTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(120);
    private readonly string _data = Directory.CreateTempSubdirectory("oso-cluster-").FullName;

    [Fact]
    public async Task Transfers_through_the_balancer_complete_exactly_once_when_one_instance_of_each_service_is_killed_mid_transfer()
    {
        TestDatabase.RequirePostgres(); // the configuration that has PostgreSQL installed (./test.sh); the cluster makes its own
        var ct = TestContext.Current.CancellationToken;
        var log = TestContext.Current.TestOutputHelper;
        var basePort = 20_000 + Random.Shared.Next(100) * 100;
        await using var cluster = await ClusterProcess.StartAsync(Path.Combine(_data, "cluster"), 2, basePort, TimeSpan.FromMinutes(8), ct);
        Assert.Equal(["central-1", "central-2", "school-1", "school-2"], cluster.Pids.Keys.Order(StringComparer.Ordinal));

        var state = DemoState.Load(cluster.DataDirectory)!;
        using var anchor = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(cluster.DataDirectory, "central", "ca", "ca.crt.pem"));
        using var po = new LasApiClient(cluster.SchoolPortal, state.Po.Brin, state.Po.LasSleutel, anchor);
        using var vo = new LasApiClient(cluster.SchoolPortal, state.Vo.Brin, state.Vo.LasSleutel, anchor);
        var today = DateOnly.FromDateTime(DateTime.UnixEpoch.AddSeconds(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds()));
        var school = DemoSchools.SyntheticSchool(DemoSchools.Po);
        var registrations = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            var pupil = SyntheticDossiers.Create(SyntheticProfile.Povo, 7_000 + i, today, new SyntheticOptions { School = school, AttachmentSize = 20 * 1024 }) with { Inzage = null };
            var lasId = $"cluster-{basePort}-{i}";
            await po.DeliverAsync(lasId, pupil, ct);
            await po.RecordInzageAsync(lasId, new InzageInput(today, "Ja", null, null), ct);
            await po.ReleaseAsync(lasId, ct);
            var l = pupil.Huidigeschool.Leerling;
            registrations.Add(await vo.RegisterAsync(new AanmeldingDto((l.Bsn ?? l.Onderwijsnummer)!, l.Geboortedatum!.Value, po.Brin, BronDossiers.Name(l), null), ct));
        }

        var requests = new List<Guid>();
        foreach (var registration in registrations) requests.Add(await vo.RequestAsync(registration, null, ct));
        // mid-transfer: the requests are queued in the outbox and being claimed; one instance of each service dies now
        cluster.Kill("school-1");
        cluster.Kill("central-1");
        var watch = Stopwatch.StartNew();

        var finished = new List<AanvraagDto>();
        foreach (var id in requests) finished.Add(await Retrying(() => vo.WaitForRequestAsync(id, Wait, ct), ct));
        var takeover = watch.Elapsed;
        log?.WriteLine($"all {requests.Count} transfers finished {takeover.TotalSeconds:F1} s after the kills");
        Assert.All(finished, r => Assert.True(r.Resultaat == "OverdrachtGeslaagd", $"{r.Status}: {r.Resultaat} — {r.Toelichting}"));

        var received = await Retrying(() => vo.ReceivedAsync(onlyNew: false, ct), ct);
        foreach (var registration in registrations)
        {
            var one = Assert.Single(received, r => r.AanmeldingId == registration); // exactly once
            var xml = await Retrying(() => vo.ReceivedXmlAsync(one.Id, ct), ct);
            Assert.True(new DossierValidator().Validate(new MemoryStream(xml), ct).Valid);
        }
    }

    // the balancer retries a refused connection, but a request in flight on the killed instance fails: a client retries reads
    private static async Task<T> Retrying<T>(Func<Task<T>> read, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await read();
            }
            catch (HttpRequestException) when (attempt < 5)
            {
                await Task.Delay(500, ct);
            }
        }
    }

    public void Dispose()
    {
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
