using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Oso.Cli.Tests.Central;

namespace Oso.Cli.Tests.School;

/// <summary><c>oso school serve</c> and the master key, as a LAS vendor runs them from the command line.</summary>
public sealed class SchoolServeTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("oso-school-cli-").FullName;

    private string Data => Path.Combine(_root, "school");

    private string KeyFile(string name)
    {
        var path = Path.Combine(_root, name);
        if (!File.Exists(path)) File.WriteAllText(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        return path;
    }

    [Fact]
    public async Task The_node_starts_from_the_command_line_serves_its_health_over_tls_and_stops_on_cancel()
    {
        var central = Path.Combine(_root, "central");
        var certs = Path.Combine(_root, "certs");
        foreach (var command in new[]
        {
            new[] { "central", "system", "add", "--id", "las-voorbeeld", "--naam", "Voorbeeld-LAS", "--leverancier", "Voorbeeld BV", "--data", central },
            ["central", "cert", "issue", "--system", "las-voorbeeld", "-o", certs, "--data", central],
            ["school", "add", "12AB", "--naam", "De Regenboog", "--sector", "PO", "--data", Data, "--master-key-file", KeyFile("k1")],
        })
        {
            var (code, _, error) = await CliRunner.RunAsync(command);
            Assert.True(code == ExitCodes.Ok, $"{string.Join(' ', command)}: {error}");
        }

        using var output = new LockedWriter();
        using var error2 = new StringWriter();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var serve = OsoCli.RunAsync(
        [
            "school", "serve", "--data", Data, "--master-key-file", KeyFile("k1"), "--portal-port", "0", "--protocol-port", "0",
            "--traffic-center", "https://localhost:1/oso/tc", "--revocations", "https://localhost:1/api/certificaten/ingetrokken",
            "--system-cert", Path.Combine(certs, "las-voorbeeld.crt.pem"), "--system-key", Path.Combine(certs, "las-voorbeeld.key.pem"),
            "--trust-anchor", Path.Combine(certs, "ca.crt.pem"), "--dev-ca", Path.Combine(central, "ca"),
        ], new CliContext(output, error2, false, TimeProvider.System), stop.Token);
        var portal = await WaitForAsync(output, error2, serve, "School-node portaal en LAS-API: ");

        var anchors = new X509Certificate2Collection();
        anchors.ImportFromPemFile(Path.Combine(certs, "ca.crt.pem"));
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(anchors);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return certificate is not null && chain.Build(certificate);
            },
        };
        using var http = new HttpClient(handler);
        var health = await http.GetStringAsync(new Uri(portal, "/health"), TestContext.Current.CancellationToken);
        Assert.Contains("ok", health);

        await stop.CancelAsync();
        Assert.Equal(ExitCodes.Ok, await serve);
    }

    [Theory]
    [InlineData("--traffic-center", "http://localhost:7401/oso/tc", "geen https-adres")]
    [InlineData("--traffic-center", "tc.example.nl", "geen https-adres")]
    [InlineData("--bind", "iedereen", "geen IP-adres")]
    public async Task A_wrong_address_is_refused_with_a_message_naming_the_option(string option, string value, string message)
    {
        var options = new Dictionary<string, string>
        {
            ["--data"] = Data, ["--traffic-center"] = "https://localhost:7401/oso/tc", ["--system-cert"] = "a.pem", ["--system-key"] = "b.pem",
        };
        options[option] = value;
        string[] args = ["school", "serve", .. options.SelectMany(o => new[] { o.Key, o.Value })];

        var (code, _, error) = await CliRunner.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(option, error);
        Assert.Contains(message, error);
        Assert.False(File.Exists(Path.Combine(Data, "school.db")), "nothing is created");
    }

    [Fact]
    public async Task A_node_refuses_a_master_key_that_does_not_fit_its_schools()
    {
        var (added, _, addError) = await CliRunner.RunAsync("school", "add", "12AB", "--naam", "De Regenboog", "--sector", "PO", "--data", Data, "--master-key-file", KeyFile("k1"));
        Assert.True(added == ExitCodes.Ok, addError);

        var (code, _, error) = await CliRunner.RunAsync("school", "add", "34CD", "--naam", "Het Lyceum", "--sector", "VO", "--data", Data, "--master-key-file", KeyFile("k2"));

        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains("De hoofdsleutel past niet bij deze database", error);
        var (listed, list, _) = await CliRunner.RunAsync("school", "list", "--data", Data, "--master-key-file", KeyFile("k1"), "--json");
        Assert.Equal(ExitCodes.Ok, listed);
        Assert.Contains("12AB", list);
        Assert.DoesNotContain("34CD", list);
    }

    [Fact]
    public async Task An_aanleverpunt_is_set_up_only_for_a_school_on_the_node_and_only_once()
    {
        var key = KeyFile("k1");
        await CliRunner.RunAsync("school", "add", "12AB", "--naam", "De Regenboog", "--sector", "PO", "--data", Data, "--master-key-file", key);

        var (unknown, _, unknownError) = await CliRunner.RunAsync("school", "aanleverpunt", "add", "93XX", "0000000700093XX00001", "--data", Data, "--master-key-file", key);
        var (first, firstOut, _) = await CliRunner.RunAsync("school", "aanleverpunt", "add", "12AB", "0000000700012AB00001", "--data", Data, "--master-key-file", key);
        var (again, againOut, _) = await CliRunner.RunAsync("school", "aanleverpunt", "add", "12AB", "0000000700012AB00001", "--data", Data, "--master-key-file", key);

        Assert.Equal(ExitCodes.Failed, unknown);
        Assert.Contains("School 93XX is niet bekend op deze node", unknownError);
        Assert.Equal(ExitCodes.Ok, first);
        Assert.Contains("ingericht", firstOut);
        Assert.Contains("/oso/aanleverpunt/0000000700012AB00001", firstOut);
        Assert.Equal(ExitCodes.Ok, again);
        Assert.Contains("bestond al", againOut);
    }

    private static async Task<Uri> WaitForAsync(LockedWriter output, StringWriter error, Task<int> serve, string marker)
    {
        for (var i = 0; i < 600; i++)
        {
            var text = output.Snapshot();
            var at = text.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0) return new Uri(text[(at + marker.Length)..text.IndexOf('\n', at)].Trim());
            if (serve.IsCompleted) Assert.Fail($"oso school serve stopped with {await serve}: {text} {error}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        throw new TimeoutException("oso school serve printed no URL within a minute.");
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
