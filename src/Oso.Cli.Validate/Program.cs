using System.CommandLine;
using Oso.Cli;
using Oso.Cli.Dossiers;

// `oso dossier validate ...` and nothing else: the `./oso` launcher sends only that command line here
var context = CliContext.FromConsole();
var root = new RootCommand(CommandLineRun.RootDescription)
{
    new Command("dossier", CommandLineRun.DossierDescription) { ValidateCommand.Create(context) },
};
return await CommandLineRun.RunAsync(root, args, context, handlesTermination: false, CancellationToken.None).ConfigureAwait(false);
