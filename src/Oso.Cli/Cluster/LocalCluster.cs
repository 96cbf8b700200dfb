using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Oso.Cli.Up;

namespace Oso.Cli.Cluster;

/// <summary>Where <see cref="LocalCluster"/> runs.</summary>
internal sealed record ClusterOptions
{
    /// <summary>The data directory (emptied at the start: the database is a throwaway one).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Instances of Central and of the School node (each).</summary>
    public int Instances { get; init; } = 2;

    /// <summary>
    /// The first port: the balancer listens on BASE (Central portal), BASE+1 (Central protocol), BASE+10 (School portal),
    /// BASE+11 (School protocol); instance i of Central on BASE+20+2i and +1, of the School node on BASE+40+2i and +1;
    /// PostgreSQL from BASE+60.
    /// </summary>
    public int BasePort { get; init; } = 7500;

    /// <summary>Synthetic pupils of the demo primary school.</summary>
    public int Pupils { get; init; } = 24;

    /// <summary>The demo secondary school's LAS webhook (URL and secret; e.g. a benchmark's listener on loopback), if any.</summary>
    public (Uri Url, string Secret)? VoWebhook { get; init; }

    /// <summary>Progress messages.</summary>
    public required TextWriter Log { get; init; }
}

/// <summary>
/// Central and the School node as N instances each, child processes of the CLI, on one throwaway PostgreSQL behind
/// HAProxy, all on 127.0.0.1: what <c>oso cluster up</c> starts and the chaos and load benchmarks drive. The demo
/// schools are set up first by a single in-process chain bound to the balancer's ports (so every registered address —
/// aanleverpunten, the Traffic Center — is the balancer's); then that chain stops and the instances take over its data.
/// </summary>
internal sealed class LocalCluster : IAsyncDisposable
{
    private readonly List<InstanceProcess> _instances;
    private readonly ThrowawayPostgres _postgres;
    private readonly Process _haproxy;

    private LocalCluster(ThrowawayPostgres postgres, Process haproxy, List<InstanceProcess> instances, DemoState state, ClusterOptions options)
    {
        _postgres = postgres;
        _haproxy = haproxy;
        _instances = instances;
        State = state;
        Options = options;
    }

    public ClusterOptions Options { get; }

    public DemoState State { get; }

    public IReadOnlyList<InstanceProcess> Instances => _instances;

    public ThrowawayPostgres Postgres => _postgres;

    /// <summary>Central's database (what every instance of Central uses).</summary>
    public string CentralDatabase => _postgres.ConnectionString("oso_central");

    /// <summary>The School node's database.</summary>
    public string SchoolDatabase => _postgres.ConnectionString("oso_school");

    /// <summary>The School node's data directory (keys, certificates), shared by its instances.</summary>
    public string SchoolDataDirectory => Path.Combine(Path.GetFullPath(Options.DataDirectory), "school");

    public Uri CentralPortal => Url(Options.BasePort);

    public Uri TrafficCenter => new(Url(Options.BasePort + 1), "/oso/tc");

    public Uri SchoolPortal => Url(Options.BasePort + 10);

    public Uri SchoolProtocol => Url(Options.BasePort + 11);

    private static Uri Url(int port) => new($"https://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");

