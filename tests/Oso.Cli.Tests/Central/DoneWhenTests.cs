using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Oso.Hosting.Certificates;
using Oso.Protocol.Client;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Messages;
using Oso.Protocol.Results;
using Oso.Protocol.Security;
using Oso.Testing;
using Brin = Oso.Dossier.Identifiers.Brin;
using Pgn = Oso.Dossier.Identifiers.Pgn;

namespace Oso.Cli.Tests.Central;

/// <summary>
/// Issue 3's done-when, as docs/central.md shows it: the CLI registers two schools and a supplier system, qualifies
/// them and issues a certificate; <c>oso central serve</c> runs; a client opens, checks and closes a session over
/// real mutual TLS — on SQLite and on PostgreSQL.
/// </summary>
public sealed class DoneWhenTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "oso-donewhen-" + Guid.NewGuid().ToString("N")[..10]);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_cli_sets_up_central_and_a_client_opens_checks_and_closes_a_session_over_mtls(DatabaseProvider provider)
    {
        using var database = TestDatabase.Create(provider, "donewhen");
        var data = Path.Combine(_root, "central");
        var certs = Path.Combine(_root, "certs");
        string[] Db(params string[] args) => [.. args, "--data", data, "--database", database.ConnectionString];

        foreach (var command in new[]
        {
            Db("central", "board", "add", "--id", "41000", "--naam", "Stichting Voorbeeld"),
            Db("central", "school", "add", "--brin", "12AB", "--naam", "De Regenboog", "--sector", "PO", "--bestuur", "41000"),
            Db("central", "school", "add", "--brin", "34CD", "--naam", "Het Lyceum", "--sector", "VO", "--bestuur", "41000"),
            Db("central", "system", "add", "--id", "las-voorbeeld", "--naam", "Voorbeeld-LAS", "--leverancier", "Voorbeeld BV"),
            Db("central", "mandate", "add", "--bestuur", "41000", "--brin", "12AB", "--systeem", "las-voorbeeld"),
            Db("central", "mandate", "add", "--bestuur", "41000", "--brin", "34CD", "--systeem", "las-voorbeeld"),
            Db("central", "endpoint", "add", "--routeringskenmerk", "0000000700012AB00001", "--url", "https://las.voorbeeld.nl/oso/12AB", "--systeem", "las-voorbeeld"),
            Db("central", "endpoint", "add", "--routeringskenmerk", "0000000700034CD00001", "--url", "https://las.voorbeeld.nl/oso/34CD", "--systeem", "las-voorbeeld"),
            Db("central", "qualification", "approve", "--brin", "12AB"),
            Db("central", "qualification", "approve", "--brin", "34CD"),
            Db("central", "qualification", "approve", "--system", "las-voorbeeld"),
            Db("central", "cert", "issue", "--system", "las-voorbeeld", "-o", certs),
        })
        {
            var (code, _, error) = await CliRunner.RunAsync(command);
            Assert.True(code == ExitCodes.Ok, $"{string.Join(' ', command)}: {error}");
        }
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(certs, "las-voorbeeld.key.pem")));

        using var output = new LockedWriter();
        using var error2 = new StringWriter();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var serve = OsoCli.RunAsync(Db("central", "serve", "--portal-port", "0", "--protocol-port", "0"), new CliContext(output, error2, false, TimeProvider.System), stop.Token);
        var tc = await WaitForUrlAsync(output, serve);

        using var certificate = HostTls.LoadPem(Path.Combine(certs, "las-voorbeeld.crt.pem"), Path.Combine(certs, "las-voorbeeld.key.pem"));
        var anchors = new X509Certificate2Collection();
        anchors.ImportFromPemFile(Path.Combine(certs, "ca.crt.pem"));
        using var http = OsoHttpClientFactory.Create(new OsoClientOptions(certificate, new OsoCertificateValidator(anchors, TimeProvider.System)));
        var soap = new OsoSoapClient(http);
        var geheim = ZoeksleutelGeheim.Nieuw();
        var sleutel = new SessieSleutel.Zoek(Zoeksleutel.Bereken(Pgn.Parse("999991000"), geheim));
        var bron = (Brin: Brin.Parse("12AB"), Rk: RouteringsKenmerk.Parse("0000000700012AB00001"));
        var doel = (Brin: Brin.Parse("34CD"), Rk: RouteringsKenmerk.Parse("0000000700034CD00001"));
        var routing = new Routering(bron.Brin, bron.Rk, doel.Brin, doel.Rk);

        var open = await soap.SendAsync(tc, new OverdrachtRequest(bron.Brin, null, doel.Brin, doel.Rk, sleutel, Overdrachtsoort.Overstapdossier));
        var sessie = Assert.IsType<OverdrachtResponse.Toegekend>(Assert.IsType<OsoCallResult<OverdrachtResponse>.Success>(open).Response).SessieId;
        var check = await soap.SendAsync(tc, new SessiecontroleRequest(routing, sleutel, Overdrachtsoort.Overstapdossier, sessie));
        Assert.Equal("VO", Assert.IsType<SessiecontroleResponse.Geldig>(Assert.IsType<OsoCallResult<SessiecontroleResponse>.Success>(check).Response).Sector);
        var close = await soap.SendAsync(tc, new AfmeldingRequest(routing, sessie, ResultaatCode.OverdrachtGeslaagd));
        Assert.Equal(ResultaatCode.AfmeldingOntvangen, Assert.IsType<OsoCallResult<AfmeldingResponse>.Success>(close).Response.Resultaat);

        await stop.CancelAsync();
        Assert.Equal(ExitCodes.Ok, await serve);
        Assert.Contains("Central stopt.", output.Snapshot());

        var (traceCode, trace, _) = await CliRunner.RunAsync(Db("central", "session", "trace", sessie.ToString(), "--json"));
        Assert.Equal(ExitCodes.Ok, traceCode);
        var json = JsonDocument.Parse(trace).RootElement;
        Assert.Equal("Afgemeld", json.GetProperty("sessie").GetProperty("status").GetString());
        Assert.Equal(["overdracht", "sessiecontrole", "afmelding"], json.GetProperty("stappen").EnumerateArray().Select(s => s.GetProperty("stap").GetString()));
    }

    private static async Task<Uri> WaitForUrlAsync(LockedWriter output, Task<int> serve)
    {
        const string marker = "(Traffic Center: ";
        for (var i = 0; i < 600; i++)
        {
            var text = output.Snapshot();
            var at = text.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0) return new Uri(text[(at + marker.Length)..text.IndexOf(')', at)]);
            if (serve.IsCompleted) Assert.Fail($"oso central serve stopped with {await serve}: {text}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        throw new TimeoutException("oso central serve printed no URL within a minute.");
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
