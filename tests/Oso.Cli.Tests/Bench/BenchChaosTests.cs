using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Oso.Cli.Tests.Cluster;
using Oso.Testing;

namespace Oso.Cli.Tests.Bench;

/// <summary>
/// <c>oso bench chaos</c> for real, as a child process (it starts its own cluster of child processes): a short run —
/// 20 transfers, 3 SIGKILLs of random instances, one PostgreSQL restart — must lose, duplicate, corrupt and strand
/// nothing. OSO_CHAOS_TRANSFERS and OSO_CHAOS_KILLS make it longer (opt-in).
/// Not in CI yet: the 200 × 20 run left 2 Traffic Center sessions open (a session granted just before the instance that
/// asked for it was killed is never closed; the retry takes a new one — issue 13), so a run with 3 kills fails on
/// sessionsOpen now and then. Set OSO_CHAOS=1 to run it; it goes into ./test.sh once that is fixed.
/// </summary>
public sealed class BenchChaosTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("oso-chaos-").FullName;

    [Fact]
    public async Task A_short_chaos_run_loses_duplicates_corrupts_and_strands_no_transfer()
    {
        if (Environment.GetEnvironmentVariable("OSO_CHAOS") != "1") Assert.Skip("OSO_CHAOS=1 runs the chaos sample (see the class comment: open Traffic Center sessions after a kill).");
        TestDatabase.RequirePostgres(); // the configuration with PostgreSQL installed (./test.sh); the bench makes its own
        var ct = TestContext.Current.CancellationToken;
        var transfers = Environment.GetEnvironmentVariable("OSO_CHAOS_TRANSFERS") ?? "20";
        var kills = Environment.GetEnvironmentVariable("OSO_CHAOS_KILLS") ?? "3";
        var basePort = (20_000 + Random.Shared.Next(100) * 100).ToString(CultureInfo.InvariantCulture);
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { ClusterProcess.OsoDll(), "bench", "chaos", "--instances", "2", "--transfers", transfers, "--kills", kills,
            "--pace-ms", "750", "--data", Path.Combine(_data, "cluster"), "--base-port", basePort, "--json" })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(15));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        var progress = await error;
        TestContext.Current.TestOutputHelper?.WriteLine(progress);

        using var json = JsonDocument.Parse(await output);
        var r = json.RootElement;
        Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}: {r}");
        Assert.Equal(int.Parse(transfers, CultureInfo.InvariantCulture), r.GetProperty("transfers").GetInt32());
        Assert.Equal(int.Parse(kills, CultureInfo.InvariantCulture), r.GetProperty("kills").GetInt32());
        Assert.Equal(1, r.GetProperty("postgresRestarts").GetInt32());
        foreach (var zero in new[] { "lost", "duplicated", "corrupted", "stuck", "sessionsOpen", "sessionsClosedTwice", "outboxPending" })
            Assert.True(r.GetProperty(zero).GetInt32() == 0, $"{zero}: {r}");
        Assert.True(r.GetProperty("auditIntact").GetBoolean());
        Assert.True(r.GetProperty("succeeded").GetInt32() > 0, r.ToString());
        Assert.Contains("seed", progress, StringComparison.Ordinal); // the run can be replayed
        Assert.Contains("SIGKILL", progress, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
