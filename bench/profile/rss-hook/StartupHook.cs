using System.Globalization;
using System.Text;

// DOTNET_STARTUP_HOOKS=/path/RssHook.dll RSS_HOOK_OUT=/path/out.tsv: samples the process every RSS_HOOK_MS (default 5) ms
// — VmRSS/VmHWM/RssAnon from /proc/self/status, the managed heap as the GC counts it (GC.GetTotalMemory(false): live after
// the last GC + allocated since) and, whenever a collection happened since the last sample, that collection's
// GCMemoryInfo (generation, compacting, concurrent, heap after, committed, fragmentation, per-generation before/after).
internal static class StartupHook
{
    public static void Initialize()
    {
        var path = Environment.GetEnvironmentVariable("RSS_HOOK_OUT");
        if (string.IsNullOrEmpty(path)) return;
        var ms = int.TryParse(Environment.GetEnvironmentVariable("RSS_HOOK_MS"), out var m) ? m : 5;
        var thread = new Thread(() => Run(path, ms)) { IsBackground = true, Name = "rss-hook", Priority = ThreadPriority.Highest };
        thread.Start();
    }

    private static void Run(string path, int ms)
    {
        var f = CultureInfo.InvariantCulture;
        using var w = new StreamWriter(path, false, Encoding.ASCII) { AutoFlush = false };
        w.WriteLine("t_ms\tkind\trss_kb\thwm_kb\tanon_kb\theap_mb\tgc0\tgc1\tgc2\tdetail");
        long lastIndex = -1;
        var flushAt = Environment.TickCount64 + 1000;
        while (true)
        {
            var t = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            long rss = 0, hwm = 0, anon = 0;
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = Kb(line);
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) hwm = Kb(line);
                else if (line.StartsWith("RssAnon:", StringComparison.Ordinal)) anon = Kb(line);
            }
            var heap = GC.GetTotalMemory(false) / 1048576.0;
            var c0 = GC.CollectionCount(0); var c1 = GC.CollectionCount(1); var c2 = GC.CollectionCount(2);
            w.WriteLine(string.Format(f, "{0}\ts\t{1}\t{2}\t{3}\t{4:F1}\t{5}\t{6}\t{7}\t", t, rss, hwm, anon, heap, c0, c1, c2));
            var any = GC.GetGCMemoryInfo(GCKind.Any);
            if (any.Index > lastIndex && any.Index > 0)
            {
                var sb = new StringBuilder();
                sb.AppendFormat(f, "idx={0} gen={1} compacted={2} concurrent={3} pause={4:F1}ms heapAfter={5:F1}MB committed={6:F1}MB frag={7:F1}MB promoted={8:F1}MB",
                    any.Index, any.Generation, any.Compacted, any.Concurrent, any.PauseDurations[0].TotalMilliseconds,
                    any.HeapSizeBytes / 1048576.0, any.TotalCommittedBytes / 1048576.0, any.FragmentedBytes / 1048576.0, any.PromotedBytes / 1048576.0);
                var g = any.GenerationInfo;
                string[] names = ["g0", "g1", "g2", "loh", "poh"];
                for (var i = 0; i < g.Length && i < names.Length; i++)
                    sb.AppendFormat(f, " {0}={1:F1}->{2:F1}", names[i], g[i].SizeBeforeBytes / 1048576.0, g[i].SizeAfterBytes / 1048576.0);
                if (lastIndex >= 0 && any.Index > lastIndex + 1) sb.AppendFormat(f, " missed={0}", any.Index - lastIndex - 1);
                w.WriteLine(string.Format(f, "{0}\tgc\t{1}\t{2}\t{3}\t{4:F1}\t{5}\t{6}\t{7}\t{8}", t, rss, hwm, anon, heap, c0, c1, c2, sb));
                lastIndex = any.Index;
            }
            if (Environment.TickCount64 > flushAt) { w.Flush(); flushAt = Environment.TickCount64 + 1000; }
            Thread.Sleep(ms);
        }
    }

    private static long Kb(string line)
    {
        var s = line[(line.IndexOf(':') + 1)..].Trim();
        if (s.EndsWith(" kB", StringComparison.Ordinal)) s = s[..^3];
        return long.Parse(s.Trim(), CultureInfo.InvariantCulture);
    }
}
