using System.Diagnostics;
using System.Text.Json;
using Oso.Cli.Tests.Cluster;
using Oso.Testing;

namespace Oso.Cli.Tests.Bench;

public sealed class BenchTransferTests
{
    [Fact]
    public async Task A_small_run_transfers_every_dossier_of_about_the_asked_size_and_says_where_the_time_went()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await OsoCli.RunAsync(["bench", "transfer", "--count", "4", "--concurrency", "2", "--size-kb", "60", "--json"], CliContext.Capture(output, error));

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output.ToString());
        var root = json.RootElement;
        Assert.InRange(root.GetProperty("dossierBytes").GetInt32(), 60 * 1024 * 85 / 100, 60 * 1024 * 115 / 100);
        Assert.Equal(4, root.GetProperty("transfers").GetProperty("count").GetInt32());
        Assert.Equal(0, root.GetProperty("transfers").GetProperty("failures").GetInt32());
        Assert.Equal(4, root.GetProperty("echo").GetProperty("count").GetInt32());
        Assert.Equal(0, root.GetProperty("echo").GetProperty("failures").GetInt32());
        Assert.True(root.GetProperty("ratio").GetDouble() > 0);
        Assert.Equal("SQLite", root.GetProperty("database").GetString());
        var steps = root.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("stap").GetString()).ToList();
        Assert.Equal(["Sessie bij het Traffic Center", "Dossier opvragen", "Afmelding"], steps);
        Assert.Contains("overdrachten over het volledige protocol", error.ToString());
    }

    [Fact]
    public async Task On_PostgreSQL_the_run_names_the_engine_and_drops_its_two_databases_afterwards()
    {
        var server = TestDatabase.RequirePostgres();
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await OsoCli.RunAsync(["bench", "transfer", "--count", "4", "--concurrency", "2", "--size-kb", "60", "--database", server, "--json"],
            CliContext.Capture(output, error));

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output.ToString());
        var root = json.RootElement;
        Assert.Equal("PostgreSQL", root.GetProperty("database").GetString());
        Assert.Equal(4, root.GetProperty("transfers").GetProperty("count").GetInt32());
        Assert.Equal(0, root.GetProperty("transfers").GetProperty("failures").GetInt32());
        Assert.Equal(0, root.GetProperty("echo").GetProperty("failures").GetInt32());
        await BenchDatabaseChecks.AssertNoneLeftAsync(server, error.ToString(), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task With_attachments_every_dossier_carries_that_many_megabytes_and_the_run_reports_the_extra_peak_memory_and_both_rates()
    {
        var output = new StringWriter();

        var code = await OsoCli.RunAsync(["bench", "transfer", "--count", "2", "--concurrency", "1", "--attachment-mb", "8", "--json"], CliContext.Capture(output, new StringWriter()));

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output.ToString());
        var root = json.RootElement;
        const long Asked = 8L * 1024 * 1024;
        Assert.InRange(root.GetProperty("attachmentBytes").GetInt64(), Asked * 95 / 100, Asked * 105 / 100);
        // base64 in the XML: a third more than the attachments
        Assert.InRange(root.GetProperty("dossierBytes").GetInt32(), Asked * 4 / 3, Asked * 3 / 2);
        Assert.Equal(0, root.GetProperty("transfers").GetProperty("failures").GetInt32());
        // a transfer holds the dossier several times over (received, decrypted, validated, encrypted again)
        Assert.True(root.GetProperty("extraPeakRssMb").GetDouble() > 8, root.GetProperty("extraPeakRssMb").ToString());
        Assert.True(root.GetProperty("echoExtraPeakRssMb").GetDouble() >= 0);
        Assert.True(root.GetProperty("transfersMbPerSecond").GetDouble() > 0);
        Assert.True(root.GetProperty("echoMbPerSecond").GetDouble() > root.GetProperty("transfersMbPerSecond").GetDouble() / 100);
        Assert.True(root.GetProperty("ratio").GetDouble() > 0);
        Assert.Equal(root.GetProperty("transfersMbPerSecond").GetDouble() / root.GetProperty("echoMbPerSecond").GetDouble(),
            root.GetProperty("mbPerSecondOfEcho").GetDouble(), 6);
        // everything ran in this one process: no figures per side
        Assert.Equal(JsonValueKind.Null, root.GetProperty("sides").ValueKind);
    }

    [Fact]
    public async Task With_sides_each_side_runs_in_a_process_of_its_own_and_reports_its_own_peak_memory_and_CPU()
    {
        // as an operator runs it: the bench starts Central and the two School nodes as children of the CLI (not of a test host)
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { ClusterProcess.OsoDll(), "bench", "transfer", "--sides", "--count", "2", "--concurrency", "1", "--attachment-mb", "4", "--json" })
            start.ArgumentList.Add(a);
        var ct = TestContext.Current.CancellationToken;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromMinutes(8), ct);
        var progress = await error;
        TestContext.Current.TestOutputHelper?.WriteLine(progress);

        Assert.True(process.ExitCode == 0, progress);
        using var json = JsonDocument.Parse(await output);
        var root = json.RootElement;
        Assert.Equal(2, root.GetProperty("transfers").GetProperty("count").GetInt32());
        Assert.Equal(0, root.GetProperty("transfers").GetProperty("failures").GetInt32());
        Assert.Equal(0, root.GetProperty("echo").GetProperty("failures").GetInt32());
        Assert.Equal(["Aanvraag", "Sessie bij het Traffic Center", "Dossier opvragen", "Afmelding"],
            root.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("stap").GetString()).ToList());
        Assert.Contains("elke kant een eigen proces", progress);
        var sides = root.GetProperty("sides");
        var sum = 0.0;
        foreach (var name in new[] { "bron", "doel", "central" })
        {
            var side = sides.GetProperty(name);
            // a .NET host with ASP.NET Core and EF Core loaded: its floor is tens of megabytes, its peak at least that
            Assert.True(side.GetProperty("floorRssMb").GetDouble() > 40, $"{name}: {side}");
            Assert.True(side.GetProperty("peakRssMb").GetDouble() >= side.GetProperty("floorRssMb").GetDouble(), $"{name}: {side}");
            Assert.Equal(side.GetProperty("peakRssMb").GetDouble() - side.GetProperty("floorRssMb").GetDouble(), side.GetProperty("extraPeakRssMb").GetDouble(), 0.11);
            Assert.True(side.GetProperty("cpuMsPerOp").GetDouble() > 0, $"{name}: {side}");
            Assert.True(side.GetProperty("coldRssMb").GetDouble() > 40, $"{name}: {side}");
            Assert.Equal(Math.Max(0, side.GetProperty("peakRssMb").GetDouble() - side.GetProperty("coldRssMb").GetDouble()), side.GetProperty("peakOverColdMb").GetDouble(), 0.11);
            sum += side.GetProperty("extraPeakRssMb").GetDouble();
        }
        // each process's own figures: the doel receives, decrypts, validates and stores 5 MiB of XML, Central only
        // opens and closes a session
        Assert.True(sides.GetProperty("doel").GetProperty("cpuMsPerOp").GetDouble() > sides.GetProperty("central").GetProperty("cpuMsPerOp").GetDouble(), sides.ToString());
        Assert.Equal(sum, root.GetProperty("extraPeakRssMb").GetDouble(), 6);
    }

    [Fact]
    public async Task Sides_on_PostgreSQL_is_refused_with_a_clear_message_before_anything_starts()
    {
        var error = new StringWriter();

        var code = await OsoCli.RunAsync(["bench", "transfer", "--count", "1", "--sides", "--database", "Host=127.0.0.1;Username=oso"], CliContext.Capture(new StringWriter(), error));

        Assert.NotEqual(0, code);
        Assert.Contains("--sides draait alleen op SQLite", error.ToString());
        Assert.DoesNotContain("Voorbereiden", error.ToString());
    }

    [Fact]
    public async Task A_dossier_with_100_MiB_of_attachments_transfers_past_the_in_memory_message_limit()
    {
        // 133 MiB of XML: over SoapLimits.MaxMessageBytes (128 MiB), which refused every such transfer before the doel
        // spooled the message (ADR 0014)
        var output = new StringWriter();
        var errors = new StringWriter();

        var code = await OsoCli.RunAsync(["bench", "transfer", "--count", "1", "--concurrency", "1", "--attachment-mb", "100", "--json"], CliContext.Capture(output, errors));

        Assert.True(code == 0, errors.ToString());
        using var json = JsonDocument.Parse(output.ToString());
        var root = json.RootElement;
        Assert.True(root.GetProperty("dossierBytes").GetInt64() > 128L * 1024 * 1024, root.GetProperty("dossierBytes").ToString());
        Assert.Equal(0, root.GetProperty("transfers").GetProperty("failures").GetInt32());
        Assert.True(root.GetProperty("transfersMbPerSecond").GetDouble() > 0);
    }

    [Theory]
    [InlineData("--attachment-mb", "-1", "--attachment-mb is -1; het ligt tussen 0 en 512")]
    [InlineData("--database", "Username=oso;Password=geheim", "--database noemt geen server")]
    [InlineData("--database", "Host", "--database is geen geldige PostgreSQL-verbinding")]
    public async Task A_bad_flag_is_refused_with_a_clear_message_before_anything_starts(string flag, string value, string message)
    {
        var error = new StringWriter();

        var code = await OsoCli.RunAsync(["bench", "transfer", "--count", "1", flag, value], CliContext.Capture(new StringWriter(), error));

        Assert.NotEqual(0, code);
        Assert.Contains(message, error.ToString());
        Assert.DoesNotContain("Voorbereiden", error.ToString());
    }

    [Fact]
    public async Task A_count_below_one_is_refused_with_a_clear_message()
    {
        var error = new StringWriter();

        var code = await OsoCli.RunAsync(["bench", "transfer", "--count", "0"], CliContext.Capture(new StringWriter(), error));

        Assert.NotEqual(0, code);
        Assert.Contains("--count en --concurrency zijn minstens 1", error.ToString());
    }
}
