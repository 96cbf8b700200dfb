using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Oso.Cli.Tests.Cluster;

/// <summary>
/// <c>oso cluster up</c> as a child process of the test, as an operator starts it: the URLs and the instances' process ids
/// read from what it prints; disposing sends it SIGINT (Ctrl+C) and waits until it has stopped everything.
/// </summary>
internal sealed partial class ClusterProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private ClusterProcess(Process process, string data)
    {
        _process = process;
        DataDirectory = data;
    }

    public string DataDirectory { get; }

    /// <summary>The School node's portal and LAS API behind HAProxy.</summary>
    public Uri SchoolPortal { get; private set; } = null!;

    /// <summary>The instances by name ("central-1", "school-2") and their process ids.</summary>
    public Dictionary<string, int> Pids { get; } = [];

    /// <summary>Everything the command printed so far.</summary>
    public string Output
    {
        get { lock (_output) return string.Join('\n', _output); }
    }

    public static async Task<ClusterProcess> StartAsync(string data, int instances, int basePort, TimeSpan timeout, CancellationToken ct)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { OsoDll(), "cluster", "up", "--instances", instances.ToString(CultureInfo.InvariantCulture), "--data", data, "--base-port", basePort.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(a);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cluster = new ClusterProcess(new Process { StartInfo = start, EnableRaisingEvents = true }, data);
        cluster._process.OutputDataReceived += (_, e) => cluster.Line(e.Data, ready);
        cluster._process.ErrorDataReceived += (_, e) => cluster.Line(e.Data, null);
        cluster._process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("oso cluster up stopte:\n" + cluster.Output));
        cluster._process.Start();
        cluster._process.BeginOutputReadLine();
        cluster._process.BeginErrorReadLine();
        try
        {
            await ready.Task.WaitAsync(timeout, ct);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        return cluster;
    }

    private void Line(string? line, TaskCompletionSource? ready)
    {
        if (line is null) return;
        lock (_output) _output.Add(line);
        if (ready is null) return;
        var instance = InstanceLine().Match(line);
        if (instance.Success) Pids[instance.Groups[1].Value] = int.Parse(instance.Groups[2].Value, CultureInfo.InvariantCulture);
        var school = SchoolLine().Match(line);
        if (school.Success) SchoolPortal = new Uri(school.Groups[1].Value);
        if (line.Contains("Stop met Ctrl+C", StringComparison.Ordinal)) ready.TrySetResult();
    }

    /// <summary>SIGKILL to one instance (a crash).</summary>
    public void Kill(string instance) => Signal("KILL", Pids[instance]);

    private static void Signal(string signal, int pid)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
    }

    // the CLI this test project was built with (a referenced executable: its runtimeconfig lies beside it)
    internal static string OsoDll()
    {
        var here = Path.Combine(AppContext.BaseDirectory, "oso.dll");
        if (File.Exists(Path.ChangeExtension(here, ".runtimeconfig.json"))) return here;
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Parent!.Name; // bin/<Configuration>/net10.0
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "OpenOso.slnx"))) root = root.Parent;
        return Path.Combine(root?.FullName ?? throw new InvalidOperationException("OpenOso.slnx niet gevonden."), "src", "Oso.Cli", "bin", configuration, "net10.0", "oso.dll");
    }

    /// <summary>Ctrl+C: the command stops HAProxy, every instance and PostgreSQL.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) Signal("INT", _process.Id);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }

    [GeneratedRegex(@"^\s+((?:central|school)-\d+)\s+pid (\d+)")]
    private static partial Regex InstanceLine();

    [GeneratedRegex(@"School-node portaal en LAS-API\s+(\S+)")]
    private static partial Regex SchoolLine();
}
