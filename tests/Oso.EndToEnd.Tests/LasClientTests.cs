using System.Net;
using System.Security.Cryptography.X509Certificates;
using Oso.Cli.Up;

namespace Oso.EndToEnd.Tests;

/// <summary>
/// A LAS vendor's key leaks, or an installation is retired: the node operator revokes that LAS client and its key and
/// certificate stop working at once, while the school's other LAS clients carry on.
/// </summary>
public sealed class LasClientTests(SqliteChain fixture) : IClassFixture<SqliteChain>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_revoked_api_key_and_certificate_no_longer_open_the_api_and_other_clients_keep_working()
    {
        fixture.RequireChain();
        var node = fixture.Chain.School.Admin;
        var brin = fixture.Chain.State.Po.Brin;
        using var issued = (await fixture.Chain.Central.Admin.IssueCertificateAsync(DemoChain.SysteemId, cancellationToken: _ct)).Zeker.Certificaat;
        var (id, key) = await node.CreateLasClientAsync(brin, "Uit te faseren LAS", issued, _ct);

        Assert.Equal(HttpStatusCode.OK, await ReceivedStatusAsync(brin, key, null));
        Assert.Equal(HttpStatusCode.OK, await ReceivedStatusAsync(brin, null, issued));
        var listed = Assert.Single(await node.LasClientsAsync(brin, _ct), c => c.Id == id);
        Assert.Null(listed.RevokedAt);
        Assert.NotNull(listed.CertificateThumbprint);

        Assert.True(await node.RevokeLasClientAsync(brin, id, _ct));

        Assert.Equal(HttpStatusCode.Unauthorized, await ReceivedStatusAsync(brin, key, null));
        Assert.Equal(HttpStatusCode.Unauthorized, await ReceivedStatusAsync(brin, null, issued));
        Assert.Equal(HttpStatusCode.OK, await ReceivedStatusAsync(brin, fixture.Chain.State.Po.LasSleutel, null));
        Assert.False(await node.RevokeLasClientAsync(brin, id, _ct), "a second revoke changes nothing");
        Assert.NotNull(Assert.Single(await node.LasClientsAsync(brin, _ct), c => c.Id == id).RevokedAt);
        var trail = await node.AuditTrailAsync(brin, null, null, 10, _ct);
        Assert.Contains(trail, e => e.Action == "las.ingetrokken" && e.Detail == "client=" + id);
        Assert.Contains(trail, e => e.Action == "las.certificaat");
    }

    [Fact]
    public async Task A_certificate_already_linked_to_another_client_is_refused_and_creates_nothing()
    {
        fixture.RequireChain();
        var node = fixture.Chain.School.Admin;
        var brin = fixture.Chain.State.Po.Brin;
        using var issued = (await fixture.Chain.Central.Admin.IssueCertificateAsync(DemoChain.SysteemId, cancellationToken: _ct)).Zeker.Certificaat;
        await node.CreateLasClientAsync(brin, "Eerste", issued, _ct);
        var before = (await node.LasClientsAsync(brin, _ct)).Count;

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => node.CreateLasClientAsync(brin, "Tweede", issued, _ct));

        Assert.Contains("al aan een andere LAS-koppeling gekoppeld", refused.Message);
        Assert.Equal(before, (await node.LasClientsAsync(brin, _ct)).Count);
    }

    private async Task<HttpStatusCode> ReceivedStatusAsync(string brin, string? apiKey, X509Certificate2? certificate)
    {
        using var http = fixture.NodeHttpClient(certificate);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(fixture.Chain.School.PortalUrl, $"/api/v1/scholen/{brin}/ontvangen"));
        if (apiKey is not null) request.Headers.Authorization = new("Bearer", apiKey);
        using var response = await http.SendAsync(request, _ct);
        return response.StatusCode;
    }
}
