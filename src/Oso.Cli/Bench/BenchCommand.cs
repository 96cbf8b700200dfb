using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace Oso.Cli.Bench;

/// <summary><c>oso bench transfer</c>, <c>oso bench tc</c> (and <c>oso bench chaos</c>, <see cref="ChaosCommand"/>; <c>oso bench load</c>, <see cref="LoadCommand"/>).</summary>
internal static class BenchCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create(CliContext context)
    {
        var count = new Option<int>("--count") { Description = "Aantal overdrachten (standaard 200).", DefaultValueFactory = _ => 200 };
        var concurrency = new Option<int>("--concurrency") { Description = "Overdrachten tegelijk (standaard 8).", DefaultValueFactory = _ => 8 };
        var size = new Option<int>("--size-kb") { Description = "Grootte van een dossier in kB (standaard 175).", DefaultValueFactory = _ => 175 };
        var json = new Option<bool>("--json") { Description = "Uitvoer als JSON." };
        var database = DatabaseOption();
        var attachmentMb = new Option<int>("--attachment-mb")
        {
            Description = "Elk dossier draagt in totaal zoveel MB aan bijlagen (0–512; in plaats van --size-kb). De uitvoer meldt dan ook de extra piek van het geheugen (RSS) en MB/s naast de echo.",
        };
        var sides = new Option<bool>("--sides")
        {
            Description = "Elke kant een eigen proces: Central, de School-node van de bron en die van het doel draaien als aparte processen (alleen SQLite); de uitvoer meldt per proces de extra piek van het geheugen (RSS) boven zijn bodem en zijn CPU per overdracht.",
        };
        var transfer = new Command("transfer", "Overdrachten per seconde en p50/p99 over het volledige protocol (Traffic Center, documentRequest met sessiecontrole, ontsleutelen, profielfilter, validatie en versleuteld opslaan, afmelding), naast een kale mTLS-echo van dezelfde bytes op deze machine.")
        {
            count, concurrency, size, json, database, attachmentMb, sides,
        };
        transfer.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(count);
            var c = parse.GetValue(concurrency);
            if (await RefusedAsync(context, n, c).ConfigureAwait(false)) return ExitCodes.Usage;
            var server = parse.GetValue(database);
            var mb = parse.GetValue(attachmentMb);
            if (await RefusedDatabaseAsync(context, server).ConfigureAwait(false)) return ExitCodes.Usage;
            var perSide = parse.GetValue(sides);
            if (perSide && server is not null)
            {
                await context.Error.WriteLineAsync("oso: --sides draait alleen op SQLite; laat --database weg.").ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            if (mb is < 0 or > 512)
            {
                await context.Error.WriteLineAsync($"oso: --attachment-mb is {mb}; het ligt tussen 0 en 512.").ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            TransferBenchResult result;
            try
            {
                result = await TransferBench.RunAsync(new TransferBenchOptions
                {
                    Count = n, Concurrency = c, TargetBytes = parse.GetValue(size) * 1024, AttachmentBytes = mb * 1024L * 1024, Database = server, Sides = perSide,
                }, context.Error, ct).ConfigureAwait(false);
            }
            catch (BenchSetupException e)
            {
                await context.Error.WriteLineAsync("oso: " + e.Message).ConfigureAwait(false);
                return ExitCodes.Failed;
            }
            if (parse.GetValue(json))
            {
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    result.DossierBytes, result.Concurrency, result.Transfers, result.Echo, result.Steps, ratio = result.Ratio,
                    result.Database, result.AttachmentBytes, result.TransfersMbPerSecond, result.EchoMbPerSecond, result.ExtraPeakRssMb, result.EchoExtraPeakRssMb,
                    result.MbPerSecondOfEcho, result.Sides,
                }, Json)).ConfigureAwait(false);
            }
            else
            {
                var f = CultureInfo.InvariantCulture;
                await context.Out.WriteLineAsync($"dossiers van {result.DossierBytes / 1024} kB ({result.AttachmentBytes / 1024} kB aan bijlagen), {result.Concurrency} tegelijk, op {result.Database}").ConfigureAwait(false);
                await context.Out.WriteLineAsync(string.Format(f, "{0,-34} {1,8} {2,10} {3,9} {4,9} {5,8}", "", "aantal", "per s", "p50 ms", "p99 ms", "fouten")).ConfigureAwait(false);
                foreach (var (name, x) in new[] { ("volledig protocol (OSO-overdracht)", result.Transfers), ("kale mTLS-echo van dezelfde bytes", result.Echo) })
                    await context.Out.WriteLineAsync(string.Format(f, "{0,-34} {1,8} {2,10:F1} {3,9:F1} {4,9:F1} {5,8}", name, x.Count, x.PerSecond, x.P50Ms, x.P99Ms, x.Failures)).ConfigureAwait(false);
                await context.Out.WriteLineAsync(string.Format(f, "verhouding echo / overdracht: {0:F1}x", result.Ratio)).ConfigureAwait(false);
                foreach (var (name, x) in new[] { ("per overdracht", result.Transfers), ("per echo", result.Echo) })
                    await context.Out.WriteLineAsync(string.Format(f, "{0}: {1:F2} ms CPU, {2:F0} kB gealloceerd (het hele proces); GC's gen 0/1/2: {3}",
                        name, x.CpuMsPerOp, x.AllocatedKbPerOp, string.Join('/', x.Collections))).ConfigureAwait(false);
                await context.Out.WriteLineAsync(string.Format(f, "MB/s: overdracht {0:F1}, echo {1:F1} ({2:P0}); extra piek RSS (het hele proces): overdracht {3:F0} MB, echo {4:F0} MB",
                    result.TransfersMbPerSecond, result.EchoMbPerSecond, result.TransfersMbPerSecond / result.EchoMbPerSecond,
                    result.ExtraPeakRssMb, result.EchoExtraPeakRssMb)).ConfigureAwait(false);
                if (result.Sides is { } perProcess)
                    foreach (var (name, x) in new[] { ("bron (School-node)", perProcess.Bron), ("doel (School-node)", perProcess.Doel), ("Central", perProcess.Central) })
                        await context.Out.WriteLineAsync(string.Format(f, "  {0,-20} extra piek RSS {1,6:F0} MB boven de bodem {2:F0} MB (piek {3:F0} MB; {5:F0} MB boven het RSS in rust), {4:F1} ms CPU per overdracht",
                            name, x.ExtraPeakRssMb, x.FloorRssMb, x.PeakRssMb, x.CpuMsPerOp, x.PeakOverColdMb)).ConfigureAwait(false);
                await context.Out.WriteLineAsync("stappen van een overdracht (uit het spoor):").ConfigureAwait(false);
                foreach (var step in result.Steps)
                    await context.Out.WriteLineAsync(string.Format(f, "  {0,-32} p50 {1,7:F1} ms   p99 {2,7:F1} ms", step.Stap, step.P50Ms, step.P99Ms)).ConfigureAwait(false);
            }
            return result.Transfers.Failures == 0 && result.Echo.Failures == 0 ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return new Command("bench", "Metingen, altijd naast een basislijn.") { transfer, Tc(context), ChaosCommand.Create(context), LoadCommand.Create(context) };
    }

    private static Command Tc(CliContext context)
    {
        var count = new Option<int>("--count") { Description = "Aantal sessies (standaard 2000).", DefaultValueFactory = _ => 2000 };
        var concurrency = new Option<int>("--concurrency") { Description = "Sessies tegelijk (standaard 16).", DefaultValueFactory = _ => 16 };
        var json = new Option<bool>("--json") { Description = "Uitvoer als JSON." };
        var database = DatabaseOption();
        var tc = new Command("tc", "Sessies per seconde en p50/p99 bij het Traffic Center alleen: overdracht, sessiecontrole en afmelding over mTLS, met alle controles, het spoor en de audit.")
        {
            count, concurrency, json, database,
        };
        tc.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(count);
            var c = parse.GetValue(concurrency);
            if (await RefusedAsync(context, n, c).ConfigureAwait(false)) return ExitCodes.Usage;
            var server = parse.GetValue(database);
            if (await RefusedDatabaseAsync(context, server).ConfigureAwait(false)) return ExitCodes.Usage;
            var result = await TcBench.RunAsync(n, c, server, context.Error, ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(result, Json)).ConfigureAwait(false);
            }
            else
            {
                var f = CultureInfo.InvariantCulture;
                var x = result.Sessions;
                await context.Out.WriteLineAsync(string.Format(f, "{0} sessies, {1} tegelijk ({6}): {2:F1} per s, p50 {3:F1} ms, p99 {4:F1} ms, {5} fouten",
                    x.Count, result.Concurrency, x.PerSecond, x.P50Ms, x.P99Ms, x.Failures, result.Database)).ConfigureAwait(false);
                await context.Out.WriteLineAsync(string.Format(f, "  per sessie: {0:F2} ms CPU, {1:F0} kB gealloceerd (het hele proces); GC's gen 0/1/2: {2}",
                    x.CpuMsPerOp, x.AllocatedKbPerOp, string.Join('/', x.Collections))).ConfigureAwait(false);
                foreach (var call in result.Calls)
                    await context.Out.WriteLineAsync(string.Format(f, "  {0,-16} p50 {1,7:F1} ms   p99 {2,7:F1} ms", call.Stap, call.P50Ms, call.P99Ms)).ConfigureAwait(false);
            }
            return result.Sessions.Failures == 0 ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return tc;
    }

    private static Option<string?> DatabaseOption() => new("--database")
    {
        Description = "PostgreSQL-server ('Host=…;Username=…;Password=…'): Central en de School-node draaien elk op een eigen, nieuwe database daar, die na afloop wordt verwijderd. Zonder: SQLite.",
    };

    private static async Task<bool> RefusedDatabaseAsync(CliContext context, string? server)
    {
        if (server is null || BenchDatabases.Refusal(server) is not { } refused) return false;
        await context.Error.WriteLineAsync(refused).ConfigureAwait(false);
        return true;
    }

    private static async Task<bool> RefusedAsync(CliContext context, int count, int concurrency)
    {
        if (count >= 1 && concurrency >= 1) return false;
        await context.Error.WriteLineAsync("oso: --count en --concurrency zijn minstens 1.").ConfigureAwait(false);
        return true;
    }
}
