using Microsoft.Extensions.Time.Testing;
using Oso.Central.Register;
using Oso.Central.Tests.Infrastructure;
using Oso.Protocol.Client;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Messages;
using Oso.Protocol.Security;
using static Oso.Central.Tests.Infrastructure.Tc;

namespace Oso.Central.Tests.Security;

/// <summary>The protocol listener over real Kestrel: only a valid, unrevoked system certificate of our anchors gets through.</summary>
public abstract class MutualTlsTests(CentralFixture f) : IDisposable
{
    private readonly Parties _parties = new(f);

    private async Task<(TestSystem Las, OverdrachtRequest Request)> SetupAsync()
    {
        var las = await _parties.SystemAsync();
        var bron = await _parties.SchoolAsync(las);
        var doel = await _parties.SchoolAsync(las, Sector.VO);
        return (las, Overdracht(bron, doel));
    }

    private async Task AssertRefusedAndNothingChangedAsync(HttpClient http, OverdrachtRequest request)
    {
        var before = await DbDump.CountRowsAsync(f.Central);
        var result = await new OsoSoapClient(http).SendAsync(f.Central.TrafficCenterUrl, request, Ct);
        var fout = Assert.IsType<OsoCallResult<OverdrachtResponse>.Failure>(result).Fout;
        Assert.True(fout.Soort is OsoCallFailureKind.Tls or OsoCallFailureKind.Verbinding || fout.HttpStatus == 403, fout.ToString());
        Assert.Equal(before, await DbDump.CountRowsAsync(f.Central));
    }

    [Fact]
    public async Task A_valid_system_certificate_is_accepted()
    {
        var (las, request) = await SetupAsync();
        Assert.IsType<OverdrachtResponse.Toegekend>(await las.CallAsync(f.Central, request));
    }

    [Fact]
    public async Task A_client_without_a_certificate_is_refused()
    {
        var (_, request) = await SetupAsync();
        await AssertRefusedAndNothingChangedAsync(_parties.Client(null), request);
    }

    [Fact]
    public async Task A_certificate_of_an_unknown_ca_is_refused()
    {
        var (las, request) = await SetupAsync();
        using var other = DevelopmentCertificateAuthority.Create(TimeProvider.System, "Andere CA");
        using var foreign = other.IssueSystemCertificate(SysteemId.Parse(las.Id));
        await AssertRefusedAndNothingChangedAsync(_parties.Client(foreign), request);
    }

    [Fact]
    public async Task An_expired_certificate_is_refused()
    {
        var (las, request) = await SetupAsync();
        using var shortLived = (await f.Admin.IssueCertificateAsync(las.Id, TimeSpan.FromHours(1))).Zeker.Certificaat;
        f.Time.Advance(TimeSpan.FromHours(2));
        await AssertRefusedAndNothingChangedAsync(_parties.Client(shortLived), request);
    }

    [Fact]
    public async Task A_revoked_certificate_is_refused_at_once_and_published()
    {
        var (las, request) = await SetupAsync();
        Assert.IsType<OverdrachtResponse.Toegekend>(await las.CallAsync(f.Central, request));

        var info = (await f.Admin.RevokeCertificateAsync(las.Certificate.SerialNumber, "sleutel gelekt")).Zeker;

        await AssertRefusedAndNothingChangedAsync(las.Http, request);           // the open connection: checked per request
        await AssertRefusedAndNothingChangedAsync(_parties.Client(las.Certificate), request); // a new handshake
        Assert.Contains(f.Admin.RevokedCertificates(), r => r.Sha256 == info.Sha256);
    }

    [Fact]
    public async Task A_revoked_system_is_refused()
    {
        var (las, request) = await SetupAsync();
        Assert.IsType<OverdrachtResponse.Toegekend>(await las.CallAsync(f.Central, request));
        _ = (await f.Admin.RevokeSystemAsync(las.Id, "contract beëindigd")).Zeker;
        await AssertRefusedAndNothingChangedAsync(las.Http, request);           // the open connection, whose certificate was accepted before
        await AssertRefusedAndNothingChangedAsync(_parties.Client(las.Certificate), request);
    }

    [Fact]
    public async Task A_certificate_that_expires_while_its_connection_stays_open_is_refused_at_the_next_call()
    {
        var (las, request) = await SetupAsync();
        using var shortLived = (await f.Admin.IssueCertificateAsync(las.Id, TimeSpan.FromHours(1))).Zeker.Certificaat;
        var http = _parties.Client(shortLived);
        var first = await new OsoSoapClient(http).SendAsync(f.Central.TrafficCenterUrl, request, Ct);
        Assert.IsType<OverdrachtResponse.Toegekend>(Assert.IsType<OsoCallResult<OverdrachtResponse>.Success>(first).Response);

        f.Time.Advance(TimeSpan.FromHours(2)); // the pooled connection stays open: it was authenticated an hour ago
        await AssertRefusedAndNothingChangedAsync(http, request);
    }

    [Fact]
    public async Task The_portal_listener_does_not_serve_the_protocol_and_the_protocol_listener_not_the_api()
    {
        var (las, request) = await SetupAsync();
        var viaPortal = await las.Soap.SendAsync(new Uri(f.Central.PortalUrl, "/oso/tc"), request, Ct);
        Assert.Equal(404, Assert.IsType<OsoCallResult<OverdrachtResponse>.Failure>(viaPortal).Fout.HttpStatus);
        using var response = await las.Http.GetAsync(new Uri(f.Central.ProtocolUrl, "/api/kwalificatie/handboek"), Ct);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    public void Dispose()
    {
        _parties.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class MutualTlsTestsOnSqlite(SqliteCentral f) : MutualTlsTests(f), IClassFixture<SqliteCentral>;

public sealed class MutualTlsTestsOnPostgres(PostgresCentral f) : MutualTlsTests(f), IClassFixture<PostgresCentral>;
