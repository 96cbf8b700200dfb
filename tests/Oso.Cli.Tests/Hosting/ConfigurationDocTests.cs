using System.Net;
using Oso.Central;
using Oso.Hosting.Configuration;
using Oso.School;

namespace Oso.Cli.Tests.Hosting;

/// <summary>docs/configuration.md lists every setting of the options classes, with its default, and nothing else.</summary>
public sealed class ConfigurationDocTests
{
    private static readonly string Doc = File.ReadAllText(Path.Combine(Repository(), "docs", "configuration.md"));

    public static TheoryData<string, Type> Sections => new()
    {
        { "## Central", typeof(CentralOptions) },
        { "## School node", typeof(SchoolOptions) },
    };

    [Theory]
    [MemberData(nameof(Sections))]
    public void Every_setting_has_a_row_and_every_row_a_setting(string section, Type options)
    {
        var rows = Rows(section).Keys.ToHashSet(StringComparer.Ordinal);
        var settings = Setting.Of(options).Select(s => s.Key).ToHashSet(StringComparer.Ordinal);

        Assert.True(settings.Except(rows).ToList() is [], $"{section}: settings without a row in docs/configuration.md: {string.Join(", ", settings.Except(rows))}");
        Assert.True(rows.Except(settings).ToList() is [], $"{section}: rows without a setting: {string.Join(", ", rows.Except(settings))}");
    }

    [Theory]
    [MemberData(nameof(Sections))]
    public void The_documented_default_of_every_number_switch_duration_and_choice_is_the_real_one(string section, Type options)
    {
        var defaults = options == typeof(CentralOptions) ? (object)new CentralOptions { DataDirectory = "x" } : new SchoolOptions();
        var rows = Rows(section);
        foreach (var setting in Setting.Of(options).Where(s => s.ValueType == typeof(int) || s.ValueType == typeof(bool) && Nullable.GetUnderlyingType(s.Property.PropertyType) is null
                     || s.ValueType == typeof(TimeSpan) || s.ValueType.IsEnum || s.ValueType == typeof(IPAddress)))
        {
            var value = setting.Path.Aggregate(defaults, (owner, p) => p.GetValue(owner)!);
            Assert.True(rows[setting.Key].Contains($"`{Setting.Format(value)}`", StringComparison.Ordinal),
                $"{setting.Key}: the default is {Setting.Format(value)}, the doc says {rows[setting.Key]}");
        }
    }

    [Theory]
    [MemberData(nameof(Sections))]
    public void Every_secret_says_so_and_names_its_file_setting(string section, Type options)
    {
        var rows = Rows(section);
        foreach (var secret in Setting.Of(options).Where(s => s.Secret))
        {
            Assert.Contains("*Secret.*", rows[secret.Key]);
            Assert.Contains($"`{secret.Key}File`", rows[secret.Key]);
        }
    }

    [Theory]
    [InlineData("central.example.json", typeof(CentralOptions))]
    [InlineData("school.example.json", typeof(SchoolOptions))]
    public void The_example_configuration_files_hold_only_settings_with_valid_values(string file, Type options)
    {
        var defaults = options == typeof(CentralOptions) ? (object)new CentralOptions { DataDirectory = "x" } : new SchoolOptions();
        var binder = new SettingsBinder().AddJsonFile(Path.Combine(Repository(), "deploy", file));
        var e = Record.Exception(() => typeof(SettingsBinder).GetMethod(nameof(SettingsBinder.Bind))!.MakeGenericMethod(options).Invoke(binder, [defaults, false]));

        // the secrets' files (/run/credentials/…) exist only on a real host: every other problem is a mistake in the example
        var problems = (e?.InnerException as SettingsException)?.Problems ?? [];
        Assert.True(problems.All(p => p.Contains("File: het bestand /run/credentials/", StringComparison.Ordinal)), string.Join("\n", problems));
    }

    /// <summary>The rows of a section's table: key → default cell.</summary>
    private static Dictionary<string, string> Rows(string section)
    {
        var start = Doc.IndexOf(section, StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/configuration.md has no section '{section}'");
        var end = Doc.IndexOf("\n## ", start + section.Length, StringComparison.Ordinal);
        var text = end < 0 ? Doc[start..] : Doc[start..end];
        return text.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .Select(l => l.Split(" | "))
            .ToDictionary(cells => cells[0].TrimStart('|', ' ').Trim('`'), cells => cells[1] + " | " + cells[2], StringComparer.Ordinal);
    }

    private static string Repository()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "OpenOso.slnx"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("OpenOso.slnx not found above the test output.");
    }
}
