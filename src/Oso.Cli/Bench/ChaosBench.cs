using System.Collections.Concurrent;
using System.Diagnostics;
using Oso.Cli.Cluster;
using Oso.Cli.Demo;
using Oso.School.LasApi;

namespace Oso.Cli.Bench;

/// <summary>What <c>oso bench chaos</c> does.</summary>
internal sealed record ChaosOptions
{
    public int Instances { get; init; } = 2;

    public int Transfers { get; init; } = 100;

    public int Kills { get; init; } = 10;

    public int Seed { get; init; }

    /// <summary>Time between two requests (the steady pace).</summary>
    public TimeSpan Pace { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long the system gets after the last request to finish everything; what is open then is stuck.</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromMinutes(3);

    public int BasePort { get; init; } = 7600;

    public required string DataDirectory { get; init; }

    public required TextWriter Log { get; init; }
}

/// <summary>A kill and how long until the system moved on.</summary>
/// <param name="Instance">"central-2", "school-1", or "postgres".</param>
/// <param name="AtSeconds">Seconds since the first request.</param>
/// <param name="TakeoverSeconds">From the kill until the first transfer that was in flight at that moment finished (null when none was).</param>
internal sealed record ChaosKill(string Instance, double AtSeconds, double? TakeoverSeconds);

/// <summary>The outcome of a chaos run: the four counts that must be zero, and what helps to read them.</summary>
internal sealed record ChaosResult
{
    public int Transfers { get; init; }
    public int Kills { get; init; }
    public int Lost { get; init; }
    public int Duplicated { get; init; }
    public int Corrupted { get; init; }
    public int Stuck { get; init; }
    public double Seconds { get; init; }
    public int Seed { get; init; }
    public int Succeeded { get; init; }
    public int Failed { get; init; }
    public int PostgresRestarts { get; init; }
    public int SessionsOpen { get; init; }
    public int SessionsClosedTwice { get; init; }
    public int OutboxPending { get; init; }
    public bool AuditIntact { get; init; }
    public double? TakeoverP50Seconds { get; init; }
    public double? TakeoverMaxSeconds { get; init; }
    public IReadOnlyList<ChaosKill> KillLog { get; init; } = [];
    public IReadOnlyList<string> Findings { get; init; } = [];

    /// <summary>Every count that must be zero is zero and every check held.</summary>
    public bool Clean => Lost == 0 && Duplicated == 0 && Corrupted == 0 && Stuck == 0 && SessionsOpen == 0 && SessionsClosedTwice == 0 && OutboxPending == 0 && AuditIntact;
}

/// <summary>
/// <c>oso bench chaos</c>: T transfers requested at a steady pace through the balancer of a <see cref="LocalCluster"/>
/// while K times a random instance of Central or the School node gets SIGKILL (and is started again) and PostgreSQL is
/// stopped at once and started again once; then, from the outside, every request is checked (see <see cref="ChaosChecks"/>).
/// The moments and victims come from one seed, printed, so a run can be replayed.
/// </summary>
internal static class ChaosBench
{
    public static async Task<ChaosResult> RunAsync(ChaosOptions options, CancellationToken ct)
    {
        var log = options.Log;
        var random = new Random(options.Seed);
        await log.WriteLineAsync($"Chaos: {options.Transfers} overdrachten, {options.Kills} keer SIGKILL, 1 herstart van PostgreSQL; seed {options.Seed}.").ConfigureAwait(false);
        await using var bench = await BenchCluster.StartAsync(options.DataDirectory, options.Instances, options.BasePort, log, ct).ConfigureAwait(false);
        var (cluster, vo) = (bench.Cluster, bench.Vo);

        await log.WriteLineAsync($"Voorbereiden: {options.Transfers} leerlingen aanleveren, vrijgeven en aanmelden (via de LAS-API)…").ConfigureAwait(false);
        var registrations = await RegisterAsync(vo, await bench.ReleaseAsync("chaos", options.Seed, 0, options.Transfers, log, ct).ConfigureAwait(false), ct).ConfigureAwait(false);

        var window = options.Pace * options.Transfers;
        var killAt = Enumerable.Range(0, options.Kills).Select(_ => window * (0.05 + 0.9 * random.NextDouble())).Order().ToList();
        var postgresAt = window * (0.2 + 0.6 * random.NextDouble());
        await log.WriteLineAsync($"Aanvragen: één per {options.Pace.TotalMilliseconds:F0} ms, {window.TotalSeconds:F0} s lang; de kills vallen daarbinnen.").ConfigureAwait(false);
        var watch = Stopwatch.StartNew();
        var requests = new ConcurrentDictionary<Guid, Guid>(); // request → aanmelding
        var kills = new ConcurrentBag<(string Instance, double At)>();
        var chaos = ChaosAsync(cluster, killAt, postgresAt, random, watch, kills, log, ct);
        var next = TimeSpan.Zero;
        var lastProgress = 0;
        foreach (var registration in registrations)
        {
            var wait = next - watch.Elapsed;
            if (wait > TimeSpan.Zero) await Task.Delay(wait, ct).ConfigureAwait(false);
            next += options.Pace;
            var key = Guid.NewGuid().ToString(); // one key for all retries of this request: a retried POST that was done gives the same request
            var id = await ChaosChecks.RetryingAsync(() => vo.RequestAsync(registration, null, ct, key), ct).ConfigureAwait(false);
            requests[id] = registration;
            if (requests.Count * 10 / registrations.Count > lastProgress)
            {
                lastProgress = requests.Count * 10 / registrations.Count;
                await log.WriteLineAsync($"  {requests.Count}/{registrations.Count} aangevraagd, {kills.Count(k => k.Instance != "postgres")} kills, {watch.Elapsed.TotalSeconds:F0} s").ConfigureAwait(false);
            }
        }
        var restarts = await chaos.ConfigureAwait(false);

        await log.WriteLineAsync($"Alle aanvragen gedaan; het systeem krijgt hoogstens {options.Settle.TotalSeconds:F0} s om alles af te ronden…").ConfigureAwait(false);
        var vanished = new ConcurrentDictionary<Guid, bool>();
        var finished = await ChaosChecks.SettleAsync(vo, requests.Keys.ToList(), options.Settle, vanished, log, ct).ConfigureAwait(false);
        var seconds = watch.Elapsed.TotalSeconds;
        await log.WriteLineAsync("Controleren: ontvangen dossiers, sessies bij het Traffic Center, outbox, auditketens…").ConfigureAwait(false);
        var result = await ChaosChecks.CheckAsync(cluster, vo, requests, finished, vanished.Keys.ToList(), ct).ConfigureAwait(false);
        var start = TimeProvider.System.GetUtcNow() - watch.Elapsed;
        var killLog = kills.OrderBy(k => k.At).Select(k => new ChaosKill(k.Instance, Math.Round(k.At, 1), Takeover(start.AddSeconds(k.At), finished.Values))).ToList();
        var takeovers = killLog.Where(k => k.Instance != "postgres" && k.TakeoverSeconds is not null).Select(k => k.TakeoverSeconds!.Value).Order().ToList();
        return result with
        {
            Transfers = options.Transfers, Kills = kills.Count(k => k.Instance != "postgres"), Seconds = Math.Round(seconds, 1), Seed = options.Seed,
            PostgresRestarts = restarts, KillLog = killLog,
            TakeoverP50Seconds = takeovers.Count == 0 ? null : takeovers[(takeovers.Count - 1) / 2],
            TakeoverMaxSeconds = takeovers.Count == 0 ? null : takeovers[^1],
        };
    }

