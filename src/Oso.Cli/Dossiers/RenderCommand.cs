using System.CommandLine;
using System.Text;
using Oso.Dossier;
using Oso.Dossier.Rendering;

namespace Oso.Cli.Dossiers;

/// <summary><c>oso dossier render FILE [-o OUT.html] [--fragment] [--show-pgn]</c>: the dossier as a readable HTML page.</summary>
internal static class RenderCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("BESTAND") { Description = "Het dossier." };
        var output = new Option<string?>("--output", "-o") { Description = "Schrijf de pagina naar dit bestand (standaard: standaarduitvoer)." };
        var fragment = new Option<bool>("--fragment") { Description = "Alleen het <article>-fragment, zonder pagina en CSS (om in een portaal op te nemen)." };
        var showPgn = new Option<bool>("--show-pgn") { Description = "Toon het BSN of onderwijsnummer volledig (standaard: alleen de laatste vier cijfers)." };
        var command = new Command("render", "Toon een dossier als leesbare HTML-pagina (Nederlands, zonder scripts of externe bestanden; bijlagen alleen met naam en grootte).")
        {
            file, output, fragment, showPgn,
        };
        command.SetAction(parse => Run(context, parse.GetValue(file)!, parse.GetValue(output), parse.GetValue(fragment), parse.GetValue(showPgn)));
        return command;
    }

    private static int Run(CliContext context, string file, string? output, bool fragment, bool showPgn)
    {
        if (!File.Exists(file))
        {
            context.Error.WriteLine($"oso: '{file}' bestaat niet.");
            return ExitCodes.Usage;
        }
        var result = DossierReader.Read(file);
        if (result.Dossier is not { } dossier)
        {
            context.Error.WriteLine(result.Document is null
                ? $"oso: '{file}' is geen geldig overstapdossier en kan niet worden getoond:"
                : $"oso: '{file}' is geen los dossier (maar een verzameling of terugkoppeling) en kan niet worden getoond.");
            foreach (var m in result.Meldingen.Take(20))
                context.Error.WriteLine($"  {m.Code} {m.Locatie}{(m.Regel > 0 ? $" ({m.Regel}:{m.Kolom})" : "")}: {m.Tekst}");
            return ExitCodes.Failed;
        }
        var options = new DossierRenderOptions { ShowFullPgn = showPgn };
        var html = fragment ? DossierHtmlRenderer.RenderFragment(dossier, options) : DossierHtmlRenderer.RenderPage(dossier, options);
        if (output is null)
        {
            context.Out.Write(html);
            return ExitCodes.Ok;
        }
        // atomically: a reader of OUT sees the old page or the whole new one, never half
        var temporary = output + ".tmp";
        File.WriteAllText(temporary, html, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        File.Move(temporary, output, overwrite: true);
        context.Error.WriteLine($"Geschreven: {output}");
        return ExitCodes.Ok;
    }
}