    public static async Task<LocalCluster> StartAsync(ClusterOptions options, CancellationToken ct)
    {
        var data = Path.GetFullPath(options.DataDirectory);
        if (Directory.Exists(data) && Directory.EnumerateFileSystemEntries(data).Any() && !File.Exists(Path.Combine(data, ".oso-cluster")))
            throw new InvalidOperationException($"De map {data} is niet leeg en niet door 'oso cluster up' gemaakt; kies een nieuwe map.");
        if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
        Directory.CreateDirectory(data);
        await File.WriteAllTextAsync(Path.Combine(data, ".oso-cluster"), "gemaakt door oso cluster up; wordt bij elke start geleegd\n", ct).ConfigureAwait(false);
        var logs = Directory.CreateDirectory(Path.Combine(data, "logs")).FullName;
        var b = options.BasePort;

        options.Log.WriteLine("PostgreSQL (tijdelijk cluster) starten…");
        var postgres = await ThrowawayPostgres.StartAsync(b + 60, ct).ConfigureAwait(false);
        options.Log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  PostgreSQL luistert op 127.0.0.1:{postgres.Port}."));
        try
        {
            options.Log.WriteLine("Demoscholen inrichten (één keer, op de adressen van de load balancer)…");
            DemoState state;
            string anchors, caDirectory;
            await using (var chain = await DemoChain.StartAsync(new ChainOptions
            {
                DataDirectory = data, CentralPortalPort = b, CentralProtocolPort = b + 1, SchoolPortalPort = b + 10, SchoolProtocolPort = b + 11,
                CentralDatabase = postgres.ConnectionString("oso_central"), SchoolDatabase = postgres.ConnectionString("oso_school"), Pupils = options.Pupils, VoWebhook = options.VoWebhook,
                // the instances do the background work; this chain only sets up (and its log lines stay off stdout: --json)
                SchoolBackgroundWork = false, ConfigureSchool = LogToStandardError, ConfigureCentral = LogToStandardError,
            }, ct).ConfigureAwait(false))
            {
                state = chain.State;
                anchors = chain.Central.TrustAnchorPemPath;
                caDirectory = chain.Central.CertificateAuthorityDirectory!;
            }

            var instances = new List<InstanceProcess>();
            var central = Path.Combine(data, "central");
            var school = Path.Combine(data, "school");
            for (var i = 0; i < options.Instances; i++)
            {
                var (portal, protocol) = (b + 20 + 2 * i, b + 21 + 2 * i);
                instances.Add(new InstanceProcess($"central-{i + 1}", portal, protocol,
                [
                    "central", "serve", "--data", central, "--database", postgres.ConnectionString("oso_central"),
                    "--portal-port", Text(portal), "--protocol-port", Text(protocol), "--public-url", Url(b + 1).ToString(),
                ], new Dictionary<string, string>(), logs));
            }
            for (var i = 0; i < options.Instances; i++)
            {
                var (portal, protocol) = (b + 40 + 2 * i, b + 41 + 2 * i);
                instances.Add(new InstanceProcess($"school-{i + 1}", portal, protocol,
                [
                    "school", "serve", "--data", school, "--database", postgres.ConnectionString("oso_school"),
                    "--portal-port", Text(portal), "--protocol-port", Text(protocol), "--public-url", Url(b + 11).ToString(),
                    "--traffic-center", new Uri(Url(b + 1), "/oso/tc").ToString(),
                    "--system-cert", Path.Combine(school, "tls", "system.crt.pem"), "--system-key", Path.Combine(school, "tls", "system.key.pem"),
                    "--trust-anchor", anchors, "--dev-ca", caDirectory, "--revocations", new Uri(Url(b), "/api/certificaten/ingetrokken").ToString(),
                ], new Dictionary<string, string>(), logs));
            }
            options.Log.WriteLine($"{options.Instances} instanties van Central en {options.Instances} van de School-node starten…");
            Process? haproxy = null;
            try
            {
                // stopped (Ctrl+C, SIGTERM) or failed while starting: every instance already started is stopped again
                await Task.WhenAll(instances.Select(x => x.StartAsync(TimeSpan.FromMinutes(3), ct))).ConfigureAwait(false);
                var config = Path.Combine(data, "haproxy.cfg");
                await File.WriteAllTextAsync(config, HaproxyConfig(instances, b), ct).ConfigureAwait(false);
                options.Log.WriteLine("HAProxy starten…");
                haproxy = StartHaproxy(config, logs);
                await WaitForFrontendsAsync(haproxy, [b, b + 1, b + 10, b + 11], Path.Combine(logs, "haproxy.log"), ct).ConfigureAwait(false);
            }
            catch
            {
                if (haproxy is { HasExited: false }) haproxy.Kill();
                haproxy?.Dispose();
                await Task.WhenAll(instances.Select(i => i.DisposeAsync().AsTask())).ConfigureAwait(false);
                throw;
            }
            return new LocalCluster(postgres, haproxy, instances, state, options);
        }
        catch
        {
            await postgres.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static void LogToStandardError(IServiceCollection services) =>
        services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// TCP passthrough for every listener (the protocol's client certificates must reach the instances; the portal keeps
    /// TLS to the instance too). Health: each instance's /health/live on its portal port over HTTPS, every second; two
    /// misses take it out. A refused connection (a killed instance) is retried on another one.
    /// </summary>
    internal static string HaproxyConfig(IReadOnlyList<InstanceProcess> instances, int basePort)
    {
        var s = new StringBuilder();
        s.AppendLine("# generated by oso cluster up");
        s.AppendLine("global\n  maxconn 4096\n");
        s.AppendLine("defaults\n  mode tcp\n  timeout connect 2s\n  timeout client 120s\n  timeout server 120s\n  retries 3\n  option redispatch\n");
        foreach (var (name, service, port, protocol) in new[]
        {
            ("central_portal", "central", basePort, false), ("central_protocol", "central", basePort + 1, true),
            ("school_portal", "school", basePort + 10, false), ("school_protocol", "school", basePort + 11, true),
        })
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"frontend {name}\n  bind 127.0.0.1:{port}\n  default_backend {name}\n");
            s.AppendLine(CultureInfo.InvariantCulture, $"backend {name}\n  balance roundrobin\n  option httpchk GET /health/live\n  http-check expect status 200");
            foreach (var i in instances.Where(x => x.Name.StartsWith(service + "-", StringComparison.Ordinal)))
                s.AppendLine(CultureInfo.InvariantCulture,
                    $"  server {i.Name} 127.0.0.1:{(protocol ? i.ProtocolPort : i.PortalPort)} check port {i.PortalPort} check-ssl verify none inter 1s fall 2 rise 1");
            s.AppendLine();
        }
        return s.ToString();
    }

