using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;

namespace Oso.Cli.Bench;

/// <summary>
/// How much the peak resident memory (RSS) of another .NET process — one side of <c>oso bench transfer --sides</c>, a
/// child of the bench — grows over the measured transfers, counted from that process's floor. The floor: after the
/// warm-up transfers, a full blocking collection is induced in the child over the runtime's diagnostics port (an
/// EventPipe session that enables the runtime provider's GCHeapCollect keyword, what <c>dotnet-gcdump</c> does: no
/// trigger in the product, nothing a node's operator can reach), then the bench waits until the child's RSS stops
/// falling (the collector gives freed regions back gradually) and resets the kernel's peak (<c>VmHWM</c>) to the
/// current RSS by writing "5" to <c>/proc/PID/clear_refs</c>. At the end: the new peak minus that start. Linux only.
/// </summary>
internal sealed class ChildPeakRss
{
    private const long GcHeapCollectKeyword = 0x800000;
    private readonly int _pid;
    private readonly TimeSpan _cpu;

    private readonly long? _coldKb;
    private readonly long? _warmUpPeakKb;

    private ChildPeakRss(int pid, long? coldKb, long? warmUpPeakKb, long beforeKb, long floorKb, TimeSpan cpu)
    {
        _pid = pid;
        _coldKb = coldKb;
        _warmUpPeakKb = warmUpPeakKb;
        BeforeKb = beforeKb;
        FloorKb = floorKb;
        _cpu = cpu;
    }

    /// <summary>The process's RSS now (kB); null where it cannot be read.</summary>
    public static long? Rss(int pid) => Read(StatusPath(pid), "VmRSS:");

    /// <summary>The child's RSS after the warm-up, before the induced collection (kB).</summary>
    public long BeforeKb { get; }

    /// <summary>The child's RSS at the floor, where its peak was reset (kB).</summary>
    public long FloorKb { get; }

    /// <summary>
    /// Brings the child to its floor and resets its peak; null where /proc cannot be read or written. <paramref name="coldKb"/>:
    /// its RSS before its first transfer.
    /// </summary>
    public static async Task<ChildPeakRss?> StartAsync(int pid, long? coldKb, CancellationToken ct)
    {
        var status = StatusPath(pid);
        if (!File.Exists(status) || Read(status, "VmRSS:") is not { } before) return null;
        var warmUpPeak = Read(status, "VmHWM:");
        await InduceFullCollectionAsync(pid, ct).ConfigureAwait(false);
        await SettleAsync(status, ct).ConfigureAwait(false);
        try
        {
            await File.WriteAllTextAsync(string.Create(CultureInfo.InvariantCulture, $"/proc/{pid}/clear_refs"), "5", ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        using var process = Process.GetProcessById(pid);
        return Read(status, "VmRSS:") is { } floor ? new ChildPeakRss(pid, coldKb, warmUpPeak, before, floor, process.TotalProcessorTime) : null;
    }

    /// <summary>The child's figures since <see cref="StartAsync"/>; <paramref name="operations"/> divides its CPU time.</summary>
    public SideFigures Figures(int operations)
    {
        var peak = Read(StatusPath(_pid), "VmHWM:") ?? FloorKb;
        using var process = Process.GetProcessById(_pid);
        static double? Mb(long? kb) => kb is { } k ? Math.Round(k / 1024.0, 1) : null;
        return new SideFigures(
            Math.Round(Math.Max(0, peak - FloorKb) / 1024.0, 1), Math.Round(FloorKb / 1024.0, 1), Math.Round(peak / 1024.0, 1),
            Math.Round(BeforeKb / 1024.0, 1), Math.Round((process.TotalProcessorTime - _cpu).TotalMilliseconds / Math.Max(1, operations), 1))
        {
            ColdRssMb = Mb(_coldKb),
            WarmUpPeakRssMb = Mb(_warmUpPeakKb),
            PeakOverColdMb = _coldKb is { } cold ? Math.Round(Math.Max(0, peak - cold) / 1024.0, 1) : null,
        };
    }

    // enabling GCHeapCollect makes the runtime run a full blocking collection (gen 2) at once; the session itself is
    // stopped right after, its few events read and dropped
    private static async Task InduceFullCollectionAsync(int pid, CancellationToken ct)
    {
        var client = new DiagnosticsClient(pid);
        using var session = await client.StartEventPipeSessionAsync(
            [new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, GcHeapCollectKeyword)], requestRundown: false, circularBufferMB: 4, ct).ConfigureAwait(false);
        var drain = session.EventStream.CopyToAsync(Stream.Null, ct);
        session.Stop();
        await drain.ConfigureAwait(false);
    }

    // the collector decommits what it freed over the next seconds: the floor is where the RSS has not fallen by a MiB
    // for a second (at most 20 s)
    private static async Task SettleAsync(string status, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var lowest = Read(status, "VmRSS:") ?? 0;
        var lastDrop = watch.Elapsed;
        while (watch.Elapsed - lastDrop < TimeSpan.FromSeconds(1) && watch.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(100, ct).ConfigureAwait(false);
            if (Read(status, "VmRSS:") is { } now && now < lowest - 1024)
            {
                lowest = now;
                lastDrop = watch.Elapsed;
            }
        }
    }

    private static string StatusPath(int pid) => string.Create(CultureInfo.InvariantCulture, $"/proc/{pid}/status");

    private static long? Read(string status, string field)
    {
        try
        {
            foreach (var line in File.ReadLines(status))
            {
                if (!line.StartsWith(field, StringComparison.Ordinal)) continue;
                var value = line[field.Length..].Trim();
                if (value.EndsWith(" kB", StringComparison.Ordinal)) value = value[..^3].Trim();
                return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? kb : null;
            }
        }
        catch (IOException)
        {
            // the process ended
        }
        return null;
    }
}

/// <summary>One side of the transfers (a process of its own) over the measured transfers.</summary>
/// <param name="ExtraPeakRssMb">The growth of its peak RSS above its floor (MiB).</param>
/// <param name="FloorRssMb">Its RSS at the floor: after the warm-up, a full collection and the RSS settling.</param>
/// <param name="PeakRssMb">Its peak RSS over the measured transfers.</param>
/// <param name="WarmRssMb">Its RSS right after the warm-up, before the collection.</param>
/// <param name="CpuMsPerOp">Its CPU time (user + system) per measured transfer.</param>
public sealed record SideFigures(double ExtraPeakRssMb, double FloorRssMb, double PeakRssMb, double WarmRssMb, double CpuMsPerOp)
{
    /// <summary>Its RSS before its first transfer: started, the pupils registered, nothing transferred yet.</summary>
    public double? ColdRssMb { get; init; }

    /// <summary>Its peak RSS over the warm-up (from its start).</summary>
    public double? WarmUpPeakRssMb { get; init; }

    /// <summary>
    /// Its peak over the measured transfers minus <see cref="ColdRssMb"/>: what the transfers cost the process on top of
    /// a node at rest, the memory the collector keeps after the warm-up included.
    /// </summary>
    public double? PeakOverColdMb { get; init; }
}

/// <summary>Per process: the bron's School node, the doel's School node and Central (the Traffic Center).</summary>
public sealed record SidesFigures(SideFigures Bron, SideFigures Doel, SideFigures Central);
