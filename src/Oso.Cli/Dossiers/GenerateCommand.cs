using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Oso.Dossier;
using Oso.Synthetic;
using Spectre.Console;

namespace Oso.Cli.Dossiers;

/// <summary>
/// <c>oso dossier generate --profile P [--brin BRIN [--vestiging NN]] [--count N] [--attachment-size SIZE] [--seed N] [--date yyyy-mm-dd] [--opt-out] -o DIR</c>:
/// synthetic dossiers of one school, officially valid, the same for the same seed and date; with --brin they are that
/// school's, so they fit a real school on a node.
/// </summary>
internal static partial class GenerateCommand
{
    private const long MaxAttachmentSize = 512L * 1024 * 1024;

    public static Command Create(CliContext context)
    {
        var profile = new Option<string>("--profile", "-p")
        {
            Description = "Het profiel: POPO, POVO, VOVO, BB (overdracht binnen BRIN), POSWV of VOSWV.",
            Required = true,
        };
        var count = new Option<int>("--count", "-n") { Description = "Aantal dossiers (leerlingen van één school).", DefaultValueFactory = _ => 1 };
        var size = new Option<string>("--attachment-size")
        {
            Description = "Grootte van elke bijlage (een ZIP-bestand), bijvoorbeeld 0 (geen bijlagen), 150KB of 2MB.",
            DefaultValueFactory = _ => "16KB",
        };
        var seed = new Option<int>("--seed") { Description = "Startgetal: dezelfde seed en datum geven dezelfde dossiers.", DefaultValueFactory = _ => 1 };
        var date = new Option<string?>("--date") { Description = "Datum van de dossiers (jjjj-mm-dd); leeftijden en toetsdata volgen daaruit. Standaard: vandaag." };
        var optOut = new Option<bool>("--opt-out") { Description = "Zet alle optionele categorieën uit (OPT-UIT): alleen wat het profiel verplicht stelt." };
        var output = new Option<string>("--output", "-o") { Description = "De map voor de dossiers (wordt aangemaakt).", Required = true };
        var brin = new Option<string?>("--brin") { Description = "Het BRIN van de school van de dossiers (twee cijfers en twee hoofdletters, zoals 91PO). Standaard: een verzonnen school." };
        var vestiging = new Option<string?>("--vestiging") { Description = "De vestigingscode bij --brin (twee cijfers). Standaard: 00." };
        var command = new Command("generate", "Maak synthetische, officieel geldige overstapdossiers van één school (testgegevens, geen echte leerlingen).")
        {
            profile, brin, vestiging, count, size, seed, date, optOut, output,
        };
        command.SetAction((parse, ct) => Task.FromResult(Run(context, parse.GetValue(profile)!, parse.GetValue(count), parse.GetValue(size)!,
            parse.GetValue(seed), parse.GetValue(date), parse.GetValue(optOut), parse.GetValue(output)!, (parse.GetValue(brin), parse.GetValue(vestiging)), ct)));
        return command;
    }

