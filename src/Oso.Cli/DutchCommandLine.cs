using System.Collections;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;

namespace Oso.Cli;

/// <summary>
/// Makes System.CommandLine speak Dutch. Its texts come from its own resources, which have no Dutch translation and
/// cannot be given one from outside (a satellite assembly must carry Microsoft's signature), so: the help and version
/// options get Dutch descriptions, placeholders get Dutch names, the help text's headings are translated, and every
/// parse error is matched against the library's own English templates (read from its resources, so a changed wording
/// is noticed by the tests rather than shown in English) and written from a Dutch one.
/// </summary>
internal static partial class DutchCommandLine
{
    // the Dutch text of each of System.CommandLine's resource strings that a user can see
    private static readonly Dictionary<string, string> Errors = new(StringComparer.Ordinal)
    {
        ["ArgumentConversionCannotParse"] = "'{0}' is geen geldige waarde ({1}).",
        ["ArgumentConversionCannotParseForCommand"] = "'{0}' is geen geldige waarde voor het commando '{1}' ({2}).",
        ["ArgumentConversionCannotParseForCommand_Completions"] = "'{0}' is geen geldige waarde voor het commando '{1}' ({2}). Bedoelt u een van deze?{3}",
        ["ArgumentConversionCannotParseForOption"] = "'{0}' is geen geldige waarde voor de optie '{1}' ({2}).",
        ["ArgumentConversionCannotParseForOption_Completions"] = "'{0}' is geen geldige waarde voor de optie '{1}' ({2}). Bedoelt u een van deze?{3}",
        ["CommandRequiredArgumentMissing"] = "Het argument {0} ontbreekt bij het commando '{1}'.",
        ["DirectoryDoesNotExist"] = "De map '{0}' bestaat niet.",
        ["ErrorReadingResponseFile"] = "Het antwoordbestand '{0}' kan niet worden gelezen: {1}",
        ["FileDoesNotExist"] = "Het bestand '{0}' bestaat niet.",
        ["FileOrDirectoryDoesNotExist"] = "Het bestand of de map '{0}' bestaat niet.",
        ["InvalidCharactersInFileName"] = "Het teken '{0}' mag niet in een bestandsnaam.",
        ["InvalidCharactersInPath"] = "Het teken '{0}' mag niet in een pad.",
        ["OptionExpectsOneArgument"] = "De optie '{0}' krijgt één waarde, maar er zijn er {1} opgegeven.",
        ["OptionRequiredArgumentMissing"] = "De optie '{0}' heeft een waarde nodig.",
        ["RequiredCommandWasNotProvided"] = "Geef een commando op.",
        ["RequiredOptionWasNotProvided"] = "De optie '{0}' is verplicht.",
        ["ResponseFileNotFound"] = "Het antwoordbestand '{0}' bestaat niet.",
        ["SuggestionsTokenNotMatched"] = "'{0}' is onbekend. Bedoelt u een van deze?",
        ["UnrecognizedArgument"] = "'{0}' is geen toegestane waarde. Kies uit:{1}",
        ["UnrecognizedCommandOrArgument"] = "Onbekend commando of argument: '{0}'.",
        ["VersionOptionCannotBeCombinedWithOtherArguments"] = "De optie {0} kan niet samen met andere argumenten worden gebruikt.",
    };

    private static readonly (string English, string Dutch)[] HelpLines =
    [
        ("Description:", "Beschrijving:"), ("Usage:", "Gebruik:"), ("Arguments:", "Argumenten:"), ("Options:", "Opties:"),
        ("Commands:", "Commando's:"), ("Additional Arguments:", "Extra argumenten:"),
    ];

    private static readonly Dictionary<string, string> Placeholders = new(StringComparer.Ordinal)
    {
        ["output"] = "UITVOER", ["out"] = "UITVOER", ["profile"] = "PROFIEL", ["count"] = "AANTAL", ["attachment-size"] = "GROOTTE",
        ["seed"] = "GETAL", ["date"] = "DATUM", ["format"] = "VORM", ["xsd"] = "XSD", ["data"] = "MAP", ["database"] = "VERBINDING",
        ["brin"] = "BRIN", ["vestiging"] = "VESTIGING", ["naam"] = "NAAM", ["email"] = "E-MAIL", ["wachtwoord"] = "WACHTWOORD",
        ["systeem"] = "SYSTEEM", ["system"] = "SYSTEEM", ["van"] = "DATUM", ["tot"] = "DATUM", ["sinds"] = "DATUM", ["max"] = "AANTAL",
        ["trust-anchor"] = "PEM", ["server-key"] = "PEM", ["server-cert"] = "PEM", ["system-key"] = "PEM", ["system-cert"] = "PEM",
        ["certificaat"] = "PEM", ["dev-ca"] = "MAP", ["sector"] = "SECTOR", ["rol"] = "ROL", ["protocol-port"] = "POORT",
        ["portal-port"] = "POORT", ["plaats"] = "PLAATS", ["id"] = "ID", ["doel"] = "DOEL", ["bind"] = "ADRES", ["bestuur"] = "BESTUUR",
        ["url"] = "URL", ["traffic-center"] = "URL", ["public-url"] = "URL", ["revocations"] = "URL", ["status"] = "STATUS",
        ["size-kb"] = "KB", ["attachment-mb"] = "MB", ["sessie-uren"] = "UREN", ["scope"] = "BEREIK", ["routeringskenmerk"] = "KENMERK", ["reden"] = "REDEN",
        ["provincie"] = "PROVINCIE", ["gemeente"] = "GEMEENTE", ["leverancier"] = "LEVERANCIER", ["leerlingen"] = "AANTAL",
        ["leerling"] = "ID", ["host"] = "ADRES", ["dagen"] = "DAGEN", ["concurrency"] = "AANTAL", ["master-key-file"] = "BESTAND",
    };

