using System.CommandLine;

namespace Oso.Cli.Dossiers;

/// <summary><c>oso dossier</c>: work with dossier files.</summary>
internal static class DossierCommand
{
    public static Command Create(CliContext context) => new("dossier", "Overstapdossiers (OSO-gegevensset 2019.1) valideren, normaliseren, tonen en genereren.")
    {
        ValidateCommand.Create(context),
        NormalizeCommand.Create(context),
        RenderCommand.Create(context),
        GenerateCommand.Create(context),
        VerifyCommand.Create(context),
    };
}
