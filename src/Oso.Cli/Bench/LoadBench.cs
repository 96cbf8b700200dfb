using System.Collections.Concurrent;
using System.Diagnostics;
using Oso.Cli.Demo;
using Oso.School.LasApi;

namespace Oso.Cli.Bench;

/// <summary>What <c>oso bench load</c> does.</summary>
internal sealed record LoadOptions
{
    /// <summary>Transfers started per second (in step mode: the first step's rate).</summary>
    public double Rate { get; init; } = 1;

    /// <summary>How long transfers keep being started (in step mode: per step).</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    public int Instances { get; init; } = 2;

    /// <summary>Step the rate up by <see cref="Step"/> until a step misses the goal (or passes <see cref="MaxRate"/>).</summary>
    public bool FindSaturation { get; init; }

    public double Step { get; init; } = 1;

    public double MaxRate { get; init; } = 50;

    /// <summary>The goal: p99 at most this, and no errors.</summary>
    public TimeSpan P99Limit { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Transfers before the first step, not measured (the instances' first connections, caches and JIT).</summary>
    public int Warmup { get; init; } = 20;

    /// <summary>A transfer not finished this long after it started is an error.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    public int Seed { get; init; }

    /// <summary>
    /// Null (the default): the secondary school's LAS hears that a request ended through its webhook, as a real LAS
    /// does. Otherwise it polls every open request at this interval and has no webhook (how the bench worked before: to
    /// compare).
    /// </summary>
    public TimeSpan? PollInterval { get; init; }

    public int BasePort { get; init; } = 7700;

    public required string DataDirectory { get; init; }

    public required TextWriter Log { get; init; }
}

/// <summary>The figures of one rate held for one duration.</summary>
/// <param name="Rate">Transfers started per second, as asked.</param>
/// <param name="DurationSeconds">How long they kept being started.</param>
/// <param name="Arrivals">Transfers started (rate × duration).</param>
/// <param name="LateStarts">Started more than 50 ms after their moment (the generator fell behind; their latency still counts from the moment).</param>
/// <param name="MaxStartDelayMs">The latest start, after its moment.</param>
/// <param name="Succeeded">Transfers that ended OverdrachtGeslaagd with the dossier received.</param>
/// <param name="Errors">The others.</param>
/// <param name="ErrorReasons">Per reason, how many.</param>
/// <param name="P50Ms">Median end-to-end latency of the succeeded transfers, from each one's scheduled start.</param>
/// <param name="P99Ms">99th percentile.</param>
/// <param name="P999Ms">99.9th percentile.</param>
/// <param name="MaxMs">The slowest.</param>
/// <param name="AchievedRate">Succeeded transfers per second, from the first start to the last answer.</param>
/// <param name="WithinGoal">No errors and p99 within the limit.</param>
/// <param name="Trace">Where the succeeded transfers spent their time: per step of the request's trace, from the request's creation at the doel.</param>
internal sealed record LoadStep(double Rate, double DurationSeconds, int Arrivals, int LateStarts, double MaxStartDelayMs, int Succeeded, int Errors,
    IReadOnlyDictionary<string, int> ErrorReasons, double P50Ms, double P99Ms, double P999Ms, double MaxMs, double AchievedRate, bool WithinGoal,
    IReadOnlyList<StepFigures> Trace)
{
    public static LoadStep From(double rate, TimeSpan duration, IReadOnlyList<Arrival> arrivals, TimeSpan p99Limit, IReadOnlyList<StepFigures>? trace = null)
    {
        var ok = arrivals.Where(a => a.Error is null).Select(a => a.Latency.TotalMilliseconds).Order().ToList();
        var errors = arrivals.Where(a => a.Error is not null).ToList();
        var end = arrivals.Count == 0 ? 0 : arrivals.Max(a => a.Finished.TotalSeconds);
        double Ms(double q) => Math.Round(BenchFigures.Percentile(ok, q), 1);
        var p99 = Ms(0.99);
        return new LoadStep(rate, duration.TotalSeconds, arrivals.Count, arrivals.Count(a => a.Late),
            arrivals.Count == 0 ? 0 : Math.Round(arrivals.Max(a => (a.Dispatched - a.Scheduled).TotalMilliseconds), 1),
            ok.Count, errors.Count, errors.GroupBy(a => a.Error!).OrderByDescending(g => g.Count()).ToDictionary(g => g.Key, g => g.Count()),
            Ms(0.50), p99, Ms(0.999), ok.Count == 0 ? 0 : Math.Round(ok[^1], 1), end > 0 ? Math.Round(ok.Count / end, 2) : 0,
            errors.Count == 0 && ok.Count > 0 && p99 <= p99Limit.TotalMilliseconds, trace ?? []);
    }
}

/// <summary>The outcome of <c>oso bench load</c>.</summary>
/// <param name="Instances">Instances of Central and of the School node (each).</param>
/// <param name="P99LimitMs">The goal's p99 limit.</param>
/// <param name="Steps">One step per rate (one in a plain run).</param>
/// <param name="SustainedRate">Step mode: the highest rate that met the goal (null when none did).</param>
/// <param name="SaturationRate">Step mode: the first rate that missed it (null when every step up to the maximum met it).</param>
/// <param name="Seconds">The whole run, cluster start and preparation included.</param>
/// <param name="Seed">The seed of the synthetic pupils.</param>
/// <param name="Warmup">Transfers before the first step, not measured.</param>
internal sealed record LoadResult(int Instances, double P99LimitMs, IReadOnlyList<LoadStep> Steps, double? SustainedRate, double? SaturationRate, double Seconds, int Seed, int Warmup);

/// <summary>
/// <c>oso bench load</c>: whole transfers started at a fixed rate (<see cref="OpenLoop"/>) against a <see cref="LocalCluster"/>
/// through its balancer, each the way a LAS does it: the secondary school registers the pupil (aanmelding), requests the
/// dossier (aanvragen) and polls the request (every 100 ms) until it is finished; afterwards every succeeded request must
/// have its received dossier. The primary school's dossiers are delivered and released beforehand, outside the measured
/// time. In step mode the rate goes up step by step until a step has errors or a p99 above the limit.
/// </summary>
internal static class LoadBench
{
    public static async Task<LoadResult> RunAsync(LoadOptions options, CancellationToken ct)
    {
        var log = options.Log;
        var watch = Stopwatch.StartNew();
        await log.WriteLineAsync($"Belasting: {options.Rate:0.##} overdrachten per s, {options.Duration.TotalSeconds:F0} s{(options.FindSaturation ? $" per stap, +{options.Step:0.##} per s per stap tot een stap het doel mist" : "")}; seed {options.Seed}.").ConfigureAwait(false);
        // the secondary school's LAS hears that a request ended through its webhook, as a real LAS does (no polling)
        await using var inbox = options.PollInterval is null ? WebhookInbox.Start(options.BasePort + WebhookPortOffset) : null;
        await using var bench = await BenchCluster.StartAsync(options.DataDirectory, options.Instances, options.BasePort, log, ct,
            inbox is null ? null : (inbox.Url, inbox.Secret)).ConfigureAwait(false);
        var las = new BenchLas(bench.Vo, inbox, options.PollInterval);
        var prepared = 0;
        if (options.Warmup > 0)
        {
            await log.WriteLineAsync($"Opwarmen: {options.Warmup} overdrachten, 4 tegelijk, niet gemeten…").ConfigureAwait(false);
            var warm = await bench.ReleaseAsync("load", options.Seed, 0, options.Warmup, log, ct).ConfigureAwait(false);
            prepared = options.Warmup;
            var failed = await WarmUpAsync(las, warm, options.Timeout, ct).ConfigureAwait(false);
            if (failed > 0) await log.WriteLineAsync($"  {failed} van de {options.Warmup} overdrachten van het opwarmen mislukten").ConfigureAwait(false);
        }
        var steps = await StepAsync(options, async rate =>
        {
            var count = (int)Math.Round(rate * options.Duration.TotalSeconds);
            await log.WriteLineAsync($"Voorbereiden: {count} dossiers aanleveren en vrijgeven bij de basisschool (buiten de meting)…").ConfigureAwait(false);
            var aanmeldingen = await bench.ReleaseAsync("load", options.Seed, prepared, count, log, ct).ConfigureAwait(false);
            prepared += count;
            await log.WriteLineAsync($"Meten: {rate:0.##} per s, {options.Duration.TotalSeconds:F0} s…").ConfigureAwait(false);
            var step = await MeasureAsync(las, aanmeldingen, rate, options, ct).ConfigureAwait(false);
            await log.WriteLineAsync($"  {rate:0.##} per s: p50 {step.P50Ms:F0} ms, p99 {step.P99Ms:F0} ms, {step.Errors} fouten, {step.LateStarts} te laat gestart; {(step.WithinGoal ? "binnen" : "buiten")} het doel").ConfigureAwait(false);
            return step;
        }).ConfigureAwait(false);
        var sustained = steps.Where(s => s.WithinGoal).Select(s => (double?)s.Rate).LastOrDefault();
        var saturated = options.FindSaturation ? steps.FirstOrDefault(s => !s.WithinGoal)?.Rate : null;
        return new LoadResult(options.Instances, options.P99Limit.TotalMilliseconds, steps, options.FindSaturation ? sustained : null, saturated,
            Math.Round(watch.Elapsed.TotalSeconds, 1), options.Seed, options.Warmup);
    }

    /// <summary>
    /// One step at <see cref="LoadOptions.Rate"/>; in step mode further steps, each <see cref="LoadOptions.Step"/> faster,
    /// while every step met the goal and the rate stays within <see cref="LoadOptions.MaxRate"/>.
    /// </summary>
    internal static async Task<IReadOnlyList<LoadStep>> StepAsync(LoadOptions options, Func<double, Task<LoadStep>> measure)
    {
        var steps = new List<LoadStep>();
        for (var rate = options.Rate; ; rate += options.Step)
        {
            var step = await measure(rate).ConfigureAwait(false);
            steps.Add(step);
            if (!options.FindSaturation || !step.WithinGoal || rate + options.Step > options.MaxRate) return steps;
        }
    }

    /// <summary>The benchmark LAS's webhook listens on the base port plus this (within the cluster's range of 100).</summary>
    internal const int WebhookPortOffset = 90;

    /// <summary>The secondary school's LAS as the bench drives it: its API client and how it learns that a request ended.</summary>
    private sealed record BenchLas(LasApiClient Api, WebhookInbox? Inbox, TimeSpan? PollInterval);

    private static async Task<LoadStep> MeasureAsync(BenchLas las, IReadOnlyList<AanmeldingDto> aanmeldingen, double rate, LoadOptions options, CancellationToken ct)
    {
        var requests = new ConcurrentDictionary<int, AanvraagDto>(); // arrival → its finished request, for the succeeded ones
        var done = 0;
        var started = 0;
        using var stopProgress = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var progress = ProgressAsync(las, () => (Volatile.Read(ref started), Volatile.Read(ref done)), options.Log, stopProgress.Token);
        var arrivals = await OpenLoop.RunAsync(rate, options.Duration, async (i, token) =>
        {
            Interlocked.Increment(ref started);
            try
            {
                var (error, request) = await TransferAsync(las, aanmeldingen[i], options.Timeout, token).ConfigureAwait(false);
                if (request is not null) requests[i] = request;
                return error;
            }
            finally
            {
                var n = Interlocked.Increment(ref done);
                if (n % Math.Max(1, aanmeldingen.Count / 10) == 0) await options.Log.WriteLineAsync($"  {n}/{aanmeldingen.Count} afgerond").ConfigureAwait(false);
            }
        }, TimeProvider.System, ct).ConfigureAwait(false);
        await stopProgress.CancelAsync().ConfigureAwait(false);
        await progress.ConfigureAwait(false);

        // a request the API calls OverdrachtGeslaagd must have its received dossier (one look afterwards, outside the timing)
        var received = (await las.Api.ReceivedAsync(onlyNew: false, ct).ConfigureAwait(false)).Select(r => r.AanvraagId).ToHashSet();
        arrivals = [.. arrivals.Select(a => requests.TryGetValue(a.Index, out var r) && !received.Contains(r.Id)
            ? a with { Error = "geslaagd volgens de aanvraag, maar geen ontvangen dossier" } : a)];
        return LoadStep.From(rate, options.Duration, arrivals, options.P99Limit, StepFigures.From(requests.Values.Select(r => (r.Aangemaakt, r.Stappen))));
    }

    /// <summary>
    /// Every 10 s while a step runs, one line: transfers started, finished and still open, and how many request reads
    /// (<c>GET …/aanvragen/{id}</c>) the generator itself sent per second — its own load on the cluster.
    /// </summary>
    private static async Task ProgressAsync(BenchLas las, Func<(int Started, int Done)> counts, TextWriter log, CancellationToken ct)
    {
        var vo = las.Api;
        var watch = Stopwatch.StartNew();
        var (lastReads, lastAt) = (vo.RequestReads, TimeSpan.Zero);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                var (reads, at) = (vo.RequestReads, watch.Elapsed);
                var (started, finished) = counts();
                await log.WriteLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"  t={at.TotalSeconds:F0} s: {started} gestart, {finished} afgerond, {started - finished} open; {(reads - lastReads) / (at - lastAt).TotalSeconds:F0} GET aanvraag per s{(las.Inbox is { } inbox ? $"; {inbox.Received} webhooks ontvangen, {inbox.Refused} geweigerd" : "")}")).ConfigureAwait(false);
                (lastReads, lastAt) = (reads, at);
            }
        }
        catch (OperationCanceledException)
        {
            // the step ended
        }
    }

