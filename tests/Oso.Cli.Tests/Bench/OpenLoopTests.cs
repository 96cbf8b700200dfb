using Oso.Cli.Bench;

namespace Oso.Cli.Tests.Bench;

/// <summary>
/// The load generator of <c>oso bench load</c> is an open loop: it starts arrivals at their moments whatever the answers
/// do, and measures each one from its moment, so queueing shows in the latency. Real time, short runs; every timing
/// assertion is a lower bound the open loop guarantees (a closed loop would fail them), none an upper bound on speed.
/// </summary>
public sealed class OpenLoopTests
{
    [Fact]
    public async Task Every_arrival_starts_on_schedule_even_when_no_answer_comes_until_all_have_started()
    {
        var ct = TestContext.Current.CancellationToken;
        var started = 0;
        var allStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // the "system" answers nothing until the 10th arrival is there: a closed loop would wait for the first answer forever
        var run = OpenLoop.RunAsync(2, TimeSpan.FromSeconds(5), async (_, token) =>
        {
            if (Interlocked.Increment(ref started) == 10) allStarted.SetResult();
            await allStarted.Task.WaitAsync(token);
            return null;
        }, TimeProvider.System, ct);
        var arrivals = await run.WaitAsync(TimeSpan.FromMinutes(1), ct);

        Assert.Equal(10, arrivals.Count); // rate × duration
        Assert.Equal(Enumerable.Range(0, 10).Select(i => TimeSpan.FromMilliseconds(500 * i)), arrivals.Select(a => a.Scheduled));
        Assert.All(arrivals, a => Assert.True(a.Dispatched >= a.Scheduled));
        // every answer came when the last one started (at 4.5 s or later): each latency counts from its own moment
        Assert.All(arrivals, a => Assert.True(a.Latency >= TimeSpan.FromMilliseconds(4500 - 500 * a.Index), $"arrival {a.Index}: {a.Latency}"));
        Assert.All(arrivals, a => Assert.Null(a.Error));
    }

    [Fact]
    public async Task A_system_slower_than_the_rate_queues_and_the_latency_shows_the_queue()
    {
        var ct = TestContext.Current.CancellationToken;
        using var server = new SemaphoreSlim(1); // one at a time, 300 ms each: 3.3 per s at best
        var arrivals = await OpenLoop.RunAsync(10, TimeSpan.FromSeconds(1), async (_, token) =>
        {
            await server.WaitAsync(token);
            try
            {
                await Task.Delay(300, token);
            }
            finally
            {
                server.Release();
            }
            return null;
        }, TimeProvider.System, ct).WaitAsync(TimeSpan.FromMinutes(1), ct);

        Assert.Equal(10, arrivals.Count);
        // the 10th is due at 0.9 s and served after the nine before it (≥ 10 × 300 ms from the start): ≥ 2.1 s, where
        // its service alone takes 0.3 s — the wait in the queue is in the figure
        var last = arrivals[^1];
        Assert.True(last.Latency >= TimeSpan.FromMilliseconds(2100), last.ToString());
        var step = LoadStep.From(10, TimeSpan.FromSeconds(1), arrivals, TimeSpan.FromSeconds(1));
        Assert.True(step.P99Ms >= 2100, step.ToString());
        Assert.False(step.WithinGoal);
        Assert.Equal(10, step.Succeeded);
    }

    [Fact]
    public async Task A_failed_arrival_is_counted_with_its_reason_and_a_thrown_one_by_its_type()
    {
        var ct = TestContext.Current.CancellationToken;
        var arrivals = await OpenLoop.RunAsync(20, TimeSpan.FromMilliseconds(200), (i, _) => i switch
        {
            1 => Task.FromResult<string?>("TechnischeFout: Traffic Center niet bereikt"),
            2 => throw new InvalidOperationException("mag niet in de uitvoer: 123456782"),
            _ => Task.FromResult<string?>(null),
        }, TimeProvider.System, ct).WaitAsync(TimeSpan.FromMinutes(1), ct);

        var step = LoadStep.From(20, TimeSpan.FromMilliseconds(200), arrivals, TimeSpan.FromSeconds(1));

        Assert.Equal(4, step.Arrivals);
        Assert.Equal(2, step.Succeeded);
        Assert.Equal(2, step.Errors);
        Assert.Equal(1, step.ErrorReasons["TechnischeFout: Traffic Center niet bereikt"]);
        Assert.Equal(1, step.ErrorReasons[nameof(InvalidOperationException)]);
        Assert.False(step.WithinGoal); // errors miss the goal, however fast
    }

    [Fact]
    public void Percentiles_are_nearest_rank_over_the_succeeded_arrivals()
    {
        var arrivals = Enumerable.Range(1, 1000)
            .Select(i => new Arrival(i - 1, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromMilliseconds(i), null)).ToList();

        var step = LoadStep.From(1, TimeSpan.FromSeconds(1000), arrivals, TimeSpan.FromSeconds(1));

        Assert.Equal((500.0, 990.0, 999.0, 1000.0), (step.P50Ms, step.P99Ms, step.P999Ms, step.MaxMs));
        Assert.True(step.WithinGoal); // p99 990 ms ≤ 1,000 ms, no errors
    }

    [Fact]
    public async Task Step_mode_raises_the_rate_until_a_step_misses_the_goal()
    {
        var options = new LoadOptions { Rate = 2, Step = 2, FindSaturation = true, MaxRate = 50, DataDirectory = "-", Log = TextWriter.Null };
        var asked = new List<double>();

        var steps = await LoadBench.StepAsync(options, rate =>
        {
            asked.Add(rate);
            var latency = TimeSpan.FromMilliseconds(rate >= 8 ? 1500 : 100); // saturates at 8 per s
            return Task.FromResult(LoadStep.From(rate, TimeSpan.FromSeconds(1), [new Arrival(0, TimeSpan.Zero, TimeSpan.Zero, latency, null)], options.P99Limit));
        });

        Assert.Equal([2.0, 4.0, 6.0, 8.0], asked);
        Assert.Equal([true, true, true, false], steps.Select(s => s.WithinGoal));
        var plain = await LoadBench.StepAsync(options with { FindSaturation = false }, rate =>
            Task.FromResult(LoadStep.From(rate, TimeSpan.FromSeconds(1), [], options.P99Limit)));
        Assert.Single(plain);
    }
}
