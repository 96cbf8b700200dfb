namespace Oso.Cli.Bench;

/// <summary>One arrival of an open-loop run: when it was due, when it left, when its answer came and how it ended.</summary>
/// <param name="Index">0-based; arrival i is due at i / rate seconds after the start.</param>
/// <param name="Scheduled">When it was due (offset from the start).</param>
/// <param name="Dispatched">When the generator actually started it (later than <paramref name="Scheduled"/> when the client machine fell behind).</param>
/// <param name="Finished">When its answer came (offset from the start).</param>
/// <param name="Error">Why it failed; null when it succeeded.</param>
internal sealed record Arrival(int Index, TimeSpan Scheduled, TimeSpan Dispatched, TimeSpan Finished, string? Error)
{
    /// <summary>A start this much later than its schedule counts as late: the generator (the client machine) fell behind.</summary>
    public static readonly TimeSpan LateAfter = TimeSpan.FromMilliseconds(50);

    /// <summary>From when it was due to its answer: includes every wait, also one in a queue before it was started.</summary>
    public TimeSpan Latency => Finished - Scheduled;

    /// <summary>Started more than <see cref="LateAfter"/> after its schedule.</summary>
    public bool Late => Dispatched - Scheduled > LateAfter;
}

/// <summary>
/// An open-loop load generator: arrivals are due at fixed moments from one start instant (<c>i / rate</c>), started at
/// that moment whether or not earlier ones have been answered, and each one's latency is measured from the moment it was
/// due. So a slow answer does not slow the load down, and time an arrival spent waiting — in a queue of the system, or
/// because the generator itself fell behind — is in its latency (no coordinated omission). A closed loop (start the next
/// when one is answered) would offer less load exactly when the system is slow and hide the queueing.
/// </summary>
internal static class OpenLoop
{
    /// <summary>
    /// Runs <c>round(rate × duration)</c> arrivals; returns every one of them, in order, once all are answered. An
    /// exception thrown by <paramref name="arrival"/> is that arrival's error (its type; the message may quote pupil data).
    /// </summary>
    /// <param name="rate">Arrivals per second.</param>
    /// <param name="duration">How long arrivals keep coming.</param>
    /// <param name="arrival">One arrival; returns null when it succeeded, otherwise the reason it failed.</param>
    /// <param name="time">The clock.</param>
    /// <param name="ct">Stops the run.</param>
    public static async Task<IReadOnlyList<Arrival>> RunAsync(double rate, TimeSpan duration, Func<int, CancellationToken, Task<string?>> arrival,
        TimeProvider time, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rate);
        ArgumentNullException.ThrowIfNull(arrival);
        ArgumentNullException.ThrowIfNull(time);
        var count = (int)Math.Round(rate * duration.TotalSeconds);
        var start = time.GetTimestamp();
        var running = new Task<Arrival>[count];
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            // a timer may fire a little early: never start an arrival before its moment
            for (var wait = due - time.GetElapsedTime(start); wait > TimeSpan.Zero; wait = due - time.GetElapsedTime(start))
                await Task.Delay(wait, time, ct).ConfigureAwait(false);
            running[i] = RunOneAsync(i, due, arrival, time, start, ct);
        }
        return await Task.WhenAll(running).ConfigureAwait(false);
    }

    private static async Task<Arrival> RunOneAsync(int index, TimeSpan due, Func<int, CancellationToken, Task<string?>> arrival, TimeProvider time, long start, CancellationToken ct)
    {
        var dispatched = time.GetElapsedTime(start);
        await Task.Yield(); // the generator goes on to the next arrival at once, whatever this one does synchronously
        string? error;
        try
        {
            error = await arrival(index, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            error = e.GetType().Name;
        }
        return new Arrival(index, due, dispatched, time.GetElapsedTime(start), error);
    }
}
