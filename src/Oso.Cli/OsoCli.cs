using System.CommandLine;
using Oso.Cli.Dossiers;
using Oso.Cli.School;
using Oso.Cli.Up;
using Oso.Cli.Demo;
using Oso.Cli.Bench;
using Oso.Cli.Health;

namespace Oso.Cli;

/// <summary>The <c>oso</c> command: one sub-command group per feature.</summary>
public static class OsoCli
{
    /// <summary>Parses and runs a command line; System.CommandLine handles SIGINT/SIGTERM.</summary>
    public static Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default) =>
        RunAsync(args, context, handlesTermination: false, cancellationToken);

    /// <summary>
    /// Parses and runs a command line. With <paramref name="handlesTermination"/> the caller owns SIGINT/SIGTERM (it
    /// cancels <paramref name="cancellationToken"/>; the process's <see cref="Termination"/>); otherwise System.CommandLine
    /// does.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, CliContext context, bool handlesTermination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var root = new RootCommand(CommandLineRun.RootDescription)
        {
            UpCommand.Create(context),
            Cluster.ClusterCommand.Create(context),
            DemoCommand.Create(context),
            DossierCommand.Create(context),
            SchoolCommand.Create(context),
            Central.CentralCommand.Create(context),
            BenchCommand.Create(context),
            HealthCommand.Create(context),
            Conformance.ConformanceCommand.Create(context),
        };
        return await CommandLineRun.RunAsync(root, args, context, handlesTermination, cancellationToken).ConfigureAwait(false);
    }
}
