using System.CommandLine;
using System.Text;
using Oso.Dossier;
using Oso.Dossier.Rendering;

namespace Oso.Cli.Dossiers;

/// <summary><c>oso dossier render FILE [--format html|pdf] [-o OUT] [--fragment] [--show-pgn]</c>: the dossier as a readable HTML page or a tagged PDF.</summary>
internal static class RenderCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("BESTAND") { Description = "Het dossier." };
        var output = new Option<string?>("--output", "-o") { Description = "Schrijf naar dit bestand (standaard: standaarduitvoer; bij pdf verplicht)." };
        var format = new Option<string>("--format", "-f") { Description = "html (standaard) of pdf: een toegankelijke PDF om af te drukken, met dezelfde inhoud.", DefaultValueFactory = _ => "html" };
        format.AcceptOnlyFromAmong("html", "pdf");
        var fragment = new Option<bool>("--fragment") { Description = "Alleen het <article>-fragment, zonder pagina en CSS (om in een portaal op te nemen)." };
        var showPgn = new Option<bool>("--show-pgn") { Description = "Toon het BSN of onderwijsnummer volledig (standaard: alleen de laatste vier cijfers)." };
        var command = new Command("render", "Toon een dossier als leesbare HTML-pagina of als PDF om af te drukken (Nederlands, zonder scripts of externe bestanden; bijlagen alleen met naam en grootte).")
        {
            file, format, output, fragment, showPgn,
        };
        command.SetAction(parse => Run(context, parse.GetValue(file)!, parse.GetValue(format) == "pdf", parse.GetValue(output), parse.GetValue(fragment), parse.GetValue(showPgn)));
        return command;
    }

    private static int Run(CliContext context, string file, bool pdf, string? output, bool fragment, bool showPgn)
    {
        if (pdf && (output is null || fragment))
        {
            context.Error.WriteLine(output is null
                ? "oso: een PDF gaat naar een bestand: geef -o BESTAND.pdf op."
                : "oso: --fragment hoort bij HTML, niet bij een PDF.");
            return ExitCodes.Usage;
        }
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
        if (pdf)
        {
            byte[] bytes;
            try
            {
                bytes = DossierPdfRenderer.Render(dossier, options);
            }
            catch (InvalidOperationException e) when (e.Message.StartsWith("Het lettertype", StringComparison.Ordinal))
            {
                context.Error.WriteLine("oso: " + e.Message);
                return ExitCodes.Failed;
            }
            WriteAtomically(output!, temporary => File.WriteAllBytes(temporary, bytes));
            context.Error.WriteLine($"Geschreven: {output}");
            return ExitCodes.Ok;
        }
        var html = fragment ? DossierHtmlRenderer.RenderFragment(dossier, options) : DossierHtmlRenderer.RenderPage(dossier, options);
        if (output is null)
        {
            context.Out.Write(html);
            return ExitCodes.Ok;
        }
        WriteAtomically(output, temporary => File.WriteAllText(temporary, html, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)));
        context.Error.WriteLine($"Geschreven: {output}");
        return ExitCodes.Ok;
    }

    // a reader of OUT sees the old file or the whole new one, never half
    private static void WriteAtomically(string output, Action<string> write)
    {
        var temporary = output + ".tmp";
        write(temporary);
        File.Move(temporary, output, overwrite: true);
    }
}