    private static int Run(CliContext context, string profileName, int count, string sizeText, int seed, string? dateText, bool optOut, string directory,
        (string? Brin, string? Vestiging) school, CancellationToken ct)
    {
        if (!SyntheticProfile.TryParse(profileName, out var profile))
            return Usage(context, $"onbekend profiel '{profileName}'; kies uit {string.Join(", ", SyntheticProfile.All.Select(p => p.Name))}.");
        if (count < 1)
            return Usage(context, "--count moet minstens 1 zijn.");
        if (!TryParseSize(sizeText, out var attachmentSize))
            return Usage(context, $"'{sizeText}' is geen geldige bijlagegrootte; gebruik bijvoorbeeld 0, 512, 150KB of 2MB (hoogstens 512MB).");
        DateOnly date;
        if (dateText is null)
            date = DateOnly.FromDateTime(context.Time.GetLocalNow().DateTime);
        else if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            return Usage(context, $"'{dateText}' is geen datum; gebruik jjjj-mm-dd, bijvoorbeeld 2026-03-20.");

        if (school.Vestiging is not null && school.Brin is null)
            return Usage(context, "--vestiging hoort bij --brin: geef ook het BRIN van de school op.");
        if (school.Brin is not null && !Dossier.Identifiers.Brin.TryParse(school.Brin, out _))
            return Usage(context, $"'{school.Brin}' is geen BRIN: twee cijfers en twee hoofdletters, zoals 91PO.");
        if (school.Vestiging is not null && !Dossier.Identifiers.Vestiging.TryParse(school.Vestiging, out _))
            return Usage(context, $"'{school.Vestiging}' is geen vestigingscode: twee cijfers, zoals 00.");

        var options = new SyntheticOptions { AttachmentSize = attachmentSize, OptOut = optOut };
        if (school.Brin is not null)
            options = options with
            {
                School = SyntheticDossiers.CreateSchool(profile, seed) with { Brincode = school.Brin, Vestigingscode = school.Vestiging ?? "00" },
            };
        var width = Math.Max(4, count.ToString(CultureInfo.InvariantCulture).Length);
        try
        {
            Directory.CreateDirectory(directory);
            var dossiers = SyntheticDossiers.Many(profile, count, seed, date, options);
            if (context.ErrorIsTerminal && count >= 20)
            {
                var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Error) });
                console.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                    .Start(progress =>
                    {
                        var task = progress.AddTask("Genereren", maxValue: count);
                        WriteAll(dossiers, profile, directory, width, () => task.Increment(1), ct);
                    });
            }
            else
            {
                WriteAll(dossiers, profile, directory, width, null, ct);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"oso: kan niet schrijven in '{directory}': {ex.Message}");
            return ExitCodes.Failed;
        }

        var attachments = attachmentSize == 0 ? "zonder bijlagen" : $"bijlagen van {sizeText.Trim()}";
        var of = school.Brin is null ? "" : $" van BRIN {school.Brin} vestiging {school.Vestiging ?? "00"}";
        context.Out.WriteLine($"{count} {(count == 1 ? "dossier" : "dossiers")} {profile.Name}{of} geschreven naar {directory} (seed {seed}, datum {date:yyyy-MM-dd}, {attachments}{(optOut ? ", opt-out" : "")}).");
        return ExitCodes.Ok;
    }

    /// <summary>Each file written whole or not at all (temporary file, then renamed).</summary>
    private static void WriteAll(IEnumerable<Dossier.Model.Dossier> dossiers, SyntheticProfile profile, string directory, int width, Action? tick, CancellationToken ct)
    {
        var i = 0;
        foreach (var dossier in dossiers)
        {
            ct.ThrowIfCancellationRequested();
            var path = Path.Combine(directory, $"{profile.Name}-{(++i).ToString(CultureInfo.InvariantCulture).PadLeft(width, '0')}.xml");
            var temporary = path + ".tmp";
            DossierWriter.Write(dossier, temporary);
            File.Move(temporary, path, overwrite: true);
            tick?.Invoke();
        }
    }

    /// <summary>Bytes from <c>0</c>, <c>512</c>, <c>512B</c>, <c>150KB</c>, <c>1,5MB</c> or <c>2 MiB</c> (binary units).</summary>
    internal static bool TryParseSize(string text, out long bytes)
    {
        bytes = 0;
        var match = SizePattern().Match(text);
        if (!match.Success) return false;
        var number = decimal.Parse(match.Groups["n"].Value.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        var factor = match.Groups["u"].Value.ToUpperInvariant() switch
        {
            "" or "B" => 1L,
            "K" or "KB" or "KIB" => 1024L,
            _ => 1024L * 1024,
        };
        if (number * factor > MaxAttachmentSize) return false;
        bytes = (long)Math.Round(number * factor, MidpointRounding.AwayFromZero);
        return true;
    }

    [GeneratedRegex(@"^\s*(?<n>\d{1,9}(?:[.,]\d{1,3})?)\s*(?<u>B|K|KB|KIB|M|MB|MIB)?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SizePattern();

    private static int Usage(CliContext context, string message)
    {
        context.Error.WriteLine("oso: " + message);
        return ExitCodes.Usage;
    }
}
