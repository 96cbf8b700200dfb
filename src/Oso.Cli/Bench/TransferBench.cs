using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Oso.Cli.Up;
using Oso.Dossier;
using Oso.Hosting.Storage;
using Oso.Hosting.Certificates;
using Oso.Hosting.Listeners;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Security;
using Oso.School.Audit;
using Oso.School.Bron;
using Oso.School.Doel;
using Oso.School.LasApi;
using Oso.School.Outbox;
using Oso.Synthetic;

namespace Oso.Cli.Bench;

/// <summary>Latency figures of one run.</summary>
/// <param name="Count">Operations.</param>
/// <param name="Seconds">Wall time.</param>
/// <param name="P50Ms">Median latency.</param>
/// <param name="P99Ms">99th percentile latency.</param>
/// <param name="Failures">Operations that did not succeed.</param>
public sealed record BenchFigures(int Count, double Seconds, double P50Ms, double P99Ms, int Failures)
{
    /// <summary>Operations per second.</summary>
    public double PerSecond => Count / Seconds;

    /// <summary>
    /// CPU time (user + system) of the whole process — every host of the bench and its client — per operation, over the
    /// measured part only. On a machine shared with other work this moves far less than the rates do.
    /// </summary>
    public double CpuMsPerOp { get; init; }

    /// <summary>Bytes allocated on the managed heap by the whole process per operation (kB), over the measured part only.</summary>
    public double AllocatedKbPerOp { get; init; }

    /// <summary>Garbage collections during the measured part: generation 0, 1 and 2 (a gen-2 count includes the lower ones).</summary>
    public IReadOnlyList<int> Collections { get; init; } = [];

    internal static BenchFigures From(List<double> latencies, double seconds, int failures)
    {
        latencies.Sort();
        return new BenchFigures(latencies.Count, seconds, Percentile(latencies, 0.50), Percentile(latencies, 0.99), failures);
    }

    /// <summary>The nearest-rank <paramref name="q"/>-quantile of sorted values (0 when there are none).</summary>
    internal static double Percentile(IReadOnlyList<double> sorted, double q) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
}

/// <summary>How long one step of a transfer took (from the end of the previous step).</summary>
/// <param name="Stap">The step as the trace names it.</param>
/// <param name="P50Ms">Median.</param>
/// <param name="P99Ms">99th percentile.</param>
public sealed record StepFigures(string Stap, double P50Ms, double P99Ms)
{
    // the trace of each transfer says when each step ended: the time between them is where a transfer spends its time
    internal static IReadOnlyList<StepFigures> From(IEnumerable<(DateTimeOffset Started, IReadOnlyList<TraceStep> Trace)> transfers)
    {
        var durations = new Dictionary<string, List<double>>();
        foreach (var (started, trace) in transfers)
        {
            var previous = started;
            foreach (var step in trace.Where(s => s.At >= previous))
            {
                if (!durations.TryGetValue(step.Stap, out var list)) durations[step.Stap] = list = [];
                list.Add((step.At - previous).TotalMilliseconds);
                previous = step.At;
            }
        }
        return [.. durations.Select(d => { var f = BenchFigures.From(d.Value, 1, 0); return new StepFigures(d.Key, f.P50Ms, f.P99Ms); })];
    }
}

/// <summary>The outcome: transfers over the full protocol next to a raw mTLS echo of the same bytes.</summary>
/// <param name="DossierBytes">Average size of a transferred dossier.</param>
/// <param name="Concurrency">Transfers in flight at once.</param>
/// <param name="Transfers">The full protocol.</param>
/// <param name="Echo">The raw mTLS echo.</param>
/// <param name="Steps">Per step of the trace: how long it took.</param>
public sealed record TransferBenchResult(int DossierBytes, int Concurrency, BenchFigures Transfers, BenchFigures Echo, IReadOnlyList<StepFigures> Steps)
{
    /// <summary>Echo throughput divided by transfer throughput.</summary>
    public double Ratio => Echo.PerSecond / Transfers.PerSecond;

