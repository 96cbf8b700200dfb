using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Oso.Cli.Tests.Cluster;
using Oso.Testing;

namespace Oso.Cli.Tests.Bench;

/// <summary>
/// <c>oso bench load</c> run in the background and stopped with SIGTERM (as <c>kill PID</c> or a supervisor does) while it
/// measures: it stops its cluster — every instance, HAProxy — and its throwaway PostgreSQL before it exits, with exit code
/// 143. (Once, PostgreSQL stayed running after a SIGTERM: the command line library returned 2 s after the signal, in the
/// middle of the clean-up.) Nothing is waited for by time: the signal is sent when the bench says it measures, and the
/// checks run once the process has exited.
/// </summary>
public sealed partial class BenchTerminationTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("oso-bench-term-").FullName;

    [Fact]
    public async Task A_load_run_stopped_with_SIGTERM_stops_its_cluster_and_its_PostgreSQL_before_it_exits()
    {
        TestDatabase.RequirePostgres(); // initdb and haproxy are installed
        var ct = TestContext.Current.CancellationToken;
        var basePort = 20_000 + Random.Shared.Next(100) * 100;
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { ClusterProcess.OsoDll(), "bench", "load", "--instances", "1", "--rate", "1", "--duration", "60", "--warmup", "0",
                     "--data", Path.Combine(_data, "cluster"), "--base-port", basePort.ToString(CultureInfo.InvariantCulture), "--json" })
            start.ArgumentList.Add(a);
        var lines = new List<string>();
        var measuring = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var bench = new Process { StartInfo = start, EnableRaisingEvents = true };
        bench.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (lines) lines.Add(e.Data);
            if (e.Data.StartsWith("Meten:", StringComparison.Ordinal)) measuring.TrySetResult();
        };
        bench.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (lines) lines.Add(e.Data); };
        bench.Exited += (_, _) => measuring.TrySetException(new InvalidOperationException("oso bench load stopte vóór de meting"));
        bench.Start();
        bench.BeginErrorReadLine();
        bench.BeginOutputReadLine();
        try
        {
            await measuring.Task.WaitAsync(TimeSpan.FromMinutes(5), ct);
            string Output() { lock (lines) return string.Join('\n', lines); }
            var pgPort = int.Parse(PostgresPort().Match(Output()).Groups[1].Value, CultureInfo.InvariantCulture);
            var children = Descendants(bench.Id);
            Assert.True(children.Count >= 3, "instances, HAProxy: " + string.Join(", ", children)); // 1 Central, 1 School node, HAProxy
            Assert.True(await ListensAsync(pgPort, ct), "PostgreSQL should run while the bench measures");

            Signal("TERM", bench.Id);
            await bench.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromMinutes(2), ct);
            TestContext.Current.TestOutputHelper?.WriteLine(Output());

            Assert.Equal(143, bench.ExitCode); // 128 + SIGTERM
            Assert.False(await ListensAsync(pgPort, ct), "PostgreSQL still accepts connections after the bench exited");
            Assert.DoesNotContain(children, Alive); // every instance and HAProxy stopped
            foreach (var port in new[] { basePort, basePort + 1, basePort + 10, basePort + 11 }) Assert.False(await ListensAsync(port, ct), $"port {port} still open");
        }
        finally
        {
            if (!bench.HasExited) bench.Kill(entireProcessTree: true);
        }
    }

    private static async Task<bool> ListensAsync(int port, CancellationToken ct)
    {
        try
        {
            using var probe = new TcpClient();
            await probe.ConnectAsync(System.Net.IPAddress.Loopback, port, ct);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    // every process below pid (from /proc/*/stat: the parent is the 4th field, after the name in parentheses)
    private static List<int> Descendants(int pid)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var id)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                parents[id] = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // gone meanwhile
            }
        }
        var found = new List<int>();
        var queue = new Queue<int>([pid]);
        while (queue.TryDequeue(out var p))
            foreach (var child in parents.Where(x => x.Value == p).Select(x => x.Key))
            {
                found.Add(child);
                queue.Enqueue(child);
            }
        return found;
    }

    // alive and not a zombie waiting to be reaped
    private static bool Alive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static void Signal(string signal, int pid)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
    }

    [GeneratedRegex(@"PostgreSQL luistert op 127\.0\.0\.1:(\d+)")]
    private static partial Regex PostgresPort();

    public void Dispose()
    {
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
