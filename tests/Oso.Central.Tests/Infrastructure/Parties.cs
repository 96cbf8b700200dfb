using System.Security.Cryptography.X509Certificates;
using Oso.Central.Register;
using Oso.Protocol.Client;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Messages;
using Oso.Protocol.Security;

namespace Oso.Central.Tests.Infrastructure;

/// <summary>A school in a test: its BRIN and its one aanleverpunt.</summary>
public sealed record OsoSchool(string Brin, string Rk, Sector Sector)
{
    public Oso.Dossier.Identifiers.Brin BrinValue => Oso.Dossier.Identifiers.Brin.Parse(Brin);

    public RouteringsKenmerk RkValue => RouteringsKenmerk.Parse(Rk);
}

/// <summary>A supplier system in a test, with its certificate and an mTLS SOAP client.</summary>
public sealed class TestSystem(string id, X509Certificate2 certificate, HttpClient http) : IDisposable
{
    public string Id { get; } = id;

    public X509Certificate2 Certificate { get; } = certificate;

    public OsoSoapClient Soap { get; } = new(http);

    public HttpClient Http { get; } = http;

    public void Dispose()
    {
        Http.Dispose();
        Certificate.Dispose();
    }
}

/// <summary>Builds registered, qualified and mandated schools and systems through the admin facade, as an operator would.</summary>
public sealed class Parties(CentralFixture f) : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    public const string Bestuur = "bestuur-test";

    public async Task<TestSystem> SystemAsync(string? id = null, bool qualified = true)
    {
        id ??= "las-" + Guid.NewGuid().ToString("N")[..8];
        _ = (await f.Admin.AddSystemAsync(new NieuwSysteem(id, "LAS " + id, "Leverancier " + id))).Zeker;
        if (qualified) _ = (await f.Admin.ApproveSystemAsync(id)).Zeker;
        var cert = (await f.Admin.IssueCertificateAsync(id)).Zeker.Certificaat;
        var system = new TestSystem(id, cert, Client(cert));
        _owned.Add(system);
        return system;
    }

    /// <summary>A school of <paramref name="system"/>: registered, (optionally) qualified and mandated, with one active aanleverpunt.</summary>
    public async Task<OsoSchool> SchoolAsync(TestSystem system, Sector sector = Sector.PO, bool qualified = true, bool mandated = true,
        Uitwisseldoel doel = Uitwisseldoel.Ov, string bestuur = Bestuur)
    {
        await EnsureBoardAsync(bestuur);
        var brin = f.NextBrin();
        _ = (await f.Admin.AddSchoolAsync(new NieuweSchool(brin, "School " + brin, sector, bestuur) { Plaats = "Utrecht", Provincie = "Utrecht" })).Zeker;
        if (qualified) _ = (await f.Admin.ApproveAllAsync(brin)).Zeker;
        if (mandated) _ = (await f.Admin.AddMandateAsync(new NieuwMandaat(bestuur, brin, system.Id, Today.AddDays(-1)))).Zeker;
        var rk = $"00000007000{brin}00001";
        _ = (await f.Admin.AddEndpointAsync(new NieuwAanleverpunt(rk, $"https://las.example.nl/oso/{rk}", doel, system.Id, Today.AddDays(-1)))).Zeker;
        return new OsoSchool(brin, rk, sector);
    }

    public DateOnly Today => DateOnly.FromDateTime(f.Time.GetUtcNow().UtcDateTime);

    /// <summary>An mTLS HttpClient presenting <paramref name="clientCertificate"/> (or none) and trusting Central's anchor.</summary>
    public HttpClient Client(X509Certificate2? clientCertificate)
    {
        var anchors = new X509Certificate2Collection();
        anchors.ImportFromPemFile(f.Central.TrustAnchorPemPath);
        var validator = new OsoCertificateValidator(anchors, TimeProvider.System);
        if (clientCertificate is not null) return OsoHttpClientFactory.Create(new OsoClientOptions(clientCertificate, validator));
        var handler = new SocketsHttpHandler
        {
            SslOptions = new System.Net.Security.SslClientAuthenticationOptions { RemoteCertificateValidationCallback = validator.ServerCertificateCallback() },
        };
        var http = new HttpClient(handler);
        _owned.Add(http);
        return http;
    }

    private async Task EnsureBoardAsync(string bestuur) =>
        _ = await f.Admin.AddBoardAsync(new NieuwBestuur(bestuur, "Bestuur " + bestuur)); // a conflict means it exists: fine

    public void Dispose()
    {
        foreach (var o in _owned) o.Dispose();
    }
}