    /// <summary>The engine Central and the School node ran on: "SQLite" or "PostgreSQL".</summary>
    public string Database { get; init; } = "SQLite";

    /// <summary>The attachments (bijlagen, decoded) a dossier carried on average, in bytes.</summary>
    public long AttachmentBytes { get; init; }

    /// <summary>Dossier bytes moved per second by the transfers (MiB/s).</summary>
    public double TransfersMbPerSecond => Transfers.Count * (double)DossierBytes / Transfers.Seconds / (1024 * 1024);

    /// <summary>The same bytes per second through the echo (MiB/s).</summary>
    public double EchoMbPerSecond => Echo.Count * (double)DossierBytes / Echo.Seconds / (1024 * 1024);

    /// <summary>
    /// The largest increase of the peak RSS (MiB) over the transfers, warm-up included, of the bench's one process —
    /// Central, the School node (bron and doel) and the client (<see cref="PeakRss"/>); null where it cannot be read.
    /// </summary>
    public double? ExtraPeakRssMb { get; init; }

    /// <summary>The same over the echo of the same bytes.</summary>
    public double? EchoExtraPeakRssMb { get; init; }

    /// <summary>The transfers' MB/s as a share of the echo's for the same bytes (the goal: at least 0.5 with 100 MiB of attachments).</summary>
    public double MbPerSecondOfEcho => TransfersMbPerSecond / EchoMbPerSecond;

    /// <summary>
    /// <c>--sides</c>: the bron's School node, the doel's School node and Central each ran as a process of its own, and
    /// these are their figures; null when everything ran in the bench's one process.
    /// </summary>
    public SidesFigures? Sides { get; init; }
}

/// <summary>What <see cref="TransferBench"/> runs.</summary>
public sealed record TransferBenchOptions
{
    /// <summary>Measured transfers.</summary>
    public int Count { get; init; } = 200;

    /// <summary>Transfers in flight at once.</summary>
    public int Concurrency { get; init; } = 8;

    /// <summary>The dossier size to aim at (ignored when <see cref="AttachmentBytes"/> is set).</summary>
    public int TargetBytes { get; init; } = 175 * 1024;

    /// <summary>
    /// The attachments each dossier carries in all (bytes, decoded), 0 for the usual small ones: the dossier is as large
    /// as that makes it.
    /// </summary>
    public long AttachmentBytes { get; init; }

    /// <summary>A PostgreSQL server (Npgsql connection string): Central and the node each get a fresh database on it, dropped afterwards. Null: SQLite.</summary>
    public string? Database { get; init; }

    /// <summary>
    /// Central, the bron's School node and the doel's School node each in a process of their own (SQLite only), so that
    /// each side's extra peak RSS is its own (<see cref="TransferBench"/>'s per-side run).
    /// </summary>
    public bool Sides { get; init; }
}

/// <summary>
/// <c>oso bench transfer</c>: N transfers of ~175 KB dossiers over the full protocol (session at the Traffic Center,
/// documentRequest to the bron with its sessiecontrole, decryption, profile filter, validation and encrypted storage at
/// the doel, afmelding) — all over real mutual TLS on this machine — side by side with a raw mTLS echo of the same
/// bytes through the same TLS setup. The chain runs in a temporary directory.
/// </summary>
public static partial class TransferBench
{
    /// <summary>Runs the benchmark.</summary>
    public static Task<TransferBenchResult> RunAsync(int count, int concurrency, int targetBytes, TextWriter log, CancellationToken ct) =>
        RunAsync(new TransferBenchOptions { Count = count, Concurrency = concurrency, TargetBytes = targetBytes }, log, ct);