    private static Process StartHaproxy(string config, string logs)
    {
        var check = Process.Start(new ProcessStartInfo("haproxy", ["-c", "-q", "-f", config]) { RedirectStandardError = true, RedirectStandardOutput = true })
            ?? throw new InvalidOperationException("HAProxy is niet geïnstalleerd (Debian-pakket haproxy).");
        check.WaitForExit();
        if (check.ExitCode != 0) throw new InvalidOperationException("De HAProxy-configuratie klopt niet: " + check.StandardError.ReadToEnd());
        var start = new ProcessStartInfo("haproxy", ["-db", "-f", config]) { RedirectStandardError = true, RedirectStandardOutput = true };
        var process = Process.Start(start)!;
        var log = new StreamWriter(Path.Combine(logs, "haproxy.log")) { AutoFlush = true };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return process;
    }

    // HAProxy binds its frontends a moment after it starts (longer on a busy machine): the cluster is up when all four
    // accept a connection; a HAProxy that exits instead (a port taken) is reported with its own words
    private static async Task WaitForFrontendsAsync(Process haproxy, int[] ports, string log, CancellationToken ct)
    {
        var waited = Stopwatch.StartNew(); // real time: HAProxy runs on the machine's clock
        foreach (var port in ports)
            while (true)
            {
                if (haproxy.HasExited)
                    throw new InvalidOperationException($"HAProxy stopte direct (code {haproxy.ExitCode}): " + await ReadSharedAsync(log, ct).ConfigureAwait(false));
                try
                {
                    using var probe = new System.Net.Sockets.TcpClient();
                    await probe.ConnectAsync(System.Net.IPAddress.Loopback, port, ct).ConfigureAwait(false);
                    break;
                }
                catch (System.Net.Sockets.SocketException) when (waited.Elapsed < TimeSpan.FromSeconds(60))
                {
                    await Task.Delay(100, ct).ConfigureAwait(false);
                }
                catch (System.Net.Sockets.SocketException e)
                {
                    throw new InvalidOperationException($"HAProxy luistert na 60 s nog niet op 127.0.0.1:{port} ({e.SocketErrorCode}).", e);
                }
            }
    }

    private static async Task<string> ReadSharedAsync(string path, CancellationToken ct)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return (await reader.ReadToEndAsync(ct).ConfigureAwait(false)).Trim();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_haproxy.HasExited) _haproxy.Kill();
        _haproxy.Dispose();
        await Task.WhenAll(_instances.Select(i => i.DisposeAsync().AsTask())).ConfigureAwait(false);
        await _postgres.DisposeAsync().ConfigureAwait(false);
    }
}
