using System.Net;
using System.Security.Cryptography;
using System.Text.Json;

namespace Oso.Cli.Tests.Hosting;

/// <summary>
/// Production mode follows from real certificates (issue 11 §2): <c>oso central serve</c> and <c>oso school serve</c>
/// with certificates of a CA that is not a development CA send HSTS on every portal response and hide the API
/// reference UI unless <c>--api-docs</c>; with the development CA they stay in development mode.
/// </summary>
public sealed class ProductionModeTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _root = Directory.CreateTempSubdirectory("oso-prod-").FullName;
    private readonly TestPki _pki;

    public ProductionModeTests() => _pki = new TestPki(Path.Combine(_root, "pki"));

    private string[] Central(params string[] extra) =>
    [
        "central", "serve", "--data", Path.Combine(_root, "central"), "--portal-port", "0", "--protocol-port", "0",
        "--trust-anchor", _pki.CaFile, "--server-cert", _pki.ServerCertificate, "--server-key", _pki.ServerKey, .. extra,
    ];

    [Fact]
    public async Task Central_with_real_certificates_sends_HSTS_on_every_portal_response_and_hides_the_API_reference()
    {
        await using var central = RunningCli.Start(Central());
        var portal = await central.UrlAfterAsync("Portaal en beheer-API: ");
        using var http = _pki.Client();

        Assert.Contains("(productie)", central.Output.Snapshot());
        foreach (var path in new[] { "/inloggen", "/api/certificaten/ca", "/openapi/v1.json", "/health/live", "/scalar", "/bestaat-niet" })
        {
            using var response = await http.GetAsync(new Uri(portal, path), Ct);
            Assert.True(HstsMaxAge(response) >= TimeSpan.FromDays(365), $"{path}: no HSTS of a year");
        }
        using var scalar = await http.GetAsync(new Uri(portal, "/scalar"), Ct);
        Assert.Equal(HttpStatusCode.NotFound, scalar.StatusCode);
        using var metrics = await http.GetAsync(new Uri(portal, "/metrics"), Ct);
        Assert.Equal(HttpStatusCode.NotFound, metrics.StatusCode); // no network configured: not even loopback in production
    }

    [Fact]
    public async Task Central_in_production_serves_the_API_reference_when_asked_with_api_docs()
    {
        await using var central = RunningCli.Start(Central("--api-docs"));
        var portal = await central.UrlAfterAsync("Portaal en beheer-API: ");
        using var http = _pki.Client();

        using var scalar = await http.GetAsync(new Uri(portal, "/scalar/"), Ct);

        Assert.Equal(HttpStatusCode.OK, scalar.StatusCode);
        Assert.Contains("scalar", await scalar.Content.ReadAsStringAsync(Ct), StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(HstsMaxAge(scalar));
    }

    [Fact]
    public async Task Central_with_its_development_CA_stays_in_development_mode()
    {
        await using var central = RunningCli.Start("central", "serve", "--data", Path.Combine(_root, "dev"), "--portal-port", "0", "--protocol-port", "0");
        var portal = await central.UrlAfterAsync("Portaal en beheer-API: ");
        var anchors = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection();
        anchors.ImportFromPemFile(Path.Combine(_root, "dev", "ca", "ca.crt.pem"));
        using var http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, c, _, _) => c is not null && anchors.Any(a => a.Subject == c.Issuer) });

        using var scalar = await http.GetAsync(new Uri(portal, "/scalar"), Ct);

        Assert.Contains("(ontwikkeling)", central.Output.Snapshot());
        Assert.Equal(HttpStatusCode.OK, scalar.StatusCode);
        Assert.Null(HstsMaxAge(scalar));
    }

    [Fact]
    public async Task A_school_node_configured_by_file_with_real_certificates_runs_in_production()
    {
        var (systemCert, systemKey) = _pki.SystemCertificate("las-voorbeeld");
        var keyFile = Path.Combine(_root, "master.key");
        await File.WriteAllTextAsync(keyFile, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), Ct);
        var config = Path.Combine(_root, "school.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["DataDirectory"] = Path.Combine(_root, "school"), ["PortalPort"] = 0, ["ProtocolPort"] = 0,
            ["TrafficCenterUrl"] = "https://127.0.0.1:9/oso/tc", // nobody there: the node is live but not ready
            ["SystemCertificate"] = systemCert, ["SystemKey"] = systemKey, ["TrustAnchors"] = new[] { _pki.CaFile },
            ["ServerCertificate"] = _pki.ServerCertificate, ["ServerKey"] = _pki.ServerKey, ["MasterKeyFile"] = keyFile,
            ["Telemetry"] = new Dictionary<string, object> { ["MetricsNetworks"] = new[] { "127.0.0.1/32", "::1/128" } },
        }), Ct);

        await using var school = RunningCli.Start("school", "serve", "--config", config);
        var portal = await school.UrlAfterAsync("School-node portaal en LAS-API: ");
        using var http = _pki.Client();

        Assert.Contains("(productie)", school.Output.Snapshot());
        using (var page = await http.GetAsync(new Uri(portal, "/inloggen"), Ct))
            Assert.True(HstsMaxAge(page) >= TimeSpan.FromDays(365));
        using (var scalar = await http.GetAsync(new Uri(portal, "/scalar"), Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, scalar.StatusCode);
            Assert.NotNull(HstsMaxAge(scalar));
        }
        using (var live = await http.GetAsync(new Uri(portal, "/health/live"), Ct))
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        using (var ready = await http.GetAsync(new Uri(portal, "/health/ready"), Ct))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(Ct));
            Assert.Equal("niet-gereed", body.RootElement.GetProperty("status").GetString());
            var checks = body.RootElement.GetProperty("controles");
            Assert.Equal("fout", checks.GetProperty("traffic-center").GetProperty("status").GetString());
            Assert.Equal("goed", checks.GetProperty("database").GetProperty("status").GetString());
            Assert.Equal("goed", checks.GetProperty("hoofdsleutel").GetProperty("status").GetString());
        }
        using (var metrics = await http.GetAsync(new Uri(portal, "/metrics"), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, metrics.StatusCode); // loopback is a configured network here
            Assert.Contains("# TYPE", await metrics.Content.ReadAsStringAsync(Ct));
        }
    }

    private static TimeSpan? HstsMaxAge(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Strict-Transport-Security", out var values)
        && values.Single().Split(';').Select(p => p.Trim()).FirstOrDefault(p => p.StartsWith("max-age=", StringComparison.Ordinal)) is { } maxAge
            ? TimeSpan.FromSeconds(long.Parse(maxAge["max-age=".Length..], System.Globalization.CultureInfo.InvariantCulture))
            : null;

    public void Dispose()
    {
        _pki.Dispose();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
