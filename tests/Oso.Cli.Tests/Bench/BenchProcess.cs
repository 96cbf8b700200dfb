using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Oso.Cli.Tests.Cluster;

namespace Oso.Cli.Tests.Bench;

/// <summary>
/// A cluster benchmark (<c>oso bench chaos</c>, <c>oso bench load</c>) as a child process, the way an operator runs it: it
/// starts its own cluster of child processes (which a test process must not share). Gets a fresh base port and data
/// directory; the progress on stderr goes to the test output.
/// </summary>
internal sealed class BenchProcess : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("oso-bench-").FullName;

    /// <summary>Runs <c>oso bench ARGS --data … --base-port … --json</c>; its exit code, its JSON and its progress.</summary>
    public async Task<(int ExitCode, JsonElement Json, string Progress)> RunAsync(IEnumerable<string> args, TimeSpan timeout, CancellationToken ct)
    {
        var basePort = (20_000 + Random.Shared.Next(100) * 100).ToString(CultureInfo.InvariantCulture);
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { ClusterProcess.OsoDll(), "bench" }.Concat(args).Concat(["--data", Path.Combine(_data, "cluster"), "--base-port", basePort, "--json"]))
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        var progress = await error;
        TestContext.Current.TestOutputHelper?.WriteLine(progress);
        using var json = JsonDocument.Parse(await output);
        return (process.ExitCode, json.RootElement.Clone(), progress);
    }

    public void Dispose()
    {
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
