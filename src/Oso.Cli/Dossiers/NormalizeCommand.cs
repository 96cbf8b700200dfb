using System.CommandLine;
using Oso.Dossier;

namespace Oso.Cli.Dossiers;

/// <summary><c>oso dossier normalize FILE [-o OUT]</c>: read into the model and write back in the official order.</summary>
internal static class NormalizeCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("BESTAND") { Description = "Het dossier." };
        var output = new Option<string?>("--output", "-o") { Description = "Schrijf naar dit bestand (standaard: standaarduitvoer)." };
        var command = new Command("normalize", "Lees een dossier in het model en schrijf het terug: officiële volgorde, namespace en notatie.") { file, output };
        command.SetAction(parse => Run(context, parse.GetValue(file)!, parse.GetValue(output)));
        return command;
    }

    private static int Run(CliContext context, string file, string? output)
    {
        if (!File.Exists(file))
        {
            context.Error.WriteLine($"oso: '{file}' bestaat niet.");
            return ExitCodes.Usage;
        }
        var result = DossierReader.Read(file);
        if (result.Document is null)
        {
            context.Error.WriteLine($"oso: '{file}' kan niet worden gelezen:");
            foreach (var m in result.Meldingen.Take(20))
                context.Error.WriteLine($"  {m.Code} {m.Locatie}{(m.Regel > 0 ? $" ({m.Regel}:{m.Kolom})" : "")}: {m.Tekst}");
            return ExitCodes.Failed;
        }
        if (output is null)
        {
            context.Out.Write(DossierWriter.ToXml(result.Document));
            context.Out.WriteLine();
        }
        else
        {
            var temporary = output + ".tmp";
            DossierWriter.Write(result.Document, temporary);
            File.Move(temporary, output, overwrite: true);
            context.Error.WriteLine($"Geschreven: {output}");
        }
        return ExitCodes.Ok;
    }
}
