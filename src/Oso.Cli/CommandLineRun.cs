using System.CommandLine;
using System.CommandLine.Help;
using System.Globalization;

namespace Oso.Cli;

/// <summary>
/// Parses and runs a command line against a root command: Dutch help and Dutch parse errors. Shared by the full
/// <c>oso</c> and the natively compiled validate-only entry point (src/Oso.Cli.Validate), so both print the same.
/// </summary>
internal static class CommandLineRun
{
    public const string RootDescription = "OpenOSO — de Overstapservice Onderwijs: overstapdossiers valideren, tonen en uitwisselen.";

    public const string DossierDescription = "Overstapdossiers (OSO-gegevensset 2019.1) valideren, normaliseren, tonen en genereren.";

    /// <param name="handlesTermination">The caller owns SIGINT/SIGTERM (it cancels <paramref name="cancellationToken"/>); otherwise System.CommandLine does.</param>
    public static async Task<int> RunAsync(RootCommand root, string[] args, CliContext context, bool handlesTermination, CancellationToken cancellationToken)
    {
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
