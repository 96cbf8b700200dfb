using System.Globalization;
using System.Net;
using System.Reflection;

namespace Oso.Hosting.Configuration;

/// <summary>
/// One setting of an options class: its key (sections joined by a colon, e.g. <c>Mail:SmtpHost</c>; in an environment
/// variable <c>OSO_Mail__SmtpHost</c>), the property it sets and whether it is a secret. Every public settable property
/// of an options class is a setting, found by reflection, unless it is a delegate, a writer, a clock or marked
/// <see cref="CodeOnlyAttribute"/>; a property of another type fails loudly, so no setting is silently left unbound.
/// </summary>
/// <param name="Key">The key.</param>
/// <param name="Path">The properties from the options class down to this one.</param>
public sealed record Setting(string Key, IReadOnlyList<PropertyInfo> Path)
{
    /// <summary>The property this setting sets.</summary>
    public PropertyInfo Property => Path[^1];

    /// <summary>True for a secret (<see cref="SecretAttribute"/>).</summary>
    public bool Secret => Property.IsDefined(typeof(SecretAttribute));

    /// <summary>The value type (the underlying type of a nullable).</summary>
    public Type ValueType => Nullable.GetUnderlyingType(Property.PropertyType) ?? Property.PropertyType;

    /// <summary>True for a list of texts.</summary>
    public bool IsList => ValueType == typeof(IReadOnlyList<string>) || ValueType == typeof(string[]) || ValueType == typeof(List<string>);

    /// <summary>Every setting of an options class, depth first, in declaration order.</summary>
    public static IReadOnlyList<Setting> Of(Type optionsType)
    {
        ArgumentNullException.ThrowIfNull(optionsType);
        var settings = new List<Setting>();
        Collect(optionsType, "", [], settings);
        return settings;
    }

    /// <summary>The properties of a type that are code only (documented separately), with the reason.</summary>
    public static IEnumerable<(string Name, string Reason)> CodeOnly(Type optionsType)
    {
        ArgumentNullException.ThrowIfNull(optionsType);
        foreach (var p in Settable(optionsType))
        {
            if (p.GetCustomAttribute<CodeOnlyAttribute>() is { } marked) yield return (p.Name, marked.Reason);
            else if (IsCodeOnlyType(p.PropertyType)) yield return (p.Name, "code (" + p.PropertyType.Name + ")");
        }
    }

    /// <summary>Formats a value as it is written in a configuration file (invariant culture).</summary>
    public static string? Format(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable<string> list => "[" + string.Join(", ", list) + "]",
        _ => value.ToString(),
    };

    private static void Collect(Type type, string prefix, IReadOnlyList<PropertyInfo> path, List<Setting> settings)
    {
        foreach (var property in Settable(type))
        {
            if (property.IsDefined(typeof(CodeOnlyAttribute)) || IsCodeOnlyType(property.PropertyType)) continue;
            var key = prefix + property.Name;
            IReadOnlyList<PropertyInfo> here = [.. path, property];
            if (IsNested(property.PropertyType))
            {
                Collect(property.PropertyType, key + ":", here, settings);
                continue;
            }
            var setting = new Setting(key, here);
            if (!Scalar(setting.ValueType) && !setting.IsList)
                throw new NotSupportedException($"{type.Name}.{property.Name} ({property.PropertyType.Name}) is geen instelling die uit een configuratiebestand kan komen: geef het type een conversie in SettingsBinder of markeer het met [CodeOnly].");
            settings.Add(setting);
        }
    }

    private static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .OrderBy(p => p.MetadataToken);

    internal static bool Scalar(Type type) =>
        type == typeof(string) || type == typeof(int) || type == typeof(long) || type == typeof(double) || type == typeof(bool)
        || type == typeof(TimeSpan) || type == typeof(Uri) || type == typeof(IPAddress) || type.IsEnum;

    private static bool IsCodeOnlyType(Type type) =>
        typeof(Delegate).IsAssignableFrom(type) || typeof(TextWriter).IsAssignableFrom(type) || typeof(TimeProvider).IsAssignableFrom(type)
        || typeof(IServiceProvider).IsAssignableFrom(type);

    // a section: an options record of our own (Mail, Outbox, Telemetry) with a parameterless constructor
    private static bool IsNested(Type type) =>
        type.IsClass && type != typeof(string) && type.Namespace?.StartsWith("Oso.", StringComparison.Ordinal) == true
        && type.GetConstructor(Type.EmptyTypes) is not null;
}
