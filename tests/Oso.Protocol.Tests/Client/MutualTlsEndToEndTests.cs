using System.Net;
using System.Net.Sockets;
using Oso.Protocol.Client;
using Oso.Protocol.Messages;
using Oso.Protocol.Security;
using Oso.Protocol.Tests.Security;

namespace Oso.Protocol.Tests.Client;

/// <summary>OsoSoapClient over the mTLS HttpClient against a loopback HTTPS server: the whole path, Kestrel-free.</summary>
public class MutualTlsEndToEndTests
{
    private static readonly OverzichtAanleverpuntRequest Request = new(TestData.Brin00YY, null, null);

    private static readonly OverzichtAanleverpuntResponse Answer = new([new Aanleverpunt(TestData.Rk931, TestData.Url)]);

    [Fact]
    public async Task A_request_over_mutual_tls_gets_its_typed_answer_and_the_server_knows_the_system()
    {
        await using var server = new LoopbackSoapServer(TestPki.Server, TestPki.Validator(), _ => Answer);
        using var http = OsoHttpClientFactory.Create(new OsoClientOptions(TestPki.Client, TestPki.Validator()));

        var result = await new OsoSoapClient(http).SendAsync(server.Url, Request, TestData.Ct);

        Assert.Equal(Answer, Assert.IsType<OsoCallResult<OverzichtAanleverpuntResponse>.Success>(result).Response);
        Assert.Equal(TestPki.Systeem, Assert.IsType<CertificateCheck.Accepted>(Assert.Single(server.ClientChecks)).Systeem);
    }

    [Fact]
    public async Task A_server_that_refuses_our_certificate_gives_a_tls_failure()
    {
        await using var server = new LoopbackSoapServer(TestPki.Server, TestPki.Validator(), _ => Answer);
        using var http = OsoHttpClientFactory.Create(new OsoClientOptions(TestPki.ForeignClient, TestPki.Validator()));

        var failure = Assert.IsType<OsoCallResult<OverzichtAanleverpuntResponse>.Failure>(
            await new OsoSoapClient(http).SendAsync(server.Url, Request, TestData.Ct)).Fout;

        Assert.Equal(OsoCallFailureKind.Tls, failure.Soort);
        Assert.Contains("certificaat", failure.Omschrijving);
        Assert.Equal(CertificaatWeigering.OnbekendeUitgever, Assert.IsType<CertificateCheck.Refused>(Assert.Single(server.ClientChecks)).Reden);
    }

    [Fact]
    public async Task A_server_certificate_of_another_ca_is_refused_with_the_reason_in_the_trace()
    {
        await using var server = new LoopbackSoapServer(TestPki.ForeignServer, TestPki.Validator(), _ => Answer);
        var refusals = new TlsRefusals();
        using var http = OsoHttpClientFactory.Create(new OsoClientOptions(TestPki.Client, TestPki.Validator()), refusals);

        var failure = Assert.IsType<OsoCallResult<OverzichtAanleverpuntResponse>.Failure>(
            await new OsoSoapClient(http, new OsoSoapClientOptions { TlsRefusals = refusals }).SendAsync(server.Url, Request, TestData.Ct)).Fout;

        Assert.Equal(OsoCallFailureKind.Tls, failure.Soort);
        Assert.Contains("niet uitgegeven door een vertrouwde OSO-uitgever", failure.Omschrijving);
    }

    [Fact]
    public async Task A_closed_port_is_a_connection_failure()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        using var http = OsoHttpClientFactory.Create(new OsoClientOptions(TestPki.Client, TestPki.Validator()));

        var failure = Assert.IsType<OsoCallResult<OverzichtAanleverpuntResponse>.Failure>(
            await new OsoSoapClient(http).SendAsync(new Uri($"https://localhost:{port}/oso"), Request, TestData.Ct)).Fout;

        Assert.Equal(OsoCallFailureKind.Verbinding, failure.Soort);
    }
}