    private static readonly Lazy<List<(string Key, Regex Pattern)>> Templates = new(ReadTemplates);

    /// <summary>Dutch descriptions for the help and version options, and Dutch placeholders, on every command below <paramref name="root"/>.</summary>
    public static void Apply(Command root)
    {
        foreach (var option in root.Options)
        {
            if (option is HelpOption) option.Description = "Toon deze hulp: wat het commando doet, en zijn argumenten en opties.";
            else if (option is VersionOption) option.Description = "Toon de versie.";
        }
        Walk(root);
    }

    private static void Walk(Command command)
    {
        foreach (var option in command.Options)
            if (option.HelpName is null && Placeholders.TryGetValue(option.Name.TrimStart('-'), out var name))
                option.HelpName = name;
        foreach (var sub in command.Subcommands) Walk(sub);
    }

    /// <summary>The help text with Dutch headings and labels.</summary>
    public static string Help(string english)
    {
        var lines = english.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (var (en, nl) in HelpLines)
                if (lines[i] == en) lines[i] = nl;
            lines[i] = lines[i].Replace(" [command]", " [commando]", StringComparison.Ordinal)
                .Replace(" [options]", " [opties]", StringComparison.Ordinal)
                .Replace(" (REQUIRED) ", " (verplicht)", StringComparison.Ordinal).Replace(" (REQUIRED)", " (verplicht)", StringComparison.Ordinal);
            lines[i] = DefaultValue().Replace(lines[i], "[standaard: ${v}]");
        }
        return string.Join('\n', lines);
    }

    /// <summary>A parse error in Dutch.</summary>
    public static string Error(ParseError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        foreach (var (key, pattern) in Templates.Value)
        {
            var match = pattern.Match(error.Message);
            if (!match.Success) continue;
            var values = match.Groups.Cast<Group>().Skip(1).Select(g => (object)TypeName(g.Value)).ToArray();
            return string.Format(CultureInfo.InvariantCulture, Errors[key], values);
        }
        // a message the table does not know yet: say so in Dutch, and keep the library's words as the detail
        return "De opdrachtregel klopt niet (" + error.Message + ")";
    }

    private static string TypeName(string value) => value switch
    {
        "System.Int32" or "System.Int64" => "verwacht: een geheel getal",
        "System.Boolean" => "verwacht: true of false",
        "System.DateOnly" or "System.DateTime" => "verwacht: een datum als jjjj-mm-dd",
        "System.Decimal" or "System.Double" => "verwacht: een getal",
        "System.Guid" => "verwacht: een id",
        "System.IO.FileInfo" => "verwacht: een bestand",
        "System.IO.DirectoryInfo" => "verwacht: een map",
        _ when value.StartsWith("System.", StringComparison.Ordinal) => "verwacht: " + value["System.".Length..],
        _ => value,
    };

    // each English template becomes a pattern: its {n} placeholders match anything (lazily), the rest literally
    private static List<(string, Regex)> ReadTemplates()
    {
        var assembly = typeof(RootCommand).Assembly;
        using var stream = assembly.GetManifestResourceStream("System.CommandLine.Properties.Resources.resources")
            ?? throw new InvalidOperationException("System.CommandLine has no resources: the Dutch messages cannot be matched.");
        using var reader = new ResourceReader(stream);
        var list = new List<(string, Regex)>();
        foreach (DictionaryEntry entry in reader)
        {
            if (entry.Key is not string key || entry.Value is not string text || !Errors.ContainsKey(key)) continue;
            var pattern = "^" + Placeholder().Replace(Regex.Escape(text).Replace("\\{", "{", StringComparison.Ordinal), "(.*?)") + "$";
            list.Add((key, new Regex(pattern, RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))));
        }
        // the longer templates first: "… for option '{1}' …" before "… '{0}' …"
        return list.OrderByDescending(t => t.Item2.ToString().Length).ToList();
    }

    /// <summary>The templates found in System.CommandLine's resources (for a test that every one is translated).</summary>
    internal static IReadOnlyCollection<string> TranslatedTemplates => Templates.Value.Select(t => t.Key).ToList();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\[default: (?<v>[^\]]*)\]")]
    private static partial Regex DefaultValue();
}
