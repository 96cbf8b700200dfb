using Oso.Cli;

// SIGINT/SIGTERM cancel the command, which then cleans up (clusters, throwaway PostgreSQL) before the process exits
using var termination = new Termination();
try
{
    var code = await OsoCli.RunAsync(args, CliContext.FromConsole(), handlesTermination: true, termination.Token).ConfigureAwait(false);
    return termination.ExitCode ?? code;
}
catch (OperationCanceledException) when (termination.Token.IsCancellationRequested)
{
    await Console.Error.WriteLineAsync("oso: gestopt.").ConfigureAwait(false);
    return termination.ExitCode ?? 130;
}
