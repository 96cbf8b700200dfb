using System.Buffers;
using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Oso.Dossier.Validation;
using Spectre.Console;

namespace Oso.Cli.Dossiers;

/// <summary><c>oso dossier validate [--json] [--strict] [--xsd PATH] [--format text|json|meldingen] PATH...</c></summary>
internal static class ValidateCommand
{
    // written by hand: reflection-based serialization cost ~40 ms at the first line, a tenth of validating 1,000 files
    private static readonly JsonWriterOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("PAD") { Description = "Dossierbestanden of mappen (alle .xml-bestanden erin, ook in submappen).", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Per bestand één JSON-object op één regel." };
        var strict = new Option<bool>("--strict") { Description = "Waarschuwingen (controles buiten de officiële standaard) tellen als fout." };
        var xsd = new Option<string?>("--xsd") { Description = "Controleer ook tegen dit XSD-bestand (bijvoorbeeld een nieuwere gepubliceerde versie)." };
        var format = new Option<string>("--format") { Description = "Uitvoer: text, json of meldingen (het officiële <meldingen>-XML; één bestand).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "meldingen");
        var command = new Command("validate", "Valideer dossiers zoals de officiële validator (XSD en bedrijfsregels), plus extra controles als waarschuwing. Exitcode 0: alles geldig; 1: iets ongeldig; 2: verkeerd gebruik of onleesbaar bestand.")
        {
            paths, json, strict, xsd, format,
        };
        command.SetAction((parse, ct) => Task.FromResult(Run(context, parse.GetValue(paths)!, parse.GetValue(json) ? "json" : parse.GetValue(format)!,
            parse.GetValue(strict), parse.GetValue(xsd), ct)));
        return command;
    }

    private sealed record FileResult(string File, ValidationReport? Report, string? Unreadable)
    {
        public string Rendered { get; set; } = "";
    }

    // collects text and writes it to the inner writer in blocks of about 64 KB, and the rest when disposed
    private sealed class BlockWriter(TextWriter inner) : IDisposable
    {
        private readonly StringBuilder _block = new();

        public void Write(string text)
        {
            _block.Append(text);
            if (_block.Length >= 64 * 1024) Flush();
        }

        private void Flush()
        {
            inner.Write(_block);
            inner.Flush();
            _block.Clear();
        }

        public void Dispose() => Flush();
    }

    // a StringWriter says UTF-16, and the <meldingen> declaration takes its encoding from the writer; the output is UTF-8
    private sealed class Utf8StringWriter : StringWriter
    {
        public override Encoding Encoding => Encoding.UTF8;
    }

    private static string Render(FileResult result, string format, bool strict)
    {
        var writer = new Utf8StringWriter();
        switch (format)
        {
            case "json":
                writer.WriteLine(JsonLine(result, strict));
                break;
            case "meldingen":
                // an unreadable file must not look like an empty (valid) list of meldingen
                MeldingenXml.Write(writer, result.Report?.Meldingen
                    ?? [new Melding(MeldingType.Fout, "BESTAND.Onleesbaar", "/", 0, 0, "Het bestand kan niet worden gelezen: " + result.Unreadable)], strict);
                break;
            default:
                PrintText(writer, result, strict);
                break;
        }
        return writer.ToString();
    }

    private static int Run(CliContext context, string[] paths, string format, bool strict, string? xsdPath, CancellationToken ct)
    {
        // the rule tables are built on another core while this one lists the files and builds the schema
        _ = Task.Run(DossierValidator.PrepareRules, ct);
        var files = InputFiles.Expand(paths, out var missing);
        foreach (var m in missing) context.Error.WriteLine($"oso: '{m}' bestaat niet.");
        if (format == "meldingen" && files.Count != 1)
        {
            context.Error.WriteLine("oso: --format meldingen werkt met precies één bestand.");
            return ExitCodes.Usage;
        }
        ExtraSchema? extra = null;
        if (xsdPath is not null && !ExtraSchema.TryLoad(xsdPath, out extra, out var xsdError))
        {
            context.Error.WriteLine("oso: " + xsdError);
            return ExitCodes.Usage;
        }
        if (files.Count == 0)
        {
            if (missing.Count == 0) context.Error.WriteLine("oso: geen .xml-bestanden gevonden.");
            return ExitCodes.Usage;
        }

        var validator = new DossierValidator(new DossierValidatorOptions { ExtraSchema = extra });
        var results = new FileResult?[files.Count];
        var next = 0;
        var printLock = new object();
        var showProgress = context.ErrorIsTerminal && files.Count >= 20;
        var bufferOutput = showProgress && !Console.IsOutputRedirected && ReferenceEquals(context.Out, Console.Out);
        var pending = new List<FileResult>();
        // standard output flushes every line; a thousand files' results are written in blocks instead (in order, at the end
        // of each block and of the run), so that writing does not hold up the workers
        using var output = new BlockWriter(context.Out);

        void Complete(int index, FileResult result)
        {
            lock (printLock)
            {
                results[index] = result;
                while (next < results.Length && results[next] is { } ready)
                {
                    if (bufferOutput) pending.Add(ready);
                    else output.Write(ready.Rendered);
                    next++;
                }
            }
        }

        void ValidateAll(Action? tick)
        {
            Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct }, i =>
            {
                FileResult result;
                try
                {
                    result = new FileResult(files[i], validator.Validate(files[i], ct), null);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    result = new FileResult(files[i], null, ex.Message);
                }
                // rendered here, in parallel, not under the lock that keeps the output in order
                result.Rendered = Render(result, format, strict);
                Complete(i, result);
                tick?.Invoke();
            });
        }

