using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Oso.Cli.Up;
using Oso.School.Protocol;

namespace Oso.EndToEnd.Tests;

/// <summary>A certificate Central revokes is refused by the School node too, once the node has fetched Central's list.</summary>
public sealed class RevocationTests(SqliteChain fixture) : IClassFixture<SqliteChain>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_system_certificate_revoked_at_Central_can_no_longer_connect_to_the_node()
    {
        fixture.RequireChain();
        var admin = fixture.Chain.Central.Admin;
        var issued = (await admin.IssueCertificateAsync(DemoChain.SysteemId, cancellationToken: _ct)).Zeker;
        using var leaked = issued.Certificaat;
        var other = (await admin.IssueCertificateAsync(DemoChain.SysteemId, cancellationToken: _ct)).Zeker;
        using var kept = other.Certificaat;
        var refresher = fixture.Chain.School.Services.GetRequiredService<RevocationRefresher>();
        using var http = refresher.CreateClient();

        Assert.True(await HandshakeAcceptedAsync(leaked), "before revocation the node accepts the certificate");

        _ = (await admin.RevokeCertificateAsync(issued.Info.Serienummer, "Sleutel gelekt (test)", cancellationToken: _ct)).Zeker;
        Assert.True(await refresher.RefreshAsync(http, _ct));

        Assert.False(await HandshakeAcceptedAsync(leaked), "after revocation the node refuses the certificate");
        Assert.True(await HandshakeAcceptedAsync(kept), "another certificate of the same system is still accepted");
    }

    // a fresh connection each time: the node decides at the TLS handshake
    private async Task<bool> HandshakeAcceptedAsync(X509Certificate2 client)
    {
        using var http = fixture.NodeHttpClient(client);
        try
        {
            using var response = await http.GetAsync(new Uri(fixture.Chain.School.ProtocolUrl, "/oso/aanleverpunt/onbekend"), _ct);
            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