    /// <summary>
    /// One whole transfer as a LAS with a webhook does it: aanmelding, aanvragen, waiting for the node's
    /// <c>aanvraag.afgerond</c>, then one read of the request (its resultaat and steps). Null and the finished request
    /// when it ended OverdrachtGeslaagd; otherwise why not.
    /// </summary>
    private static async Task<(string? Error, AanvraagDto? Request)> TransferAsync(BenchLas las, AanmeldingDto pupil, TimeSpan timeout, CancellationToken ct)
    {
        var vo = las.Api;
        try
        {
            var aanmelding = await vo.RegisterAsync(pupil, ct).ConfigureAwait(false);
            var id = await vo.RequestAsync(aanmelding, null, ct).ConfigureAwait(false);
            if (las.Inbox is null)
            {
                var polled = await vo.WaitForRequestAsync(id, timeout, las.PollInterval!.Value, ct).ConfigureAwait(false);
                if (polled.Status is not ("Klaar" or "Mislukt")) return ($"niet afgerond binnen {timeout.TotalSeconds:F0} s (status {polled.Status})", null);
                return polled.Resultaat == "OverdrachtGeslaagd" ? (null, polled) : ($"{polled.Resultaat}: {polled.Toelichting}", null);
            }
            var heard = await las.Inbox.WaitAsync(id, timeout, ct).ConfigureAwait(false);
            var request = await vo.GetRequestAsync(id, ct).ConfigureAwait(false);
            if (!heard)
                return (request.Status is "Klaar" or "Mislukt"
                    ? $"afgerond, maar geen webhook binnen {timeout.TotalSeconds:F0} s"
                    : $"niet afgerond binnen {timeout.TotalSeconds:F0} s (status {request.Status})", null);
            if (request.Resultaat != "OverdrachtGeslaagd") return ($"{request.Resultaat}: {request.Toelichting}", null);
            return (null, request);
        }
        catch (Exception e) when (!ct.IsCancellationRequested && Reason(e) is { } reason)
        {
            return (reason, null);
        }
    }

    /// <summary>
    /// Transfers before the measurement, 4 at a time and not measured: every instance opens its connections (to the
    /// database, through the balancer), builds its caches and compiles its hot paths, so the first step does not measure
    /// the cluster's start. Returns how many failed.
    /// </summary>
    private static async Task<int> WarmUpAsync(BenchLas las, IReadOnlyList<AanmeldingDto> pupils, TimeSpan timeout, CancellationToken ct)
    {
        var failed = 0;
        await Parallel.ForEachAsync(pupils, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (pupil, token) =>
        {
            if ((await TransferAsync(las, pupil, timeout, token).ConfigureAwait(false)).Error is not null) Interlocked.Increment(ref failed);
        }).ConfigureAwait(false);
        return failed;
    }

    // what a failed call says, without pupil data (a problem body or exception message may quote it)
    private static string? Reason(Exception e) => e switch
    {
        LasApiException api => $"LAS-API antwoordde HTTP {(int)api.Status}",
        HttpRequestException http => $"geen verbinding met de LAS-API ({http.HttpRequestError})",
        TaskCanceledException => "LAS-API gaf geen antwoord binnen 60 s",
        _ => null,
    };
}
