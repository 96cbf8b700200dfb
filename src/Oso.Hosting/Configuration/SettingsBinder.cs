using System.Collections;
using System.Globalization;
using System.Net;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Oso.Hosting.Configuration;

/// <summary>
/// Reads a host's settings from, in rising order of precedence: the defaults in code, a JSON configuration file,
/// environment variables (<c>OSO_</c> + the key with <c>__</c> between sections) and command-line flags. Every problem
/// is collected and reported in Dutch with the setting's key and where its value came from (the file, the variable or
/// the flag); a secret's value is never repeated.
/// </summary>
public sealed class SettingsBinder
{
    /// <summary>The prefix of environment variables that hold settings.</summary>
    public const string EnvironmentPrefix = "OSO_";

    private readonly List<Source> _sources = [];
    private readonly List<string> _problems = [];

    private sealed record Source(IConfiguration Values, Func<string, string> Where, bool Strict);

    /// <summary>Adds a JSON configuration file; unknown keys in it are errors (a typo must not pass unnoticed).</summary>
    public SettingsBinder AddJsonFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            _problems.Add($"Het configuratiebestand {full} bestaat niet.");
            return this;
        }
        try
        {
            var values = new ConfigurationBuilder().AddJsonFile(full, optional: false, reloadOnChange: false).Build();
            _sources.Add(new Source(values, _ => full, Strict: true));
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or IOException or UnauthorizedAccessException)
        {
            _problems.Add($"Het configuratiebestand {full} is niet te lezen als JSON: {(e.InnerException ?? e).Message}");
        }
        return this;
    }

    /// <summary>
    /// Adds environment variables that start with <see cref="EnvironmentPrefix"/> (the process's, or the given ones in
    /// tests). Variables that are no setting are ignored (other tools use the prefix too) unless they name a section of
    /// the options (a typo such as <c>OSO_Mail__SmtpHots</c> is an error).
    /// </summary>
    public SettingsBinder AddEnvironment(IDictionary? variables = null)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in variables ?? Environment.GetEnvironmentVariables())
        {
            var name = (string)entry.Key;
            if (name.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase) && name.Length > EnvironmentPrefix.Length)
                values[name[EnvironmentPrefix.Length..].Replace("__", ":", StringComparison.Ordinal)] = entry.Value as string;
        }
        _sources.Add(new Source(new ConfigurationBuilder().AddInMemoryCollection(values).Build(),
            key => "omgevingsvariabele " + EnvironmentPrefix + key.Replace(":", "__", StringComparison.Ordinal), Strict: false));
        return this;
    }

    /// <summary>Adds values given on the command line: key, value and the flag that gave it (named in messages).</summary>
    public SettingsBinder AddValues(IEnumerable<(string Key, string Value, string Where)> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var list = values.ToList();
        var where = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, _, flag) in list)
        {
            where[key] = flag;
            where[SectionOf(key)] = flag;
        }
        var memory = new ConfigurationBuilder().AddInMemoryCollection(list.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
        _sources.Add(new Source(memory, key => where.GetValueOrDefault(key) ?? where.GetValueOrDefault(SectionOf(key)) ?? "de opdrachtregel", Strict: true));
        return this;
    }

    /// <summary>
    /// Binds every setting of <typeparamref name="T"/> onto a copy of <paramref name="defaults"/> and, unless
    /// <paramref name="validate"/> is false (admin commands need only the data settings), validates the result
    /// (<see cref="IValidatedSettings"/>). Throws <see cref="SettingsException"/> with every problem.
    /// </summary>
    public T Bind<T>(T defaults, bool validate = true) where T : class
    {
        ArgumentNullException.ThrowIfNull(defaults);
        var problems = new List<string>(_problems);
        var settings = Setting.Of(typeof(T));
        var result = (T)Copy(defaults);
        foreach (var setting in settings) BindOne(result, setting, problems);
        problems.AddRange(UnknownKeys(settings));
        if (validate && problems.Count == 0 && result is IValidatedSettings validated)
        {
            foreach (var p in validated.Problems())
            {
                var from = LastWith(p.Key) ?? LastWith(p.Key + "File");
                problems.Add(from is null ? $"{p.Key}: {p.Problem}" : $"{p.Key}: {p.Problem} (uit {from.Where(from.Values[p.Key] is null ? p.Key + "File" : p.Key)})");
            }
        }
        if (problems.Count > 0) throw new SettingsException(problems);
        return result;
    }

    private void BindOne(object target, Setting setting, List<string> problems)
    {
        var key = setting.Key;
        var source = setting.IsList ? LastWithList(key) : LastWith(key);
        var fileSource = setting.Secret ? LastWith(key + "File") : null;
        if (fileSource is not null && (source is null || _sources.IndexOf(fileSource) > _sources.IndexOf(source)))
        {
            var file = fileSource.Values[key + "File"]!;
            try
            {
                Set(target, setting, File.ReadAllText(file).Trim());
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add($"{key}File: het bestand {file} is niet te lezen ({e.GetType().Name}) (uit {fileSource.Where(key + "File")}).");
            }
            return;
        }
        if (source is null) return;
        if (setting.IsList)
        {
            var section = source.Values.GetSection(key);
            var items = section.Value is { } single
                ? [single]
                : section.GetChildren().OrderBy(c => int.TryParse(c.Key, out var i) ? i : int.MaxValue).Select(c => c.Value ?? "").ToList();
            Set(target, setting, items);
            return;
        }
        var text = source.Values[key]!;
        if (Convert(text, setting.ValueType, out var value)) Set(target, setting, value);
        else problems.Add($"{key}: {(setting.Secret ? "de waarde" : $"'{text}'")} is {Expected(setting.ValueType)} (uit {source.Where(key)}).");
    }

    private Source? LastWith(string key) => _sources.LastOrDefault(s => s.Values[key] is not null);

    private Source? LastWithList(string key) =>
        _sources.LastOrDefault(s => s.Values.GetSection(key) is var section && (section.Value is not null || section.GetChildren().Any()));

    private IEnumerable<string> UnknownKeys(IReadOnlyList<Setting> settings)
    {
        var known = new HashSet<string>(settings.Select(s => s.Key), StringComparer.OrdinalIgnoreCase);
        known.UnionWith(settings.Where(s => s.Secret).Select(s => s.Key + "File"));
        var lists = settings.Where(s => s.IsList).Select(s => s.Key + ":").ToList();
        var sections = new HashSet<string>(settings.Where(s => s.Path.Count > 1).Select(s => s.Path[0].Name), StringComparer.OrdinalIgnoreCase);
        foreach (var source in _sources)
        {
            foreach (var (key, value) in source.Values.AsEnumerable())
            {
                if (value is null || known.Contains(key) || lists.Any(l => key.StartsWith(l, StringComparison.OrdinalIgnoreCase))) continue;
                if (source.Strict || sections.Contains(SectionOf(key)) && key.Contains(':', StringComparison.Ordinal))
                    yield return $"Onbekende instelling '{key}' (in {source.Where(key)}).";
            }
        }
    }

    private static string SectionOf(string key) => key.Split(':')[0];

    private static void Set(object target, Setting setting, object? value)
    {
        // walk down the sections, copying each (options are immutable records), and set the leaf
        var owner = target;
        foreach (var section in setting.Path.SkipLast(1))
        {
            var current = section.GetValue(owner) ?? Activator.CreateInstance(section.PropertyType)!;
            var copy = Copy(current);
            section.SetValue(owner, copy);
            owner = copy;
        }
        if (setting.IsList && value is List<string> items)
            value = setting.ValueType == typeof(string[]) ? items.ToArray() : items;
        setting.Property.SetValue(owner, value);
    }

    private static readonly MethodInfo ShallowCopy = typeof(object).GetMethod(nameof(MemberwiseClone), BindingFlags.Instance | BindingFlags.NonPublic)!;

    private static object Copy(object value) => ShallowCopy.Invoke(value, null)!;

    private static bool Convert(string text, Type type, out object? value)
    {
        value = null;
        var trimmed = text.Trim();
        if (type == typeof(string))
        {
            value = text;
            return true;
        }
        if (trimmed.Length == 0) return type == typeof(Uri) || type == typeof(IPAddress) ? true : false;
        bool ok;
        (ok, value) = type switch
        {
            _ when type == typeof(int) => (int.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i), (object)i),
            _ when type == typeof(long) => (long.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l), l),
            _ when type == typeof(double) => (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var d), d),
            _ when type == typeof(bool) => (bool.TryParse(trimmed, out var b), b),
            _ when type == typeof(TimeSpan) => (TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out var t), t),
            _ when type == typeof(Uri) => (Uri.TryCreate(trimmed, UriKind.Absolute, out var u), u),
            _ when type == typeof(IPAddress) => (IPAddress.TryParse(trimmed, out var a), a),
            _ when type.IsEnum => (Enum.TryParse(type, trimmed, ignoreCase: true, out var e) && Enum.IsDefined(type, e!) && !char.IsAsciiDigit(trimmed[0]), e),
            _ => (false, null),
        };
        return ok;
    }

    private static string Expected(Type type) => type switch
    {
        _ when type == typeof(int) || type == typeof(long) => "geen geheel getal",
        _ when type == typeof(double) => "geen getal",
        _ when type == typeof(bool) => "niet true of false",
        _ when type == typeof(TimeSpan) => "geen tijdsduur (dagen.uren:minuten:seconden, bijvoorbeeld 30.00:00:00 of 00:15:00)",
        _ when type == typeof(Uri) => "geen https-adres (een volledig adres, bijvoorbeeld https://tc.example.nl/oso/tc)",
        _ when type == typeof(IPAddress) => "geen IP-adres",
        _ when type.IsEnum => "niet een van: " + string.Join(", ", Enum.GetNames(type)),
        _ => "ongeldig",
    };
}
