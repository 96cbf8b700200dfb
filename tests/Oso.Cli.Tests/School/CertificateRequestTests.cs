using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Oso.Central;
using Oso.Protocol.Client;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Messages;
using Oso.Protocol.Results;
using Oso.Protocol.Security;
using Brin = Oso.Dossier.Identifiers.Brin;
using Pgn = Oso.Dossier.Identifiers.Pgn;

namespace Oso.Cli.Tests.School;

/// <summary>
/// Issue 11 §7: a School node on its own host gets its certificates without Central's CA key — <c>oso school cert
/// request</c> makes the key (mode 600) and a PKCS#10 request; <c>oso central cert sign</c> checks and signs it.
/// </summary>
public sealed class CertificateRequestTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("oso-csr-").FullName;

    private string Central => Path.Combine(_root, "central");

    private string Node => Path.Combine(_root, "school");

    private string Requests => Path.Combine(Node, "certificaten");

    private static async Task Ok(params string[] args)
    {
        var (code, _, error) = await CliRunner.RunAsync(args);
        Assert.True(code == ExitCodes.Ok, $"{string.Join(' ', args)}: {error}");
    }

    [Fact]
    public async Task A_server_request_is_made_with_an_owner_only_key_and_signed_for_exactly_its_host_names()
    {
        var (code, output, _) = await CliRunner.RunAsync("school", "cert", "request", "--host", "node.school.example", "--host", "10.0.0.5", "--data", Node);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("oso central cert sign --csr", output);
        var key = Path.Combine(Requests, "server.key.pem");
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));

        var (signed, signOut, signError) = await CliRunner.RunAsync("central", "cert", "sign", "--csr", Path.Combine(Requests, "server.csr.pem"), "--data", Central);

        Assert.True(signed == ExitCodes.Ok, signError);
        Assert.Contains("Servercertificaat voor node.school.example, 10.0.0.5", signOut);
        using var certificate = X509Certificate2.CreateFromPemFile(Path.Combine(Requests, "server.crt.pem"), key); // the key stayed with the node
        Assert.True(certificate.HasPrivateKey);
        var validator = new OsoCertificateValidator([X509CertificateLoader.LoadCertificateFromFile(Path.Combine(Requests, "ca.crt.pem"))], TimeProvider.System);
        Assert.IsType<CertificateCheck.Accepted>(validator.ValidateServer(certificate));
        var san = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(["node.school.example"], san.EnumerateDnsNames());
        Assert.Equal([IPAddress.Parse("10.0.0.5")], san.EnumerateIPAddresses());
        Assert.False(CertificateNames.HasPurpose(certificate, CertificateNames.ClientAuthOid));
        Assert.Empty(Directory.GetFiles(Node, "*ca.key*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_system_request_is_signed_only_for_a_registered_system_and_the_certificate_is_registered()
    {
        await Ok("school", "cert", "request", "--system", "las-node", "--data", Node);
        var csr = Path.Combine(Requests, "system.csr.pem");

        var (unknown, _, unknownError) = await CliRunner.RunAsync("central", "cert", "sign", "--csr", csr, "--data", Central);
        Assert.Equal(ExitCodes.Failed, unknown);
        Assert.Contains("Systeem 'las-node' bestaat niet", unknownError);

        await Ok("central", "system", "add", "--id", "las-node", "--naam", "Node-LAS", "--leverancier", "Node BV", "--data", Central);
        await Ok("central", "cert", "sign", "--csr", csr, "--out", Path.Combine(_root, "uit", "las-node.crt.pem"), "--data", Central);

        using var certificate = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(_root, "uit", "las-node.crt.pem"));
        Assert.Equal("las-node", CertificateNames.Systeem(certificate)?.Value);
        Assert.True(File.Exists(Path.Combine(_root, "uit", "ca.crt.pem")));
        await using var admin = await CentralAdmin.OpenAsync(new CentralOptions { DataDirectory = Central }, "test", TestContext.Current.CancellationToken);
        Assert.Contains(await admin.CertificatesAsync("las-node", TestContext.Current.CancellationToken),
            c => c.Sha256 == certificate.GetCertHashString(HashAlgorithmName.SHA256));
    }

    public static TheoryData<string, string> Refused => new()
    {
        { "ca", "CA-certificaat" },
        { "ca-usage", "recht om certificaten te tekenen" },
        { "both", "niet beide" },
        { "code-signing", "ander gebruik" },
        { "other-uri", "precies één URI urn:oso:systeem:" },
        { "two-systems", "precies één systeem" },
        { "email", "SAN" },
        { "wildcard", "SAN" },
        { "rsa-2048", "te kort" },
        { "no-names", "SAN ontbreekt" },
        { "tampered", "handtekening klopt niet" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_request_for_anything_else_is_refused_clearly_and_nothing_is_written(string kind, string reason)
    {
        var csr = Path.Combine(_root, kind + ".csr.pem");
        await File.WriteAllTextAsync(csr, HostileRequest(kind), TestContext.Current.CancellationToken);

        var (code, _, error) = await CliRunner.RunAsync("central", "cert", "sign", "--csr", csr, "--data", Central);

        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains("geweigerd", error);
        Assert.Contains(reason, error);
        Assert.False(File.Exists(Path.Combine(_root, kind + ".crt.pem")));
    }

    [Fact]
    public async Task A_file_that_is_no_request_is_a_usage_error_and_an_existing_key_is_never_overwritten()
    {
        var certificate = Path.Combine(_root, "ca.pem");
        using (var ca = DevelopmentCertificateAuthority.Create(TimeProvider.System)) await File.WriteAllTextAsync(certificate, ca.Certificate.ExportCertificatePem(), TestContext.Current.CancellationToken);

        var (code, _, error) = await CliRunner.RunAsync("central", "cert", "sign", "--csr", certificate, "--data", Central);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("geen certificaatverzoek", error);

        await Ok("school", "cert", "request", "--host", "node.example", "--data", Node);
        var before = await File.ReadAllTextAsync(Path.Combine(Requests, "server.key.pem"), TestContext.Current.CancellationToken);
        var (again, _, againError) = await CliRunner.RunAsync("school", "cert", "request", "--host", "node.example", "--data", Node);
        Assert.Equal(ExitCodes.Failed, again);
        Assert.Contains("wordt niet overschreven", againError);
        Assert.Equal(before, await File.ReadAllTextAsync(Path.Combine(Requests, "server.key.pem"), TestContext.Current.CancellationToken));

        var (both, _, bothError) = await CliRunner.RunAsync("school", "cert", "request", "--host", "x.example", "--system", "las-x", "--data", Path.Combine(_root, "other"));
        Assert.Equal(ExitCodes.Usage, both);
        Assert.Contains("niet beide", bothError);
    }

    [Fact]
    public async Task A_node_started_with_signed_certificates_and_no_CA_key_serves_and_reaches_the_Traffic_Center()
    {
        var ct = TestContext.Current.CancellationToken;
        var masterKey = Path.Combine(_root, "master.key");
        await File.WriteAllTextAsync(masterKey, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), ct);
        var certs = Path.Combine(_root, "certs");
        await Ok("central", "board", "add", "--id", "41000", "--naam", "Stichting Voorbeeld", "--data", Central);
        await Ok("central", "school", "add", "--brin", "12AB", "--naam", "De Regenboog", "--sector", "PO", "--bestuur", "41000", "--data", Central);
        await Ok("central", "system", "add", "--id", "las-node", "--naam", "Node-LAS", "--leverancier", "Node BV", "--data", Central);
        await Ok("central", "system", "add", "--id", "las-doel", "--naam", "Doel-LAS", "--leverancier", "Doel BV", "--data", Central);
        await Ok("central", "mandate", "add", "--bestuur", "41000", "--brin", "12AB", "--systeem", "las-node", "--data", Central);
        await Ok("central", "cert", "issue", "--system", "las-doel", "-o", certs, "--data", Central);
        // the node's host: its keys and requests; Central signs them
        await Ok("school", "cert", "request", "--host", "localhost", "--host", "127.0.0.1", "--data", Node);
        await Ok("school", "cert", "request", "--system", "las-node", "--data", Node);
        await Ok("central", "cert", "sign", "--csr", Path.Combine(Requests, "server.csr.pem"), "--data", Central);
        await Ok("central", "cert", "sign", "--csr", Path.Combine(Requests, "system.csr.pem"), "--data", Central);
        await Ok("school", "add", "12AB", "--naam", "De Regenboog", "--sector", "PO", "--data", Node, "--master-key-file", masterKey);
        await Ok("school", "aanleverpunt", "add", "12AB", "0000000700012AB00001", "--data", Node, "--master-key-file", masterKey);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var centralOut = new LockedWriter();
        var central = OsoCli.RunAsync(["central", "serve", "--portal-port", "0", "--protocol-port", "0", "--data", Central],
            new CliContext(centralOut, new StringWriter(), false, TimeProvider.System), stop.Token);
        var tc = await WaitForAsync(centralOut, central, "(Traffic Center: ", ')');
        using var nodeOut = new LockedWriter();
        using var nodeError = new StringWriter();
        var node = OsoCli.RunAsync(
        [
            "school", "serve", "--data", Node, "--master-key-file", masterKey, "--portal-port", "0", "--protocol-port", "0", "--traffic-center", tc.ToString(),
            "--server-cert", Path.Combine(Requests, "server.crt.pem"), "--server-key", Path.Combine(Requests, "server.key.pem"),
            "--system-cert", Path.Combine(Requests, "system.crt.pem"), "--system-key", Path.Combine(Requests, "system.key.pem"),
            "--trust-anchor", Path.Combine(Requests, "ca.crt.pem"),
        ], new CliContext(nodeOut, nodeError, false, TimeProvider.System), stop.Token);
        var protocol = await WaitForAsync(nodeOut, node, "School-node protocol (mTLS):", '\n');
        var aanleverpunt = new Uri(protocol, "/oso/aanleverpunt/0000000700012AB00001");
        await Ok("central", "endpoint", "add", "--routeringskenmerk", "0000000700012AB00001", "--url", aanleverpunt.ToString(), "--systeem", "las-node", "--data", Central);

        // another system asks the node: the node's signed server certificate passes our host-name check, and the node
        // reaches the Traffic Center with its signed system certificate (which answers about the made-up session)
        using var doelCert = X509Certificate2.CreateFromPemFile(Path.Combine(certs, "las-doel.crt.pem"), Path.Combine(certs, "las-doel.key.pem"));
        var anchors = new X509Certificate2Collection();
        anchors.ImportFromPemFile(Path.Combine(certs, "ca.crt.pem"));
        using var http = OsoHttpClientFactory.Create(new OsoClientOptions(doelCert, new OsoCertificateValidator(anchors, TimeProvider.System)));
        var geheim = ZoeksleutelGeheim.Nieuw();
        var routing = new Routering(Brin.Parse("12AB"), RouteringsKenmerk.Parse("0000000700012AB00001"), Brin.Parse("34CD"), RouteringsKenmerk.Parse("0000000700034CD00001"));
        var answer = await new OsoSoapClient(http).SendAsync(aanleverpunt, new DocumentRequest(routing, SessieId.New(), Overdrachtsoort.Overstapdossier,
            new DocumentSleutel.Leerling(Pgn.Parse("999991000"), geheim), null), ct);

        var response = Assert.IsType<OsoCallResult<DocumentResponse>.Success>(answer).Response;
        Assert.Equal(ResultaatCode.SessieAfwijkend, Assert.IsType<DocumentResponse.NietGeleverd>(response).Resultaat);
        var caKey = CaKeyBody();
        Assert.DoesNotContain(Oso.Testing.DataFiles.Find(Node, "*", SearchOption.AllDirectories), f => System.Text.Encoding.UTF8.GetString(Oso.Testing.DataFiles.Read(f)).Contains(caKey, StringComparison.Ordinal));
        await stop.CancelAsync();
        Assert.Equal(ExitCodes.Ok, await node);
        Assert.Equal(ExitCodes.Ok, await central);
    }

    private string CaKeyBody() => File.ReadAllLines(Path.Combine(Central, "ca", DevelopmentCertificateAuthority.KeyFile))[1];

    private static async Task<Uri> WaitForAsync(LockedWriter output, Task<int> serve, string marker, char end)
    {
        for (var i = 0; i < 900; i++)
        {
            var text = output.Snapshot();
            var at = text.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0 && text.IndexOf(end, at + marker.Length) is var stop and > 0) return new Uri(text[(at + marker.Length)..stop].Trim());
            if (serve.IsCompleted) Assert.Fail($"serve stopped with {await serve}: {text}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        throw new TimeoutException("serve printed no URL within 90 seconds.");
    }

    /// <summary>A signing request for something a node may not ask for (or tampered with).</summary>
    private static string HostileRequest(string kind)
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var rsa = RSA.Create(2048);
        var request = kind == "rsa-2048"
            ? new CertificateRequest("CN=rsa", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : new CertificateRequest("CN=node", ec, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        switch (kind)
        {
            case "ca":
                san.AddDnsName("node.example");
                request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
                break;
            case "ca-usage":
                san.AddDnsName("node.example");
                request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
                break;
            case "both":
                san.AddDnsName("node.example");
                san.AddUri(new Uri("urn:oso:systeem:las-x"));
                break;
            case "code-signing":
                san.AddDnsName("node.example");
                request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.3")], false));
                break;
            case "other-uri":
                san.AddUri(new Uri("https://node.example/"));
                break;
            case "two-systems":
                san.AddUri(new Uri("urn:oso:systeem:las-x"));
                san.AddUri(new Uri("urn:oso:systeem:las-y"));
                break;
            case "email":
                san.AddEmailAddress("beheer@node.example");
                break;
            case "wildcard":
                san.AddDnsName("*.example.nl");
                break;
            case "no-names":
                break;
            default:
                san.AddDnsName("node.example");
                break;
        }
        if (kind != "no-names") request.CertificateExtensions.Add(san.Build());
        var pem = request.CreateSigningRequestPem();
        if (kind != "tampered") return pem;
        // change one letter of the signed content: the signature no longer holds
        var lines = pem.Split('\n');
        var body = lines[3].ToCharArray();
        body[10] = body[10] == 'A' ? 'B' : 'A';
        lines[3] = new string(body);
        return string.Join('\n', lines);
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
