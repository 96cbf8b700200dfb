using System.Diagnostics;
using System.Reflection;

namespace Oso.Cli.Cluster;

/// <summary>
/// One instance of Central or the School node as a child process of the CLI (<c>oso central serve</c> or
/// <c>oso school serve</c> with this executable), its output in a log file. <see cref="Kill"/> sends SIGKILL (a crash);
/// <see cref="StartAsync"/> starts it again with the same arguments and waits until its portal answers.
/// </summary>
internal sealed class InstanceProcess : IAsyncDisposable
{
    private readonly string[] _arguments;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly string _log;
    private Process? _process;

    public InstanceProcess(string name, int portalPort, int protocolPort, string[] arguments, IReadOnlyDictionary<string, string> environment, string logDirectory)
    {
        Name = name;
        PortalPort = portalPort;
        ProtocolPort = protocolPort;
        _arguments = arguments;
        _environment = environment;
        _log = Path.Combine(logDirectory, name + ".log");
    }

    /// <summary>"central-1", "school-2".</summary>
    public string Name { get; }

    public int PortalPort { get; }

    public int ProtocolPort { get; }

    /// <summary>The process id while it runs.</summary>
    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    /// <summary>Starts the process and waits (at most <paramref name="timeout"/>) until its portal answers /health/live.</summary>
    public async Task StartAsync(TimeSpan timeout, CancellationToken ct)
    {
        var start = OsoStartInfo(_arguments);
        foreach (var (key, value) in _environment) start.Environment[key] = value;
        var log = new StreamWriter(new FileStream(_log, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Exited += (_, _) => { lock (log) log.Dispose(); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await WaitLiveAsync(process, timeout, ct).ConfigureAwait(false);
    }

    /// <summary>This CLI (<c>oso ARGS</c>) as a child process, both outputs redirected.</summary>
    public static ProcessStartInfo OsoStartInfo(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        // run as `dotnet oso.dll …` or as the apphost: pass the entry assembly when the host is dotnet itself
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet") start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        return start;
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null) return;
        lock (log)
        {
            try { log.WriteLine(line); } catch (ObjectDisposedException) { }
        }
    }

    private async Task WaitLiveAsync(Process process, TimeSpan timeout, CancellationToken ct)
    {
        using var http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator })
        {
            Timeout = TimeSpan.FromSeconds(2),
        };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"{Name} stopte bij het starten (code {process.ExitCode}); zie {_log}.");
            try
            {
                using var response = await http.GetAsync(new Uri($"https://127.0.0.1:{PortalPort}/health/live"), ct).ConfigureAwait(false);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // slow to answer: try again
            }
            await Task.Delay(100, ct).ConfigureAwait(false);
        }
        throw new InvalidOperationException($"{Name} antwoordde niet binnen {timeout.TotalSeconds:F0} s; zie {_log}.");
    }

    /// <summary>SIGKILL: the process ends at once, without any clean-up (a crash, a pulled plug).</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } p) p.Kill();
        _process?.WaitForExit();
    }

    /// <summary>SIGTERM and wait: the instance stops cleanly (hands its outbox work back).</summary>
    public async Task StopAsync()
    {
        if (_process is not { HasExited: false } p) return;
        // SIGTERM (the host stops cleanly on it); .NET's Process.Kill only sends SIGKILL
        using (var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
            await term!.WaitForExitAsync().ConfigureAwait(false);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await p.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            p.Kill();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _process?.Dispose();
    }
}
