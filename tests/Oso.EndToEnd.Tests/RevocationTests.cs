using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Oso.Cli.Up;
using Oso.Protocol.Client;
using Oso.Protocol.Security;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Messages;
using Oso.Protocol.Results;
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

    [Fact]
    public async Task A_certificate_revoked_while_its_connection_stays_open_gets_no_dossier_on_that_connection()
    {
        fixture.RequireChain();
        var admin = fixture.Chain.Central.Admin;
        var issued = (await admin.IssueCertificateAsync(DemoChain.SysteemId, cancellationToken: _ct)).Zeker;
        using var leaked = issued.Certificaat;
        // kept alive, as every OSO client is: later calls go over the connection the first one opened
        using var http = OsoHttpClientFactory.Create(new OsoClientOptions(leaked, fixture.Node.Validator));
        var client = new OsoSoapClient(http);
        var aanleverpunt = fixture.AanleverpuntUrl(fixture.Chain.State.Po);
        var (pupil, _) = await fixture.ReleasedPupilAsync(_ct);
        var pgn = ChainFixture.PgnOf(pupil);
        var geheim = ZoeksleutelGeheim.Nieuw();
        var sessie = await fixture.OpenSessionAsync(pgn, geheim, _ct); // the demo system's own session, as the doel

        // the connection is opened and the caller accepted (an unknown session is refused for that, not for the caller)
        var before = await client.SendAsync(aanleverpunt, fixture.DocumentRequest(SessieId.New(), pgn, geheim), _ct);
        Assert.NotEqual(ResultaatCode.SysteemNietBevoegd, Assert.IsType<DocumentResponse.NietGeleverd>(
            Assert.IsType<OsoCallResult<DocumentResponse>.Success>(before).Response).Resultaat);

        _ = (await admin.RevokeCertificateAsync(issued.Info.Serienummer, "Sleutel gelekt (test)", cancellationToken: _ct)).Zeker;
        var refresher = fixture.Chain.School.Services.GetRequiredService<RevocationRefresher>();
        using (var central = refresher.CreateClient())
            Assert.True(await refresher.RefreshAsync(central, _ct));

        // the same connection (a new one would fail at the handshake, above), a live session of its system: refused
        var after = await client.SendAsync(aanleverpunt, fixture.DocumentRequest(sessie, pgn, geheim), _ct);
        Assert.Equal(ResultaatCode.SysteemNietBevoegd, Assert.IsType<DocumentResponse.NietGeleverd>(
            Assert.IsType<OsoCallResult<DocumentResponse>.Success>(after).Response).Resultaat);
        await using (var db = fixture.ReadNode())
            Assert.False(await db.Disclosures.AnyAsync(d => d.SessieId == sessie.Value, _ct), "a dossier went out on a revoked certificate");
        // the system's own certificate is still served on that session
        Assert.IsType<DocumentResponse.Geleverd>(Assert.IsType<OsoCallResult<DocumentResponse>.Success>(
            await fixture.DemoSystem.SendAsync(aanleverpunt, fixture.DocumentRequest(sessie, pgn, geheim), _ct)).Response);
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
