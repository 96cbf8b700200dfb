using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Oso.Cli.Cluster;
using Oso.Cli.Demo;
using Oso.Cli.Up;
using Oso.School.Bron;
using Oso.School.LasApi;
using Oso.Synthetic;

namespace Oso.Cli.Bench;

/// <summary>
/// A <see cref="LocalCluster"/> with the two LAS clients the cluster benchmarks (<c>oso bench chaos</c>, <c>oso bench
/// load</c>) drive it through: the demo primary school (bron: delivers and releases dossiers) and the demo secondary
/// school (doel: registers pupils and requests their dossiers), both through the balancer's School portal.
/// </summary>
internal sealed class BenchCluster : IAsyncDisposable
{
    private readonly X509Certificate2 _anchor;

    private BenchCluster(LocalCluster cluster, X509Certificate2 anchor)
    {
        Cluster = cluster;
        _anchor = anchor;
        Po = new LasApiClient(cluster.SchoolPortal, cluster.State.Po.Brin, cluster.State.Po.LasSleutel, anchor);
        Vo = new LasApiClient(cluster.SchoolPortal, cluster.State.Vo.Brin, cluster.State.Vo.LasSleutel, anchor);
    }

    public LocalCluster Cluster { get; }

    /// <summary>The demo primary school's LAS (bron).</summary>
    public LasApiClient Po { get; }

    /// <summary>The demo secondary school's LAS (doel).</summary>
    public LasApiClient Vo { get; }

    /// <summary>
    /// Starts the cluster (without synthetic pupils: the benchmark prepares its own) and the clients; with
    /// <paramref name="voWebhook"/> the secondary school's LAS client has that webhook.
    /// </summary>
    public static async Task<BenchCluster> StartAsync(string dataDirectory, int instances, int basePort, TextWriter log, CancellationToken ct,
        (Uri Url, string Secret)? voWebhook = null)
    {
        var cluster = await LocalCluster.StartAsync(new ClusterOptions
        {
            DataDirectory = dataDirectory, Instances = instances, BasePort = basePort, Pupils = 0, Log = log, VoWebhook = voWebhook,
        }, ct).ConfigureAwait(false);
        try
        {
            var anchor = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(Path.GetFullPath(dataDirectory), "central", "ca", "ca.crt.pem"));
            return new BenchCluster(cluster, anchor);
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Delivers, records the parents' inzage of, and releases <paramref name="count"/> synthetic POVO dossiers (8 kB
    /// attachment each) at the primary school, 4 at a time, through the LAS API; returns for each pupil the aanmelding
    /// the secondary school can post. <paramref name="first"/> numbers the pupils of a run (LAS ids
    /// <c>label-seed-i</c>); a later batch of the same run starts where the previous one ended, so no pupil repeats.
    /// </summary>
    public async Task<IReadOnlyList<AanmeldingDto>> ReleaseAsync(string label, int seed, int first, int count, TextWriter log, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var school = DemoSchools.SyntheticSchool(DemoSchools.Po);
        // one sequence per run (its identity registry keeps every pupil distinct); a batch skips what earlier ones took
        var pupils = SyntheticDossiers.Many(SyntheticProfile.Povo, first + count, 50_000 + seed, today, new SyntheticOptions { School = school, AttachmentSize = 8 * 1024 })
            .Skip(first).ToList();
        var aanmeldingen = new AanmeldingDto[count];
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (i, token) =>
        {
            var pupil = pupils[i] with { Inzage = null };
            var lasId = string.Create(CultureInfo.InvariantCulture, $"{label}-{seed}-{first + i}");
            await Po.DeliverAsync(lasId, pupil, token).ConfigureAwait(false);
            await Po.RecordInzageAsync(lasId, new InzageInput(today, "Ja", null, null), token).ConfigureAwait(false);
            await Po.ReleaseAsync(lasId, token).ConfigureAwait(false);
            var l = pupil.Huidigeschool.Leerling;
            aanmeldingen[i] = new AanmeldingDto((l.Bsn ?? l.Onderwijsnummer)!, l.Geboortedatum!.Value, Po.Brin, BronDossiers.Name(l), null);
            var n = Interlocked.Increment(ref done);
            if (n % Math.Max(1, count / 10) == 0) await log.WriteLineAsync($"  {n}/{count} voorbereid").ConfigureAwait(false);
        }).ConfigureAwait(false);
        return aanmeldingen;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Po.Dispose();
        Vo.Dispose();
        _anchor.Dispose();
        await Cluster.DisposeAsync().ConfigureAwait(false);
    }
}