    // the first transfer that had been requested before the kill and finished after it: the moment the cluster moved on
    private static double? Takeover(DateTimeOffset kill, IEnumerable<AanvraagDto> finished)
    {
        var after = finished.Where(r => r.Aangemaakt <= kill && r.Afgerond is { } done && done > kill).Select(r => (r.Afgerond!.Value - kill).TotalSeconds).ToList();
        return after.Count == 0 ? null : Math.Round(after.Min(), 2);
    }

    private static async Task<List<Guid>> RegisterAsync(LasApiClient vo, IReadOnlyList<AanmeldingDto> aanmeldingen, CancellationToken ct)
    {
        var registrations = new Guid[aanmeldingen.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, aanmeldingen.Count), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (i, token) =>
            registrations[i] = await vo.RegisterAsync(aanmeldingen[i], token).ConfigureAwait(false)).ConfigureAwait(false);
        return [.. registrations];
    }

    // the kills at their moments: a random running instance whose service keeps another one running (the balancer
    // needs somewhere to go), SIGKILL, started again in the background; PostgreSQL once, stopped at once and started
    private static async Task<int> ChaosAsync(LocalCluster cluster, List<TimeSpan> killAt, TimeSpan postgresAt, Random random, Stopwatch watch,
        ConcurrentBag<(string, double)> kills, TextWriter log, CancellationToken ct)
    {
        var restarting = new ConcurrentDictionary<string, Task>();
        var events = killAt.Select(t => (t, false)).Append((postgresAt, true)).OrderBy(e => e.Item1).ToList();
        foreach (var (at, postgres) in events)
        {
            var wait = at - watch.Elapsed;
            if (wait > TimeSpan.Zero) await Task.Delay(wait, ct).ConfigureAwait(false);
            if (postgres)
            {
                await log.WriteLineAsync($"  {watch.Elapsed.TotalSeconds:F0} s: PostgreSQL stopt (immediate) en start opnieuw").ConfigureAwait(false);
                kills.Add(("postgres", watch.Elapsed.TotalSeconds));
                await cluster.Postgres.RestartAsync(ct).ConfigureAwait(false);
                continue;
            }
            InstanceProcess? victim;
            while (true)
            {
                var running = cluster.Instances.Where(i => i.ProcessId is not null && !restarting.ContainsKey(i.Name)).ToList();
                var candidates = running.Where(i => running.Count(o => Service(o) == Service(i)) > 1).ToList();
                if (candidates.Count > 0) { victim = candidates[random.Next(candidates.Count)]; break; }
                await Task.Delay(200, ct).ConfigureAwait(false); // every service down to one instance: wait for a restart
            }
            victim.Kill();
            kills.Add((victim.Name, watch.Elapsed.TotalSeconds));
            await log.WriteLineAsync($"  {watch.Elapsed.TotalSeconds:F0} s: SIGKILL {victim.Name}").ConfigureAwait(false);
            restarting[victim.Name] = RestartAsync(victim, restarting, log, ct);
        }
        await Task.WhenAll(restarting.Values).ConfigureAwait(false);
        return 1;
    }

    private static string Service(InstanceProcess i) => i.Name[..i.Name.IndexOf('-', StringComparison.Ordinal)];

    private static async Task RestartAsync(InstanceProcess instance, ConcurrentDictionary<string, Task> restarting, TextWriter log, CancellationToken ct)
    {
        await Task.Yield();
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await instance.StartAsync(TimeSpan.FromMinutes(2), ct).ConfigureAwait(false);
                    return;
                }
                catch (InvalidOperationException e) when (attempt < 5)
                {
                    // e.g. PostgreSQL was restarting while the instance migrated: start it again
                    await log.WriteLineAsync($"  {instance.Name} startte niet ({e.Message}); opnieuw").ConfigureAwait(false);
                    instance.Kill();
                }
            }
        }
        finally
        {
            restarting.TryRemove(instance.Name, out _);
        }
    }
}
