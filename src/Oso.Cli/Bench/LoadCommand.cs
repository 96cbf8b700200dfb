using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Oso.Cli.Bench;

/// <summary><c>oso bench load --rate R --duration S [--instances N] [--find-saturation] [--json]</c>.</summary>
internal static class LoadCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create(CliContext context)
    {
        var rate = new Option<double>("--rate") { Description = "Overdrachten per seconde, op vaste momenten gestart (standaard 1; met --find-saturation de eerste stap).", DefaultValueFactory = _ => 1 };
        var duration = new Option<int>("--duration") { Description = "Hoelang er overdrachten starten, in s (standaard 60; met --find-saturation per stap).", DefaultValueFactory = _ => 60 };
        var instances = new Option<int>("--instances") { Description = "Instanties van Central en van de School-node (elk; standaard 2).", DefaultValueFactory = _ => 2 };
        var find = new Option<bool>("--find-saturation") { Description = "Verhoog het tempo stap voor stap tot een stap fouten heeft of een p99 boven de grens; noemt het hoogste tempo dat het doel haalde." };
        var step = new Option<double?>("--step") { Description = "Met --find-saturation: zoveel per s sneller per stap (standaard --rate)." };
        var maxRate = new Option<double>("--max-rate") { Description = "Met --find-saturation: hoger dan dit niet (standaard 50 per s).", DefaultValueFactory = _ => 50 };
        var limit = new Option<int>("--p99-limit-ms") { Description = "Het doel: p99 hoogstens zoveel ms, en geen fouten (standaard 1000).", DefaultValueFactory = _ => 1000 };
        var timeout = new Option<int>("--timeout-s") { Description = "Een overdracht die zo lang na haar start niet af is, is een fout (standaard 60).", DefaultValueFactory = _ => 60 };
        var warmup = new Option<int>("--warmup") { Description = "Overdrachten vóór de meting, 4 tegelijk en niet gemeten: de eerste verbindingen, caches en JIT van elke instantie (standaard 20).", DefaultValueFactory = _ => 20 };
        var seed = new Option<int?>("--seed") { Description = "Het zaadje voor de synthetische leerlingen (standaard willekeurig; de uitvoer noemt het)." };
        var data = new Option<string>("--data") { Description = "De gegevensmap van het cluster (standaard .oso-load; wordt geleegd).", DefaultValueFactory = _ => ".oso-load" };
        var basePort = new Option<int>("--base-port") { Description = "De eerste poort van het cluster (standaard 7700; zie oso cluster up).", DefaultValueFactory = _ => 7700 };
        var poll = new Option<int?>("--poll-ms") { Description = "Zonder webhook: de LAS van de VO-school vraagt elke open aanvraag elke zoveel ms op (om te vergelijken; standaard hoort ze het via haar webhook, zoals een echte LAS)." };
        var json = new Option<bool>("--json") { Description = "Uitvoer als JSON." };
        var command = new Command("load",
            "Hele overdrachten (aanmelding, aanvragen, dossier ontvangen via de LAS-API) op vaste momenten gestart tegen een cluster (oso cluster up), "
            + "ook als antwoorden traag zijn (open lus); latentie vanaf het geplande moment: p50, p99, p99,9, fouten met reden, bereikt tempo. "
            + "Exitcode 1 als het doel (p99 binnen de grens, geen fouten) gemist is; met --find-saturation als geen stap het haalde.")
        {
            rate, duration, instances, find, step, maxRate, limit, timeout, warmup, seed, data, basePort, poll, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var (r, s, n) = (parse.GetValue(rate), parse.GetValue(duration), parse.GetValue(instances));
            var up = parse.GetValue(step) ?? r;
            if (r <= 0 || s < 1 || r * s < 1 || n is < 1 or > 9 || up <= 0 || parse.GetValue(limit) < 1 || parse.GetValue(timeout) < 1 || parse.GetValue(warmup) < 0 || parse.GetValue(poll) is < 1)
            {
                await context.Error.WriteLineAsync("oso: --rate en --step zijn groter dan 0, --duration minstens 1 s, --rate × --duration minstens 1 overdracht, --instances 1 tot en met 9, --warmup minstens 0, --poll-ms minstens 1.").ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            LoadResult result;
            try
            {
                result = await LoadBench.RunAsync(new LoadOptions
                {
                    Rate = r, Duration = TimeSpan.FromSeconds(s), Instances = n, FindSaturation = parse.GetValue(find), Step = up, MaxRate = parse.GetValue(maxRate),
                    P99Limit = TimeSpan.FromMilliseconds(parse.GetValue(limit)), Timeout = TimeSpan.FromSeconds(parse.GetValue(timeout)), Warmup = parse.GetValue(warmup),
                    PollInterval = parse.GetValue(poll) is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
                    Seed = parse.GetValue(seed) ?? RandomNumberGenerator.GetInt32(1, 1_000_000),
                    DataDirectory = parse.GetValue(data)!, BasePort = parse.GetValue(basePort), Log = context.Error,
                }, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or HttpRequestException)
            {
                await context.Error.WriteLineAsync("oso: de belastingsrun kon niet verder: " + e.Message).ConfigureAwait(false);
                return ExitCodes.Failed;
            }
            if (parse.GetValue(json)) await context.Out.WriteLineAsync(JsonSerializer.Serialize(result, Json)).ConfigureAwait(false);
            else await WriteAsync(context.Out, result).ConfigureAwait(false);
            var met = parse.GetValue(find) ? result.SustainedRate is not null : result.Steps.All(x => x.WithinGoal);
            return met ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }

    private static async Task WriteAsync(TextWriter o, LoadResult result)
    {
        var f = CultureInfo.InvariantCulture;
        await o.WriteLineAsync(string.Format(f, "belasting (seed {0}): {1} + {1} instanties, {4} overdrachten opgewarmd, doel p99 ≤ {2:F0} ms en geen fouten; {3:F0} s", result.Seed, result.Instances, result.P99LimitMs, result.Seconds, result.Warmup)).ConfigureAwait(false);
        await o.WriteLineAsync(string.Format(f, "{0,7} {1,6} {2,8} {3,7} {4,8} {5,6} {6,8} {7,8} {8,9} {9,8} {10,9} {11,6}",
            "per s", "s", "gestart", "te laat", "geslaagd", "fouten", "p50 ms", "p99 ms", "p99,9 ms", "max ms", "bereikt/s", "doel")).ConfigureAwait(false);
        foreach (var x in result.Steps)
            await o.WriteLineAsync(string.Format(f, "{0,7:0.##} {1,6:F0} {2,8} {3,7} {4,8} {5,6} {6,8:F0} {7,8:F0} {8,9:F0} {9,8:F0} {10,9:F2} {11,6}",
                x.Rate, x.DurationSeconds, x.Arrivals, x.LateStarts, x.Succeeded, x.Errors, x.P50Ms, x.P99Ms, x.P999Ms, x.MaxMs, x.AchievedRate, x.WithinGoal ? "ja" : "nee")).ConfigureAwait(false);
        foreach (var (rate, reason, count) in result.Steps.SelectMany(x => x.ErrorReasons.Take(10).Select(e => (x.Rate, e.Key, e.Value))))
            await o.WriteLineAsync(string.Format(f, "  fout bij {0:0.##} per s: {1} × {2}", rate, count, reason)).ConfigureAwait(false);
        foreach (var x in result.Steps.Where(x => x.Trace.Count > 0))
        {
            await o.WriteLineAsync(string.Format(f, "  stappen van een geslaagde overdracht bij {0:0.##} per s (uit het spoor, vanaf de aanvraag):", x.Rate)).ConfigureAwait(false);
            foreach (var t in x.Trace)
                await o.WriteLineAsync(string.Format(f, "    {0,-32} p50 {1,8:F0} ms   p99 {2,8:F0} ms", t.Stap, t.P50Ms, t.P99Ms)).ConfigureAwait(false);
        }
        if (result.Steps.Count > 1 || result.SaturationRate is not null || result.SustainedRate is not null)
            await o.WriteLineAsync(result switch
            {
                { SustainedRate: null } => string.Format(f, "verzadiging: al de eerste stap ({0:0.##} per s) haalde het doel niet", result.SaturationRate),
                { SaturationRate: null } => string.Format(f, "verzadiging niet bereikt: {0:0.##} per s haalde het doel nog (de hoogste stap)", result.SustainedRate),
                _ => string.Format(f, "verzadiging: {0:0.##} per s haalde het doel, {1:0.##} per s niet", result.SustainedRate, result.SaturationRate),
            }).ConfigureAwait(false);
    }
}
