using System.Globalization;

namespace Oso.Cli.Bench;

/// <summary>
/// How much the peak resident memory (RSS) of this process grows over a part of a bench that runs in-process (Central,
/// the School node and the client all in one process), counted from the process's floor: an aggressive collection first
/// (every generation compacted, the freed memory given back to the system at once), then the kernel's peak
/// (<c>VmHWM</c> in <c>/proc/self/status</c>) is reset to the current RSS (<c>/proc/self/clear_refs</c>, "5"); at the end
/// the new peak minus that start. Where the peak cannot be reset, the peak before the part is the start (a part that
/// stays below an earlier peak then reads 0). Linux only: elsewhere null.
/// </summary>
internal sealed class PeakRss
{
    private const string Status = "/proc/self/status";
    private readonly long _startKb;

    private PeakRss(long startKb) => _startKb = startKb;

    /// <summary>Starts a part.</summary>
    public static PeakRss? Start()
    {
        if (!File.Exists(Status)) return null;
        // an aggressive collection compacts every generation (the large-object heap included) and gives the memory it freed
        // back to the system at once: after a forced collection the freed regions stay resident and are decommitted only
        // gradually (~1.4 GiB after a bench's preparation, bench/results.md §7), so the start would count memory the
        // process is about to give back, and the figure how much of it the next allocations reuse
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        bool reset;
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            reset = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            reset = false;
        }
        var start = reset ? Read("VmRSS:") : Read("VmHWM:");
        return start is { } kb ? new PeakRss(kb) : null;
    }

    /// <summary>The growth of the peak since <see cref="Start"/>, in MiB (0 when it did not grow).</summary>
    public double ExtraMb() => Read("VmHWM:") is { } peak ? Math.Max(0, peak - _startKb) / 1024.0 : 0;

    private static long? Read(string field)
    {
        foreach (var line in File.ReadLines(Status))
        {
            if (!line.StartsWith(field, StringComparison.Ordinal)) continue;
            var value = line[field.Length..].Trim();
            if (value.EndsWith(" kB", StringComparison.Ordinal)) value = value[..^3].Trim();
            return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? kb : null;
        }
        return null;
    }
}
