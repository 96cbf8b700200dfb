using System.Collections;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Oso.Central;
using Oso.Hosting.Configuration;
using Oso.Hosting.Logging;
using Oso.School;

namespace Oso.Cli.Tests.Hosting;

/// <summary>Settings from a JSON file, OSO_ environment variables and flags: every property bound, flags win, problems named in Dutch.</summary>
public sealed class SettingsBinderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("oso-settings-").FullName;

    private string File(string name, object content)
    {
        var path = Path.Combine(_root, name);
        System.IO.File.WriteAllText(path, content as string ?? JsonSerializer.Serialize(content));
        return path;
    }

    public static TheoryData<Type> Options => new() { typeof(CentralOptions), typeof(SchoolOptions) };

    [Theory]
    [MemberData(nameof(Options))]
    public void Every_setting_of_the_options_class_is_read_from_the_file(Type type)
    {
        // a value unlike the default for every setting (new properties are covered without touching this test)
        var defaults = type == typeof(CentralOptions) ? (object)new CentralOptions { DataDirectory = "x" } : new SchoolOptions();
        var values = new Dictionary<string, object>();
        var expected = new Dictionary<string, object?>();
        foreach (var setting in Setting.Of(type))
        {
            var current = setting.Path.Aggregate<System.Reflection.PropertyInfo, object?>(defaults, (o, p) => o is null ? null : p.GetValue(o));
            (object json, object? value) = setting.ValueType switch
            {
                var t when setting.IsList => ((object)new[] { "a-" + setting.Key, "b" }, (object?)new[] { "a-" + setting.Key, "b" }),
                var t when t == typeof(string) => ("waarde-" + setting.Key, "waarde-" + setting.Key),
                var t when t == typeof(int) => ((int)current! + 1, (int)current! + 1),
                var t when t == typeof(bool) => (!(current as bool? ?? false), !(current as bool? ?? false)),
                var t when t == typeof(TimeSpan) => (((TimeSpan)current!).Add(TimeSpan.FromSeconds(7)).ToString("c", CultureInfo.InvariantCulture), ((TimeSpan)current!).Add(TimeSpan.FromSeconds(7))),
                var t when t == typeof(Uri) => ("https://voorbeeld.test/" + setting.Property.Name, new Uri("https://voorbeeld.test/" + setting.Property.Name)),
                var t when t == typeof(IPAddress) => ("10.1.2.3", IPAddress.Parse("10.1.2.3")),
                var t when t.IsEnum => (Enum.GetNames(t).First(n => !Equals(Enum.Parse(t, n), current)), Enum.Parse(t, Enum.GetNames(t).First(n => !Equals(Enum.Parse(t, n), current)))),
                _ => throw new InvalidOperationException("No test value for " + setting.ValueType),
            };
            Nest(values, setting.Key.Split(':'), json);
            expected[setting.Key] = value;
        }
        var file = File("all.json", values);

        var bound = typeof(SettingsBinder).GetMethod(nameof(SettingsBinder.Bind))!.MakeGenericMethod(type)
            .Invoke(new SettingsBinder().AddJsonFile(file), [defaults, false])!;

        foreach (var setting in Setting.Of(type))
        {
            var actual = setting.Path.Aggregate(bound, (o, p) => p.GetValue(o)!);
            if (actual is IEnumerable list and not string) Assert.Equal((IEnumerable<string>)expected[setting.Key]!, list.Cast<string>());
            else Assert.True(Equals(expected[setting.Key], actual), $"{setting.Key}: expected {expected[setting.Key]}, got {actual}");
        }
    }

    [Fact]
    public void A_flag_wins_over_the_environment_which_wins_over_the_file()
    {
        var file = File("school.json", new { PortalPort = 7500, ProtocolPort = 7501, Mail = new { SmtpHost = "smtp.bestand.test", SmtpPort = 2525 }, TrustAnchors = new[] { "a.pem", "b.pem" } });
        var environment = new Hashtable { ["OSO_ProtocolPort"] = "7601", ["OSO_Mail__SmtpHost"] = "smtp.omgeving.test", ["OSO_PATH_SOMETHING"] = "ignored" };

        var options = new SettingsBinder().AddJsonFile(file).AddEnvironment(environment)
            .AddValues([("ProtocolPort", "7701", "--protocol-port"), ("TrustAnchors:0", "c.pem", "--trust-anchor")])
            .Bind(new SchoolOptions(), validate: false);

        Assert.Equal(7500, options.PortalPort);
        Assert.Equal(7701, options.ProtocolPort);
        Assert.Equal("smtp.omgeving.test", options.Mail.SmtpHost);
        Assert.Equal(2525, options.Mail.SmtpPort);
        Assert.Equal(["c.pem"], options.TrustAnchors); // a list from a flag replaces the file's whole list
        Assert.Equal(587, new SchoolOptions().Mail.SmtpPort); // the defaults are not changed
    }

    [Fact]
    public void Every_problem_names_its_setting_and_where_the_value_came_from()
    {
        var file = File("fout.json", new { PortalPort = "zeventien", Mail = new { SmtpHots = "x" }, LogFormat = "xml" });
        var environment = new Hashtable { ["OSO_TrafficCenterUrl"] = "http://tc.example.nl/oso/tc", ["OSO_Telemetry__MetricsNetwerken"] = "10.0.0.0/8" };

        var e = Assert.Throws<SettingsException>(() => new SettingsBinder().AddJsonFile(file).AddEnvironment(environment)
            .AddValues([("BindAddress", "iedereen", "--bind")]).Bind(new SchoolOptions()));

        Assert.Contains(e.Problems, p => p.StartsWith("PortalPort: 'zeventien' is geen geheel getal", StringComparison.Ordinal) && p.Contains(file, StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("LogFormat: 'xml' is niet een van: Text, Json", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("BindAddress: 'iedereen' is geen IP-adres", StringComparison.Ordinal) && p.Contains("--bind", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("Onbekende instelling 'Mail:SmtpHots'", StringComparison.Ordinal) && p.Contains(file, StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("Onbekende instelling 'Telemetry:MetricsNetwerken'", StringComparison.Ordinal) && p.Contains("OSO_Telemetry__MetricsNetwerken", StringComparison.Ordinal));
    }

    [Fact]
    public void Checks_after_binding_name_the_setting_and_its_source()
    {
        var environment = new Hashtable { ["OSO_TrafficCenterUrl"] = "http://tc.example.nl/oso/tc", ["OSO_Outbox__MaxAttempts"] = "0" };

        var e = Assert.Throws<SettingsException>(() => new SettingsBinder().AddEnvironment(environment).Bind(new SchoolOptions()));

        Assert.Contains(e.Problems, p => p.StartsWith("TrafficCenterUrl: 'http://tc.example.nl/oso/tc' is geen https-adres", StringComparison.Ordinal)
            && p.Contains("omgevingsvariabele OSO_TrafficCenterUrl", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("Outbox:MaxAttempts: moet minstens 1 zijn", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("SystemCertificate: ontbreekt", StringComparison.Ordinal));
    }

    [Fact]
    public void A_secret_comes_from_its_file_and_is_never_repeated_in_a_message()
    {
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var keyFile = File("master.key", key + "\n");
        var ok = new SettingsBinder().AddValues([("MasterKeyFile", keyFile, "--master-key-file")]).Bind(new SchoolOptions(), validate: false);
        Assert.Equal(key, ok.MasterKey);

        var wrong = File("wrong.key", "geheim-dat-niet-mag-lekken");
        var e = Assert.Throws<SettingsException>(() => new SettingsBinder().AddValues([("MasterKeyFile", wrong, "--master-key-file")])
            .Bind(new SchoolOptions()));
        Assert.Contains(e.Problems, p => p.StartsWith("MasterKey: is geen sleutel van 32 bytes", StringComparison.Ordinal));
        Assert.DoesNotContain("geheim-dat-niet-mag-lekken", e.Problems.First(p => p.StartsWith("MasterKey", StringComparison.Ordinal)));

        var missing = Assert.Throws<SettingsException>(() => new SettingsBinder().AddValues([("DatabaseFile", Path.Combine(_root, "nergens"), "x")]).Bind(new SchoolOptions(), validate: false));
        Assert.Contains(missing.Problems, p => p.StartsWith("DatabaseFile: het bestand", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Serve_with_a_wrong_configuration_file_exits_2_and_names_the_setting_and_the_file()
    {
        var file = File("school.json", new { TrafficCenterUrl = "https://127.0.0.1:9/oso/tc", PortalPort = 99999, LogFormat = "Json" });

        var (code, _, error) = await CliRunner.RunAsync("school", "serve", "--config", file, "--data", Path.Combine(_root, "school"));

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("PortalPort: 99999 is geen poort", error);
        Assert.Contains(file, error);
        Assert.Contains("SystemCertificate: ontbreekt", error);
        Assert.False(Directory.Exists(Path.Combine(_root, "school")), "nothing is created");
        Assert.Equal(LogFormat.Json, new SettingsBinder().AddJsonFile(file).Bind(new SchoolOptions(), validate: false).LogFormat);
    }

    private static void Nest(Dictionary<string, object> into, string[] path, object value)
    {
        if (path.Length == 1)
        {
            into[path[0]] = value;
            return;
        }
        if (!into.TryGetValue(path[0], out var child)) into[path[0]] = child = new Dictionary<string, object>();
        Nest((Dictionary<string, object>)child, path[1..], value);
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
