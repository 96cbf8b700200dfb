using System.CommandLine;
using System.CommandLine.Help;
using System.Globalization;
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
        var root = new RootCommand("OpenOSO — de Overstapservice Onderwijs: overstapdossiers valideren, tonen en uitwisselen.")
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
        DutchCommandLine.Apply(root);
        var parse = root.Parse(args);
        if (parse.Action is HelpAction)
        {
            // the library writes its help in English; translate it on the way out
            var english = new StringWriter(CultureInfo.InvariantCulture);
            var result = await parse.InvokeAsync(new InvocationConfiguration { Output = english, Error = context.Error }, cancellationToken).ConfigureAwait(false);
            await context.Out.WriteAsync(DutchCommandLine.Help(english.ToString())).ConfigureAwait(false);
            return result;
        }
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) await context.Error.WriteLineAsync("oso: " + DutchCommandLine.Error(error)).ConfigureAwait(false);
            await context.Error.WriteLineAsync("Gebruik 'oso --help' voor de mogelijkheden.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        var configuration = new InvocationConfiguration { Output = context.Out, Error = context.Error };
        if (handlesTermination) configuration.ProcessTerminationTimeout = null;
        return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }
}
