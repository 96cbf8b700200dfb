using System.CommandLine;

namespace Oso.Cli.Dossiers;

/// <summary><c>oso dossier</c>: work with dossier files.</summary>
internal static class DossierCommand
{
    public static Command Create(CliContext context) => new("dossier", CommandLineRun.DossierDescription)
    {
        ValidateCommand.Create(context),
        NormalizeCommand.Create(context),
        RenderCommand.Create(context),
        GenerateCommand.Create(context),
        VerifyCommand.Create(context),
    };
}
