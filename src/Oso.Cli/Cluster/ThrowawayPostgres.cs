using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Oso.Cli.Cluster;

/// <summary>
/// A PostgreSQL cluster for one run, made with <c>initdb</c> in a temporary directory as <c>./test.sh</c> does (as the
/// <c>postgres</c> user when run as root: PostgreSQL refuses root), listening on 127.0.0.1 only, with a random password.
/// Disposing stops it and removes the directory. <see cref="RestartAsync"/> stops and starts it (the chaos bench).
/// </summary>
internal sealed class ThrowawayPostgres : IAsyncDisposable
{
    private readonly string _root;
    private readonly string _bin;
    private readonly string[] _runAs;

    private ThrowawayPostgres(string root, string bin, string[] runAs, int port, string password)
    {
        _root = root;
        _bin = bin;
        _runAs = runAs;
        Port = port;
        Password = password;
    }

    /// <summary>The port on 127.0.0.1.</summary>
    public int Port { get; }

    private string Password { get; }

    /// <summary>A connection string for <paramref name="database"/> (created by the services' migrations).</summary>
    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Password={Password};Database={database};Maximum Pool Size=40;Timeout=5";

    /// <summary>Makes and starts the cluster on a free port from <paramref name="firstPort"/> up.</summary>
    public static async Task<ThrowawayPostgres> StartAsync(int firstPort, CancellationToken ct)
    {
        var initdb = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "initdb")).Where(File.Exists)
                .OrderBy(p => Version.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(p))), out var v) ? v : new Version(0, 0)).LastOrDefault()
            : null;
        if (initdb is null)
            throw new InvalidOperationException("PostgreSQL is niet geïnstalleerd (initdb ontbreekt): installeer het Debian-pakket postgresql.");
        var bin = Path.GetDirectoryName(initdb)!;
        var root = Directory.CreateTempSubdirectory("oso-cluster-pg-").FullName;
        var asRoot = Environment.UserName == "root";
        string[] runAs = asRoot ? ["runuser", "-u", "postgres", "--"] : [];
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var pwfile = Path.Combine(root, "pwfile");
        await File.WriteAllTextAsync(pwfile, password, ct).ConfigureAwait(false);
        if (asRoot) await ExecAsync(["chown", "-R", "postgres:postgres", root], ct).ConfigureAwait(false);
        var port = FreePort(firstPort);
        var pg = new ThrowawayPostgres(root, bin, runAs, port, password);
        try
        {
            await pg.RunAsync([Path.Combine(bin, "initdb"), "-D", pg.DataDirectory, "-U", "postgres", "--pwfile=" + pwfile, "--auth-local=trust",
                "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"], ct).ConfigureAwait(false);
            await pg.StartServerAsync(ct).ConfigureAwait(false);
            return pg;
        }
        catch
        {
            await pg.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private string DataDirectory => Path.Combine(_root, "data");

    /// <summary>Stops the server at once (as a crash would: <c>-m immediate</c>) and starts it again.</summary>
    public async Task RestartAsync(CancellationToken ct)
    {
        await RunAsync([Path.Combine(_bin, "pg_ctl"), "-D", DataDirectory, "-m", "immediate", "-w", "stop"], ct).ConfigureAwait(false);
        await StartServerAsync(ct).ConfigureAwait(false);
    }

    // fsync off: the chaos bench crashes the server process, not the machine (the OS keeps what was written). Commits
    // stay synchronous: with synchronous_commit=off an answered commit is lost when the server is killed right after
    // (the chaos bench found a request the LAS API had confirmed gone after the PostgreSQL restart)
    private Task StartServerAsync(CancellationToken ct) =>
        RunAsync([Path.Combine(_bin, "pg_ctl"), "-D", DataDirectory, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60", "-o",
            $"-c listen_addresses=127.0.0.1 -p {Port} -k {_root} -c max_connections=400 -c fsync=off", "start"], ct);

    private Task RunAsync(string[] command, CancellationToken ct) => ExecAsync([.. _runAs, .. command], ct);

    private static async Task ExecAsync(IReadOnlyList<string> command, CancellationToken ct)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in command.Skip(1)) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct).ConfigureAwait(false);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(command[0])} {string.Join(' ', command.Skip(1).Take(2))} mislukte ({process.ExitCode}): {(await error.ConfigureAwait(false)).Trim()} {(await output.ConfigureAwait(false)).Trim()}");
    }

    private static int FreePort(int from)
    {
        for (var port = from; port < from + 200; port++)
        {
            try
            {
                using var listener = new TcpListener(System.Net.IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // in use: the next one
            }
        }
        throw new InvalidOperationException($"Geen vrije poort voor PostgreSQL vanaf {from}.");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync([Path.Combine(_bin, "pg_ctl"), "-D", DataDirectory, "-m", "fast", "-w", "stop"], CancellationToken.None).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // not running (initdb failed): nothing to stop
        }
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
