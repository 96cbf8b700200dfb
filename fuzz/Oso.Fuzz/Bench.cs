using System.Diagnostics;
using System.Globalization;

namespace Oso.Fuzz;

/// <summary>
/// Measures what one input costs a target: runs the inputs (a seed corpus or an afl queue) once to warm up, then round
/// after round for the given time, and prints inputs/s, the allocation per input and the five costliest inputs. Run it on
/// the uninstrumented Release build (<c>dotnet build fuzz/Oso.Fuzz -c Release</c>); instrumented assemblies run only under afl.
/// </summary>
internal static class Bench
{
    public static int Run(FuzzTarget target, double seconds, IEnumerable<string> paths)
    {
        var inputs = paths
            .SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p).Order(StringComparer.Ordinal) : (IEnumerable<string>)[p])
            .Select(f => (File: f, Bytes: File.ReadAllBytes(f)))
            .ToArray();
        if (inputs.Length == 0)
        {
            Console.Error.WriteLine("Geen invoer om te meten.");
            return 2;
        }
        var ticks = new long[inputs.Length];
        RunAll(target, inputs, ticks); // warm-up: JIT, rule tables, schema, serializers
        Array.Clear(ticks);
        var rounds = 0;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var paused = GC.GetTotalPauseDuration();
        var collections = GC.CollectionCount(0);
        var clock = Stopwatch.StartNew();
        do
        {
            RunAll(target, inputs, ticks);
            rounds++;
        }
        while (clock.Elapsed.TotalSeconds < seconds);
        var elapsed = clock.Elapsed.TotalSeconds;
        var runs = (long)rounds * inputs.Length;
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        var gcShare = (GC.GetTotalPauseDuration() - paused).TotalSeconds / elapsed;
        collections = GC.CollectionCount(0) - collections;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{target.Name}: {runs / elapsed:F0} inputs/s ({runs} runs of {inputs.Length} inputs in {elapsed:F1} s), {allocated / runs / 1024.0:F1} KiB allocated per input, {collections} GCs ({gcShare:P0} of the time paused)"));
        foreach (var i in Enumerable.Range(0, inputs.Length).OrderByDescending(i => ticks[i]).Take(5))
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {ticks[i] * 1000.0 / Stopwatch.Frequency / rounds,8:F3} ms  {inputs[i].Bytes.Length,7} B  {Path.GetFileName(inputs[i].File)}"));
        return 0;
    }

    private static void RunAll(FuzzTarget target, (string File, byte[] Bytes)[] inputs, long[] ticks)
    {
        for (var i = 0; i < inputs.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            try
            {
                target.Run(inputs[i].Bytes);
            }
            catch (Exception)
            {
                // a crash is --replay's to show; here only the time counts
            }
            ticks[i] += Stopwatch.GetTimestamp() - start;
        }
    }
}
