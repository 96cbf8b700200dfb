using Oso.Central.Tests.Infrastructure;
using Oso.Protocol.Client;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Messages;
using Oso.Protocol.Security;
using static Oso.Central.Tests.Infrastructure.Tc;

namespace Oso.Central.Tests.Security;

/// <summary>With trust anchors from configuration (production), Central trusts them, issues nothing, and accepts registered certificates.</summary>
public sealed class ProductionAnchorTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "oso-central-prod-" + Guid.NewGuid().ToString("N")[..10]);
    private readonly DevelopmentCertificateAuthority _pki = DevelopmentCertificateAuthority.Create(TimeProvider.System, "Stand-in voor PKIoverheid");
    private CentralHandle? _central;

    public async ValueTask InitializeAsync()
    {
        var pki = Path.Combine(_dir, "pki");
        _pki.Save(pki);
        using var server = _pki.IssueServerCertificate();
        DevelopmentCertificateAuthority.SavePem(server, pki, "server");
        _central = await CentralHost.StartAsync(new CentralOptions
        {
            DataDirectory = Path.Combine(_dir, "data"),
            PortalPort = 0,
            ProtocolPort = 0,
            TrustAnchorPems = [Path.Combine(pki, DevelopmentCertificateAuthority.CertificateFile)],
            ServerCertificatePem = Path.Combine(pki, "server.crt.pem"),
            ServerKeyPem = Path.Combine(pki, "server.key.pem"),
            Logging = _ => { },
        }, Ct);
    }

    [Fact]
    public async Task Central_issues_no_certificates_and_accepts_one_of_the_configured_anchors()
    {
        var admin = _central!.Admin;
        _ = (await admin.AddSystemAsync(new Register.NieuwSysteem("las-prod", "LAS", "Leverancier"))).Zeker;
        var issue = await admin.IssueCertificateAsync("las-prod");
        Assert.Equal(FoutSoort.NietMogelijk, issue.Fout?.Soort);
        Assert.False(Directory.Exists(Path.Combine(_dir, "data", "ca")));

        using var certificate = _pki.IssueSystemCertificate(SysteemId.Parse("las-prod"));
        Assert.True((await admin.RegisterCertificateAsync("las-prod", certificate.ExportCertificatePem())).Gelukt);
        Assert.Equal(_pki.Certificate.ExportCertificatePem().Trim(), admin.TrustAnchorsPem.Trim());

        using var http = OsoHttpClientFactory.Create(new OsoClientOptions(certificate, new OsoCertificateValidator([_pki.Certificate], TimeProvider.System)));
        var overzicht = await new OsoSoapClient(http).SendAsync(_central.TrafficCenterUrl, new OverzichtAanleverpuntRequest(null, null, null), Ct);
        Assert.IsType<OsoCallResult<OverzichtAanleverpuntResponse>.Success>(overzicht);
    }

    public async ValueTask DisposeAsync()
    {
        if (_central is not null) await _central.DisposeAsync();
        _pki.Dispose();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
