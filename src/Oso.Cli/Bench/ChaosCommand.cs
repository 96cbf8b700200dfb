using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Oso.Cli.Bench;

/// <summary><c>oso bench chaos --instances N --transfers T --kills K [--seed S] [--json]</c>.</summary>
internal static class ChaosCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create(CliContext context)
    {
        var instances = new Option<int>("--instances") { Description = "Instanties van Central en van de School-node (elk; standaard 2).", DefaultValueFactory = _ => 2 };
        var transfers = new Option<int>("--transfers") { Description = "Aantal overdrachten (standaard 100).", DefaultValueFactory = _ => 100 };
        var kills = new Option<int>("--kills") { Description = "Aantal keer SIGKILL op een willekeurige instantie (standaard 10).", DefaultValueFactory = _ => 10 };
        var seed = new Option<int?>("--seed") { Description = "Het zaadje voor de momenten en slachtoffers (standaard willekeurig; de uitvoer noemt het, zodat een run te herhalen is)." };
        var pace = new Option<int>("--pace-ms") { Description = "Tijd tussen twee aanvragen in ms (standaard 500).", DefaultValueFactory = _ => 500 };
        var settle = new Option<int>("--settle-s") { Description = "Hoelang het systeem na de laatste aanvraag krijgt om alles af te ronden, in s (standaard 180).", DefaultValueFactory = _ => 180 };
        var data = new Option<string>("--data") { Description = "De gegevensmap van het cluster (standaard .oso-chaos; wordt geleegd).", DefaultValueFactory = _ => ".oso-chaos" };
        var basePort = new Option<int>("--base-port") { Description = "De eerste poort van het cluster (standaard 7600; zie oso cluster up).", DefaultValueFactory = _ => 7600 };
        var json = new Option<bool>("--json") { Description = "Uitvoer als JSON." };
        var command = new Command("chaos",
            "Overdrachten door een cluster (oso cluster up) terwijl willekeurige instanties van Central en de School-node SIGKILL krijgen en PostgreSQL één keer herstart; "
            + "daarna controle van buitenaf: niets kwijt, dubbel, beschadigd of vast. Exitcode 1 als één telling niet nul is.")
        {
            instances, transfers, kills, seed, pace, settle, data, basePort, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var (n, t, k) = (parse.GetValue(instances), parse.GetValue(transfers), parse.GetValue(kills));
            if (n is < 2 or > 9 || t < 1 || k < 0 || parse.GetValue(pace) < 1)
            {
                await context.Error.WriteLineAsync("oso: --instances is 2 tot en met 9 (een kill laat er steeds één over), --transfers minstens 1, --kills minstens 0.").ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            ChaosResult result;
            try
            {
                result = await ChaosBench.RunAsync(new ChaosOptions
                {
                    Instances = n, Transfers = t, Kills = k, Seed = parse.GetValue(seed) ?? RandomNumberGenerator.GetInt32(1, 1_000_000),
                    Pace = TimeSpan.FromMilliseconds(parse.GetValue(pace)), Settle = TimeSpan.FromSeconds(parse.GetValue(settle)),
                    DataDirectory = parse.GetValue(data)!, BasePort = parse.GetValue(basePort), Log = context.Error,
                }, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidOperationException or IOException)
            {
                await context.Error.WriteLineAsync("oso: de chaosrun kon niet verder: " + e.Message).ConfigureAwait(false);
                return ExitCodes.Failed;
            }
            if (parse.GetValue(json))
            {
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(result, Json)).ConfigureAwait(false);
            }
            else
            {
                var f = CultureInfo.InvariantCulture;
                var o = context.Out;
                await o.WriteLineAsync(string.Format(f, "chaos (seed {0}): {1} overdrachten, {2} kills, {3} herstart(s) van PostgreSQL, {4:F0} s", result.Seed, result.Transfers, result.Kills, result.PostgresRestarts, result.Seconds)).ConfigureAwait(false);
                await o.WriteLineAsync(string.Format(f, "  geslaagd {0}, mislukt met reden {1}", result.Succeeded, result.Failed)).ConfigureAwait(false);
                await o.WriteLineAsync(string.Format(f, "  kwijt {0}, dubbel {1}, beschadigd {2}, vast {3}", result.Lost, result.Duplicated, result.Corrupted, result.Stuck)).ConfigureAwait(false);
                await o.WriteLineAsync(string.Format(f, "  sessies open {0}, dubbel afgemeld {1}; outbox open {2}; auditketens {3}", result.SessionsOpen, result.SessionsClosedTwice, result.OutboxPending, result.AuditIntact ? "in orde" : "GEBROKEN")).ConfigureAwait(false);
                if (result.TakeoverP50Seconds is { } p50)
                    await o.WriteLineAsync(string.Format(f, "  overname na een kill (tot de eerste lopende overdracht klaar is): p50 {0:F1} s, max {1:F1} s", p50, result.TakeoverMaxSeconds)).ConfigureAwait(false);
                foreach (var finding in result.Findings.Take(20)) await o.WriteLineAsync("  " + finding).ConfigureAwait(false);
            }
            return result.Clean ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }
}
