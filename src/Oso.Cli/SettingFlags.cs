using System.CommandLine;
using System.Globalization;
using Oso.Hosting.Configuration;

namespace Oso.Cli;

/// <summary>
/// The flags of a command that set a host's settings: each flag names its setting's key, and only flags given on the
/// command line count, so they win over the configuration file (<c>--config</c>) and <c>OSO_</c> environment variables
/// without hiding them behind a default. Problems name the flag they came from.
/// </summary>
internal sealed class SettingFlags
{
    private readonly List<(Option Option, Func<ParseResult, IEnumerable<(string Key, string Value)>> Values)> _flags = [];

    /// <summary><c>--config FILE</c>.</summary>
    public Option<string?> Config { get; } = new("--config")
    {
        Description = "Een configuratiebestand (JSON) met de instellingen (zie docs/configuration.md); omgevingsvariabelen OSO_… en opties gaan voor.",
    };

    /// <summary>Adds <see cref="Config"/> and every mapped flag to <paramref name="command"/>.</summary>
    public Command AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Config);
        foreach (var (option, _) in _flags)
            if (!command.Options.Contains(option)) command.Options.Add(option);
        return command;
    }

    /// <summary>A flag that sets <paramref name="key"/> to its value (formatted invariantly, or by <paramref name="format"/>).</summary>
    public Option<T> Map<T>(Option<T> option, string key, Func<T, string>? format = null)
    {
        _flags.Add((option, parse => [(key, format is null ? Setting.Format(parse.GetValue(option)) ?? "" : format(parse.GetValue(option)!))]));
        return option;
    }

    /// <summary>A repeatable flag that sets the list <paramref name="key"/> (replacing a list from the file or the environment).</summary>
    public Option<string[]> MapList(Option<string[]> option, string key)
    {
        _flags.Add((option, parse => (parse.GetValue(option) ?? []).Select((v, i) => ($"{key}:{i}", v))));
        return option;
    }

    /// <summary>The settings given on the command line, with the flag that gave each.</summary>
    public IEnumerable<(string Key, string Value, string Where)> Given(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        foreach (var (option, values) in _flags)
        {
            if (parse.GetResult(option) is not { Implicit: false }) continue;
            foreach (var (key, value) in values(parse)) yield return (key, value, option.Name);
        }
    }

    /// <summary>
    /// Binds <typeparamref name="T"/>: the defaults, then the configuration file, <paramref name="extra"/> (e.g. a
    /// variable kept for compatibility), <c>OSO_</c> environment variables, and the flags given.
    /// </summary>
    public T Bind<T>(ParseResult parse, T defaults, bool validate = true, IEnumerable<(string Key, string Value, string Where)>? extra = null) where T : class
    {
        ArgumentNullException.ThrowIfNull(parse);
        var binder = new SettingsBinder();
        if (parse.GetValue(Config) is { } file) binder.AddJsonFile(file);
        if (extra is not null) binder.AddValues(extra);
        binder.AddEnvironment();
        binder.AddValues(Given(parse));
        return binder.Bind(defaults, validate);
    }

    /// <summary>Hours as a setting's time span.</summary>
    public static string Hours(int hours) => TimeSpan.FromHours(hours).ToString("c", CultureInfo.InvariantCulture);
}