        if (showProgress)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Error) });
            console.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(progress =>
                {
                    var task = progress.AddTask("Valideren", maxValue: files.Count);
                    ValidateAll(() => task.Increment(1));
                });
            foreach (var r in pending) output.Write(r.Rendered);
        }
        else
        {
            ValidateAll(null);
        }

        var unreadable = results.Count(r => r!.Unreadable is not null);
        var invalid = results.Count(r => r!.Report is { } report && !report.IsValid(strict));
        if (format == "text")
        {
            var valid = files.Count - invalid - unreadable;
            output.Write(Environment.NewLine);
            output.Write($"{files.Count} {(files.Count == 1 ? "bestand" : "bestanden")}: {valid} geldig, {invalid} ongeldig{(unreadable > 0 ? $", {unreadable} onleesbaar" : "")}.{Environment.NewLine}");
        }
        return unreadable > 0 || missing.Count > 0 ? ExitCodes.Usage : invalid > 0 ? ExitCodes.Failed : ExitCodes.Ok;
    }

    private static string JsonLine(FileResult result, bool strict)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, Json))
        {
            w.WriteStartObject();
            w.WriteString("file", result.File);
            w.WriteBoolean("valid", result.Report?.IsValid(strict) ?? false);
            w.WriteStartArray("meldingen");
            if (result.Report is { } report)
                foreach (var m in report.Meldingen) Write(w, m.Type.ToString(), m.Code, m.Locatie, m.Regel, m.Kolom, m.Tekst);
            else
                Write(w, "Fout", "BESTAND.Onleesbaar", "", 0, 0, "Het bestand kan niet worden gelezen: " + result.Unreadable);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);

        static void Write(Utf8JsonWriter w, string type, string code, string locatie, int regel, int kolom, string tekst)
        {
            w.WriteStartObject();
            w.WriteString("type", type);
            w.WriteString("code", code);
            w.WriteString("locatie", locatie);
            w.WriteNumber("regel", regel);
            w.WriteNumber("kolom", kolom);
            w.WriteString("tekst", tekst);
            w.WriteEndObject();
        }
    }

    private static void PrintText(TextWriter output, FileResult result, bool strict)
    {
        if (result.Report is not { } report)
        {
            output.WriteLine($"ONLEESBAAR {result.File}: {result.Unreadable}");
            return;
        }
        var verdict = report.IsValid(strict) ? "GELDIG   " : "ONGELDIG ";
        var counts = report.Meldingen.Count == 0 ? "" : $" ({Count(report.Fouten, "fout", "fouten")}, {Count(report.Waarschuwingen, "waarschuwing", "waarschuwingen")})";
        output.WriteLine($"{verdict} {result.File}{counts}");
        foreach (var m in report.Meldingen)
        {
            var position = m.Regel > 0 ? $" ({m.Regel}:{m.Kolom})" : "";
            output.WriteLine($"  {m.Type,-12} {m.Code}  {(m.Locatie.Length > 0 ? m.Locatie : "(document)")}{position}");
            output.WriteLine($"               {m.Tekst}");
        }
    }

    private static string Count(int n, string one, string many) => $"{n} {(n == 1 ? one : many)}";
}
