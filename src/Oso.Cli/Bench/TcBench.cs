using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using Oso.Cli.Up;
using Oso.Dossier.Identifiers;
using Oso.Hosting.Certificates;
using Oso.Protocol.Client;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Messages;
using Oso.Protocol.Results;
using Oso.Protocol.Security;

namespace Oso.Cli.Bench;

/// <summary>The outcome of <c>oso bench tc</c>.</summary>
/// <param name="Concurrency">Sessions in flight at once.</param>
/// <param name="Sessions">One session = overdracht + sessiecontrole + afmelding, each a call over mutual TLS.</param>
/// <param name="Calls">Per call: how long it took.</param>
public sealed record TcBenchResult(int Concurrency, BenchFigures Sessions, IReadOnlyList<StepFigures> Calls)
{
    /// <summary>The engine Central ran on: "SQLite" or "PostgreSQL".</summary>
    public string Database { get; init; } = "SQLite";
}

/// <summary>
/// <c>oso bench tc</c>: the Traffic Center alone. N sessions, each the three calls a transfer makes there (the doel's
/// overdracht, the bron's sessiecontrole, the doel's afmelding), over real mutual TLS from the demo node's system
/// certificate, with everything the Traffic Center does per call (register checks, the session and its trace step in one
/// transaction). The chain runs in a temporary directory; no dossier moves.
/// </summary>
public static class TcBench
{
    /// <summary>Runs the benchmark on SQLite.</summary>
    public static Task<TcBenchResult> RunAsync(int count, int concurrency, TextWriter log, CancellationToken ct) =>
        RunAsync(count, concurrency, null, log, ct);

    /// <summary>
    /// Runs the benchmark; with <paramref name="database"/> (a PostgreSQL server, Npgsql connection string) Central and
    /// the node each run on a fresh database there, dropped afterwards.
    /// </summary>
    public static async Task<TcBenchResult> RunAsync(int count, int concurrency, string? database, TextWriter log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(log);
        string? refused = null;
        await using var databases = database is null ? null : BenchDatabases.For(database, out refused);
        if (refused is not null) throw new ArgumentException(refused, nameof(database));
        var directory = Directory.CreateTempSubdirectory("oso-bench-tc-").FullName;
        try
        {
            await using var chain = await BenchDatabases.StartChainAsync(directory, databases, log, ct).ConfigureAwait(false);
            var anchors = new X509Certificate2Collection();
            anchors.ImportFromPemFile(chain.Central.TrustAnchorPemPath);
            var tlsDirectory = Path.Combine(Path.GetFullPath(chain.Options.DataDirectory), "school", "tls");
            using var certificate = HostTls.LoadPem(Path.Combine(tlsDirectory, "system.crt.pem"), Path.Combine(tlsDirectory, "system.key.pem"));
            using var http = OsoHttpClientFactory.Create(new OsoClientOptions(certificate, new OsoCertificateValidator(anchors, TimeProvider.System)));
            var soap = new OsoSoapClient(http);
            var tc = chain.Central.TrafficCenterUrl;
            var bron = (Brin: Brin.Parse(chain.State.Po.Brin), Rk: RouteringsKenmerk.Parse(chain.State.Po.RouteringsKenmerk));
            var doel = (Brin: Brin.Parse(chain.State.Vo.Brin), Rk: RouteringsKenmerk.Parse(chain.State.Vo.RouteringsKenmerk));
            var routering = new Routering(bron.Brin, bron.Rk, doel.Brin, doel.Rk);
            var pgn = Pgn.Parse("999991000");
            var calls = new ConcurrentDictionary<string, ConcurrentBag<double>>();

            async Task<T?> Call<T>(string name, OsoRequest<T> request)
                where T : OsoResponse
            {
                var watch = Stopwatch.StartNew();
                var result = await soap.SendAsync(tc, request, ct).ConfigureAwait(false);
                calls.GetOrAdd(name, _ => []).Add(watch.Elapsed.TotalMilliseconds);
                return (result as OsoCallResult<T>.Success)?.Response;
            }

            async Task<bool> Session(int _)
            {
                var sleutel = new SessieSleutel.Zoek(Zoeksleutel.Bereken(pgn, ZoeksleutelGeheim.Nieuw()));
                if (await Call("overdracht", new OverdrachtRequest(bron.Brin, null, doel.Brin, doel.Rk, sleutel, Overdrachtsoort.Overstapdossier)).ConfigureAwait(false)
                    is not OverdrachtResponse.Toegekend toegekend) return false;
                if (await Call("sessiecontrole", new SessiecontroleRequest(routering, sleutel, Overdrachtsoort.Overstapdossier, toegekend.SessieId)).ConfigureAwait(false)
                    is not SessiecontroleResponse.Geldig) return false;
                return await Call("afmelding", new AfmeldingRequest(routering, toegekend.SessieId, ResultaatCode.OverdrachtGeslaagd)).ConfigureAwait(false)
                    is { Resultaat: ResultaatCode.AfmeldingOntvangen };
            }

            // the first sessions pay for JIT compilation, connection set-up and the first register look-ups; not measured
            var warmUp = Math.Clamp(count / 10, 16, 200);
            await log.WriteLineAsync($"Opwarmen: {warmUp} sessies…").ConfigureAwait(false);
            await TransferBench.MeasureAsync(Enumerable.Range(0, warmUp).ToList(), concurrency, Session, ct).ConfigureAwait(false);
            calls.Clear();
            await log.WriteLineAsync($"Meten: {count} sessies (overdracht, sessiecontrole, afmelding) bij het Traffic Center, {concurrency} tegelijk…").ConfigureAwait(false);
            var sessions = await TransferBench.MeasureAsync(Enumerable.Range(0, count).ToList(), concurrency, Session, ct).ConfigureAwait(false);
            var perCall = calls.OrderBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => { var f = BenchFigures.From([.. c.Value], 1, 0); return new StepFigures(c.Key, f.P50Ms, f.P99Ms); }).ToList();
            return new TcBenchResult(concurrency, sessions, perCall) { Database = databases is null ? "SQLite" : "PostgreSQL" };
        }
        finally
        {
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
