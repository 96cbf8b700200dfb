using System.Globalization;
using Oso.Testing;

namespace Oso.Cli.Tests.Bench;

/// <summary>
/// <c>oso bench chaos</c> for real, as a child process (it starts its own cluster of child processes): a short run —
/// 20 transfers, 3 SIGKILLs of random instances, one PostgreSQL restart — must lose, duplicate, corrupt and strand
/// nothing, and leave no Traffic Center session open. Part of ./test.sh. OSO_CHAOS_TRANSFERS and OSO_CHAOS_KILLS make
/// it longer; OSO_CHAOS_SEED replays a run (the seed is printed in the test output).
/// </summary>
public sealed class BenchChaosTests : IDisposable
{
    private readonly BenchProcess _bench = new();

    [Fact]
    public async Task A_short_chaos_run_loses_duplicates_corrupts_and_strands_no_transfer()
    {
        TestDatabase.RequirePostgres(); // the configuration with PostgreSQL installed (./test.sh); the bench makes its own
        var ct = TestContext.Current.CancellationToken;
        var transfers = Environment.GetEnvironmentVariable("OSO_CHAOS_TRANSFERS") ?? "20";
        var kills = Environment.GetEnvironmentVariable("OSO_CHAOS_KILLS") ?? "3";
        var args = new List<string> { "chaos", "--instances", "2", "--transfers", transfers, "--kills", kills, "--pace-ms", "750" };
        if (Environment.GetEnvironmentVariable("OSO_CHAOS_SEED") is { Length: > 0 } seed) args.AddRange(["--seed", seed]);

        var (exitCode, r, progress) = await _bench.RunAsync(args, TimeSpan.FromMinutes(15), ct);

        Assert.True(exitCode == 0, $"exit code {exitCode}: {r}");
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

    public void Dispose() => _bench.Dispose();
}
