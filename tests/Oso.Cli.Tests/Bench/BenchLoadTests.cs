using System.Text.Json;
using Oso.Testing;

namespace Oso.Cli.Tests.Bench;

/// <summary>
/// <c>oso bench load</c> for real, as a child process against its own cluster (2 + 2 instances, PostgreSQL, HAProxy):
/// 2 transfers per s for 5 s must start 10 whole transfers (aanmelding, aanvragen, dossier received), all succeed, and
/// report latencies from each one's scheduled moment. Part of ./test.sh (the configuration with PostgreSQL installed).
/// </summary>
public sealed class BenchLoadTests : IDisposable
{
    private readonly BenchProcess _bench = new();

    [Fact]
    public async Task A_short_open_loop_run_starts_rate_times_duration_transfers_through_a_cluster_and_every_one_arrives()
    {
        TestDatabase.RequirePostgres(); // the bench makes its own PostgreSQL; this says initdb and haproxy are installed
        var ct = TestContext.Current.CancellationToken;

        // a p99 limit of a minute: this test is about the mechanics on a busy CI machine, not about speed
        var (exitCode, r, _) = await _bench.RunAsync(["load", "--instances", "2", "--rate", "2", "--duration", "5", "--warmup", "2", "--p99-limit-ms", "60000"],
            TimeSpan.FromMinutes(10), ct);

        Assert.True(exitCode == 0, $"exit code {exitCode}: {r}");
        var step = Assert.Single(r.GetProperty("steps").EnumerateArray());
        Assert.Equal(10, step.GetProperty("arrivals").GetInt32()); // rate × duration
        Assert.Equal(10, step.GetProperty("succeeded").GetInt32());
        Assert.Equal(0, step.GetProperty("errors").GetInt32());
        Assert.Empty(step.GetProperty("errorReasons").EnumerateObject());
        var (p50, p99, p999, max) = (step.GetProperty("p50Ms").GetDouble(), step.GetProperty("p99Ms").GetDouble(), step.GetProperty("p999Ms").GetDouble(), step.GetProperty("maxMs").GetDouble());
        Assert.True(p50 > 0 && p50 <= p99 && p99 <= p999 && p999 <= max, step.ToString());
        Assert.True(step.GetProperty("achievedRate").GetDouble() > 0, step.ToString());
        Assert.True(step.GetProperty("withinGoal").GetBoolean());
        var trace = step.GetProperty("trace").EnumerateArray().Select(s => s.GetProperty("stap").GetString()).ToList();
        Assert.Contains("Sessie bij het Traffic Center", trace); // where the time went, from each request's trace
        Assert.Equal(JsonValueKind.Null, r.GetProperty("saturationRate").ValueKind); // no step mode
        Assert.Equal(2, r.GetProperty("warmup").GetInt32()); // not among the 10 measured
    }

    public void Dispose() => _bench.Dispose();
}