    /// <summary>Runs the benchmark.</summary>
    public static async Task<TransferBenchResult> RunAsync(TransferBenchOptions options, TextWriter log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        if (options.Sides) return await RunSidesAsync(options, log, ct).ConfigureAwait(false);
        var (count, concurrency) = (options.Count, options.Concurrency);
        string? refused = null;
        await using var databases = options.Database is null ? null : BenchDatabases.For(options.Database, out refused);
        if (refused is not null) throw new ArgumentException(refused, nameof(options));
        var directory = Directory.CreateTempSubdirectory("oso-bench-").FullName;
        try
        {
            await using var chain = await BenchDatabases.StartChainAsync(directory, databases, log, ct).ConfigureAwait(false);
            var engine = chain.School.Services.GetRequiredService<DatabaseOptions>().Provider == DatabaseProvider.Postgres ? "PostgreSQL" : "SQLite";
            await log.WriteLineAsync(options.AttachmentBytes > 0
                ? $"Voorbereiden ({engine}): {count} leerlingen met een dossier met {options.AttachmentBytes / (1024.0 * 1024):0.#} MB aan bijlagen, vrijgegeven en aangemeld…"
                : $"Voorbereiden ({engine}): {count} leerlingen met een dossier van ~{options.TargetBytes / 1024} kB, vrijgegeven en aangemeld…").ConfigureAwait(false);
            var warmUp = Math.Clamp(count / 10, 3, 20);
            var (all, dossiers, attachments, _) = await PrepareAsync(chain, warmUp, count, options, directory, request: true, ct).ConfigureAwait(false);
            var requests = all.Skip(warmUp).ToList();

            await log.WriteLineAsync($"Meten: {count} overdrachten over het volledige protocol, {concurrency} tegelijk…").ConfigureAwait(false);
            var runner = chain.School.Services.GetServices<IOutboxHandler>().OfType<TransferRunner>().Single();
            var started = new System.Collections.Concurrent.ConcurrentDictionary<Guid, DateTimeOffset>();
            async Task<bool> Transfer(Guid id)
            {
                started[id] = TimeProvider.System.GetUtcNow();
                var message = new OutboxMessage { Id = Guid.NewGuid(), Kind = TransferRunner.Kind, Payload = $"{{\"RequestId\":\"{id}\"}}", IdempotencyKey = id.ToString() };
                return await runner.HandleAsync(message, ct).ConfigureAwait(false) is OutboxOutcome.Completed;
            }
            var transferPeak = PeakRss.Start();
            // the first transfers pay for JIT compilation and connection set-up; they are not measured
            await MeasureAsync(all.Take(warmUp).ToList(), concurrency, Transfer, ct).ConfigureAwait(false);
            var transfers = await MeasureAsync(requests, concurrency, Transfer, ct).ConfigureAwait(false);
            var transferExtra = transferPeak?.ExtraMb();
            var (ok, steps) = await StepsAsync(chain, requests, started, log, ct).ConfigureAwait(false);
            transfers = transfers with { Failures = transfers.Failures + (requests.Count - ok) };

            await log.WriteLineAsync($"Meten: {count} keer dezelfde bytes heen en terug over een kale mTLS-verbinding, {concurrency} tegelijk…").ConfigureAwait(false);
            // read back only now: held through the transfers, the echo's bytes (8 × 85 MiB at --attachment-mb 64) were live
            // data no node has, and the collector sizes its budget for the large-object heap by what survives there
            var measured = new List<byte[]>(count);
            foreach (var path in dossiers.Skip(warmUp)) measured.Add(await File.ReadAllBytesAsync(path, ct).ConfigureAwait(false));
            var echoPeak = PeakRss.Start();
            var echo = await EchoAsync(chain.Central.CertificateAuthorityDirectory!, Path.Combine(Path.GetFullPath(chain.Options.DataDirectory), "school", "tls"), concurrency, measured, ct).ConfigureAwait(false);
            var echoExtra = echoPeak?.ExtraMb();
            return new TransferBenchResult((int)measured.Average(d => d.Length), concurrency, transfers, echo, steps)
            {
                Database = engine,
                AttachmentBytes = (long)attachments.Skip(warmUp).Average(),
                ExtraPeakRssMb = transferExtra,
                EchoExtraPeakRssMb = echoExtra,
            };
        }
        finally
        {
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private const int Seed = 4242;

    // the dossiers' XML goes to files in the bench's temporary directory (synthetic pupils; removed with it), for the echo
    // with request false the doel only gets the aanmeldingen to register later, through its LAS API (--sides)
    private static async Task<(List<Guid> Requests, List<string> Dossiers, List<long> Attachments, List<AanmeldingDto> Aanmeldingen)> PrepareAsync(DemoChain chain,
        int warmUp, int count, TransferBenchOptions options, string directory, bool request, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var school = DemoSchools.SyntheticSchool(DemoSchools.Po);
        var pupils = options.AttachmentBytes > 0
            ? WithAttachments(warmUp + count, options.AttachmentBytes, today, school)
            : OfSize(warmUp, count, options.TargetBytes, today, school);
        var bron = chain.School.Services.GetRequiredService<BronDossiers>();
        var aanmeldingen = chain.School.Services.GetRequiredService<Aanmeldingen>();
        var po = Actor.Las(chain.State.Po.LasClientId);
        var vo = Actor.Las(chain.State.Vo.LasClientId);
        var requests = new List<Guid>();
        var dossiers = new List<string>(warmUp + count);
        var echoDirectory = Directory.CreateDirectory(Path.Combine(directory, "echo")).FullName;
        var attachments = new List<long>(warmUp + count);
        var toRegister = new List<AanmeldingDto>(warmUp + count);
        var n = 0;
        foreach (var pupil in pupils)
        {
            var xml = DossierWriter.ToBytes(pupil, indent: false);
            dossiers.Add(Path.Combine(echoDirectory, n + ".xml"));
            await File.WriteAllBytesAsync(dossiers[^1], xml, ct).ConfigureAwait(false);
            attachments.Add(Dossier.Model.DossierAttachments.All(pupil.Huidigeschool.Leerling).Sum(a => a.Document.Bestandsinhoud.DecodedLength ?? 0));
            var stored = (DeliveryResult.Stored)await bron.DeliverAsync(DemoSchools.Po.Brin, "B" + n++, pupil, po, ct).ConfigureAwait(false);
            // a dossier the bron cannot release would fail its transfer later with "not available": say why now
            var released = await bron.ReleaseAsync(DemoSchools.Po.Brin, stored.PupilId, null, po, ct).ConfigureAwait(false);
            if (released is not ReleaseResult.Released)
                throw new BenchSetupException($"de bronschool kan het dossier van leerling {n} ({xml.Length / (1024 * 1024)} MB) niet klaarzetten: " + released switch
                {
                    ReleaseResult.NotAllowed x => x.Reason,
                    ReleaseResult.Invalid x => string.Join("; ", x.Meldingen.Take(3).Select(m => $"{m.Code} {m.Tekst}")),
                    _ => released.GetType().Name,
                });
            var l = pupil.Huidigeschool.Leerling;
            if (!request)
            {
                toRegister.Add(new AanmeldingDto((l.Bsn ?? l.Onderwijsnummer)!, l.Geboortedatum!.Value, DemoSchools.Po.Brin, BronDossiers.Name(l), null));
                continue;
            }
            var aanmelding = (DoelResult.Ok)await aanmeldingen.RegisterAsync(DemoSchools.Vo.Brin,
                new AanmeldingInput((l.Bsn ?? l.Onderwijsnummer)!, l.Geboortedatum!.Value, DemoSchools.Po.Brin), vo, ct).ConfigureAwait(false);
            requests.Add(((DoelResult.Ok)await aanmeldingen.RequestAsync(DemoSchools.Vo.Brin, aanmelding.Id, "Las", null, vo, ct).ConfigureAwait(false)).Id);
        }
        return (requests, dossiers, attachments, toRegister);
    }

    // pupils differ in how many attachments they have; over the first measured pupils the average dossier grows
    // linearly with the attachment size: two probes give the slope, one more step corrects rounding
    private static IEnumerable<Dossier.Model.Dossier> OfSize(int warmUp, int count, int targetBytes, DateOnly today, Dossier.Model.School school)
    {
        double Average(long attachment) => SyntheticDossiers.Many(SyntheticProfile.Povo, warmUp + Math.Min(count, 20), Seed, today, new SyntheticOptions { School = school, AttachmentSize = attachment })
            .Skip(warmUp).Average(d => (double)DossierWriter.ToBytes(d, indent: false).Length);
        long low = 1024, high = 64 * 1024;
        double lowSize = Average(low), highSize = Average(high);
        var slope = (highSize - lowSize) / (high - low);
        var attachment = Math.Max(0, low + (long)((targetBytes - lowSize) / slope));
        attachment = Math.Max(0, attachment + (long)((targetBytes - Average(attachment)) / slope));
        return SyntheticDossiers.Many(SyntheticProfile.Povo, warmUp + count, Seed, today, new SyntheticOptions { School = school, AttachmentSize = attachment });
    }

    // --attachment-mb: each dossier carries the given bytes of attachments in all, as the generator makes them (one or two
    // documents in the overigdocumentlijst and, by chance, a diagnosis report, a plan, a test report — each of the same
    // size). How many a pupil gets depends on the generator's draws, and those on the size, so per pupil: size = total /
    // count, again until the count stays; a pupil whose count keeps changing with the size is passed over, and so is one
    // whose identity an earlier one already has.
    private static IEnumerable<Dossier.Model.Dossier> WithAttachments(int count, long total, DateOnly today, Dossier.Model.School school)
    {
        var identities = new HashSet<string>(StringComparer.Ordinal);
        for (var seed = Seed * 1000; identities.Count < count; seed++)
        {
            if (seed > Seed * 1000 + 100 * count) throw new InvalidOperationException("The generator gave too few pupils whose attachments add up to the asked size.");
            var options = new SyntheticOptions { School = school, AttachmentSize = Math.Max(1, total / 2) };
            var dossier = SyntheticDossiers.Create(SyntheticProfile.Povo, seed, today, options);
            var held = false;
            for (var step = 0; step < 4 && !held; step++)
            {
                var size = Math.Max(1, total / Math.Max(1, Dossier.Model.DossierAttachments.All(dossier.Huidigeschool.Leerling).Count));
                held = size == options.AttachmentSize;
                if (held) break;
                options = options with { AttachmentSize = size };
                dossier = SyntheticDossiers.Create(SyntheticProfile.Povo, seed, today, options);
            }
            var l = dossier.Huidigeschool.Leerling;
            // a primary school releases a dossier only after the parents' inspection: pupils without it are passed over
            // and one attachment is one text node in the XML: base64, at most XmlLimits.MaxTextLength (64 MiB) — a pupil with
            // too few documents to keep each under that is passed over too
            if (held && dossier.Inzage?.Inzage == true && options.AttachmentSize * 4 / 3 + 4096 <= new Oso.Dossier.Xml.XmlLimits().MaxTextLength
                && identities.Add((l.Bsn ?? l.Onderwijsnummer)!)) yield return dossier;
        }
    }

    private static async Task<(int Succeeded, IReadOnlyList<StepFigures> Steps)> StepsAsync(DemoChain chain, List<Guid> requests,
        IReadOnlyDictionary<Guid, DateTimeOffset> started, TextWriter log, CancellationToken ct)
    {
        await using var db = chain.School.Services.GetRequiredService<Oso.School.Storage.SchoolStore>().Read();
        var set = requests.ToHashSet();
        var rows = (await db.TransferRequests.AsNoTracking().ToListAsync(ct).ConfigureAwait(false)).Where(r => set.Contains(r.Id)).ToList();
        var succeeded = rows.Where(r => r.Resultaat == "OverdrachtGeslaagd").ToList();
        // why the others failed: the last step of each trace that did not succeed (codes and their Dutch explanation, no personal data)
        foreach (var why in rows.Where(r => r.Resultaat != "OverdrachtGeslaagd")
                     .Select(r => TraceStep.Parse(r.Trace).LastOrDefault(t => !t.Geslaagd) is { } step ? $"{step.Stap}: {step.Resultaat} ({step.Toelichting})" : $"{r.Status}: {r.Resultaat}")
                     .GroupBy(w => w, StringComparer.Ordinal))
            await log.WriteLineAsync($"Mislukt ({why.Count()}×): {why.Key}").ConfigureAwait(false);
        return (succeeded.Count, StepFigures.From(succeeded.Select(r => (started[r.Id], (IReadOnlyList<TraceStep>)TraceStep.Parse(r.Trace)))));
    }

    internal static async Task<BenchFigures> MeasureAsync<T>(IReadOnlyList<T> work, int concurrency, Func<T, Task<bool>> operation, CancellationToken ct)
    {
        var latencies = new List<double>(work.Count);
        var failures = 0;
        var next = -1;
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: false);
        int[] collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < work.Count)
            {
                var watch = Stopwatch.StartNew();
                var ok = await operation(work[i]).ConfigureAwait(false);
                lock (latencies)
                {
                    latencies.Add(watch.Elapsed.TotalMilliseconds);
                    if (!ok) failures++;
                }
            }
        }, ct))).ConfigureAwait(false);
        var seconds = total.Elapsed.TotalSeconds;
        process.Refresh();
        var ops = Math.Max(1, work.Count);
        return BenchFigures.From(latencies, seconds, failures) with
        {
            CpuMsPerOp = (process.TotalProcessorTime - cpu).TotalMilliseconds / ops,
            AllocatedKbPerOp = (GC.GetTotalAllocatedBytes(precise: false) - allocated) / 1024.0 / ops,
            Collections = [.. collections.Select((before, gen) => GC.CollectionCount(gen) - before)],
        };
    }

    // the same TLS setup as the protocol listeners: the node's server certificate, a required client certificate
    // checked against the same anchors, the node's own system certificate as client
    private static async Task<BenchFigures> EchoAsync(string caDirectory, string tlsDirectory, int concurrency, List<byte[]> dossiers, CancellationToken ct)
    {
        var time = TimeProvider.System;
        using var ca = DevelopmentCertificateAuthority.Load(caDirectory, time);
        using var tls = HostTls.Development(Path.Combine(Path.GetTempPath(), "oso-echo-" + Guid.NewGuid().ToString("N")[..8]), ca, time);
        var validator = tls.Validator(time);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        OsoListeners.Configure(builder, new ListenerOptions(), tls.ServerCertificate, validator);
        await using var app = builder.Build();
        app.UseRouting();
        app.UseListenerSeparation();
        app.MapPost("/echo", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
            context.Response.ContentType = "text/xml";
            await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted).ConfigureAwait(false);
        }).OnProtocolListener();
        await app.StartAsync(ct).ConfigureAwait(false);
        var (_, protocol) = OsoListeners.BoundUrls(app, new ListenerOptions());

        using var client = HostTls.LoadPem(Path.Combine(tlsDirectory, "system.crt.pem"), Path.Combine(tlsDirectory, "system.key.pem"));
        using var http = OsoHttpClientFactory.Create(new OsoClientOptions(client, validator));
        async Task<bool> Echo(byte[] bytes)
        {
            using var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/xml");
            using var response = await http.PostAsync(new Uri(protocol, "/echo"), content, ct).ConfigureAwait(false);
            var answer = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
            return response.StatusCode == HttpStatusCode.OK && answer.Length == bytes.Length;
        }
        await MeasureAsync(dossiers.Take(Math.Clamp(dossiers.Count / 10, 3, 20)).ToList(), concurrency, Echo, ct).ConfigureAwait(false);
        var figures = await MeasureAsync(dossiers, concurrency, Echo, ct).ConfigureAwait(false);
        await app.StopAsync(ct).ConfigureAwait(false);
        return figures;
    }
}

/// <summary>The bench could not prepare its run (the message, in Dutch, says why).</summary>
public sealed class BenchSetupException : Exception
{
    /// <summary>Creates one.</summary>
    public BenchSetupException() { }

    /// <summary>Creates one with a message.</summary>
    public BenchSetupException(string message) : base(message) { }

    /// <summary>Creates one with a message and a cause.</summary>
    public BenchSetupException(string message, Exception inner) : base(message, inner) { }
}
