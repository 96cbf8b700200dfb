using System.Runtime.InteropServices;

namespace Oso.Cli;

/// <summary>
/// What the <c>oso</c> process does on SIGINT (Ctrl+C) and SIGTERM (<c>kill</c>, a supervisor): the first signal cancels
/// the running command's token and the process stays up until the command has cleaned up after itself — a benchmark or
/// <c>oso cluster up</c> stops its instances, HAProxy and its throwaway PostgreSQL, however long that takes; a second
/// signal ends the process at once. (System.CommandLine's own handling waits only 2 s before it returns, after which the
/// process exited in the middle of that clean-up and left PostgreSQL running.)
/// </summary>
internal sealed class Termination : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration[] _registrations;
    private int _signal;

    public Termination()
    {
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle)];
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>After a signal, the exit code a shell expects (128 + the signal's number: 130 for SIGINT, 143 for SIGTERM); otherwise null.</summary>
    public int? ExitCode => Volatile.Read(ref _signal) switch
    {
        0 => null,
        var s => 128 + s,
    };

    private void Handle(PosixSignalContext context)
    {
        // the first signal: cancel, and keep the process alive for the clean-up; a second one: the default (terminate)
        if (Interlocked.CompareExchange(ref _signal, context.Signal == PosixSignal.SIGINT ? 2 : 15, 0) != 0) return;
        context.Cancel = true;
        ThreadPool.QueueUserWorkItem(_ => _stop.Cancel());
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _stop.Dispose();
    }
}
