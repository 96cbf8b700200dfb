using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Oso.Protocol.Security;

namespace Oso.Protocol.Tests.Security;

/// <summary>Real TLS handshakes over loopback with <see cref="SslStream"/> (no Kestrel): the validator decides.</summary>
public class TlsHandshakeTests
{
    [Fact]
    public async Task A_system_certificate_of_our_ca_is_accepted_and_identifies_the_system()
    {
        var outcome = await HandshakeAsync(TestPki.Client);

        Assert.True(outcome.ClientOk && outcome.ServerOk, outcome.ToString());
        Assert.Equal(TestPki.Systeem, Assert.IsType<CertificateCheck.Accepted>(outcome.ServerCheck).Systeem);
    }

    [Fact]
    public async Task A_client_without_a_certificate_is_refused()
    {
        var outcome = await HandshakeAsync(clientCertificate: null);

        Assert.False(outcome.ServerOk);
        Assert.Equal(CertificaatWeigering.Ontbreekt, Assert.IsType<CertificateCheck.Refused>(outcome.ServerCheck).Reden);
    }

    [Fact]
    public async Task A_client_certificate_of_another_ca_is_refused()
    {
        var outcome = await HandshakeAsync(TestPki.ForeignClient);

        Assert.False(outcome.ServerOk);
        Assert.Equal(CertificaatWeigering.OnbekendeUitgever, Assert.IsType<CertificateCheck.Refused>(outcome.ServerCheck).Reden);
    }

    [Fact]
    public async Task An_expired_client_certificate_is_refused()
    {
        var outcome = await HandshakeAsync(TestPki.ExpiredClient);

        Assert.False(outcome.ServerOk);
        Assert.Equal(CertificaatWeigering.Verlopen, Assert.IsType<CertificateCheck.Refused>(outcome.ServerCheck).Reden);
    }

    [Fact]
    public async Task A_revoked_client_certificate_is_refused()
    {
        var revoked = new CertificateRevocationList([TestPki.Client.SerialNumber], []);

        var outcome = await HandshakeAsync(TestPki.Client, serverValidator: TestPki.Validator(revoked));

        Assert.False(outcome.ServerOk);
        Assert.Equal(CertificaatWeigering.Ingetrokken, Assert.IsType<CertificateCheck.Refused>(outcome.ServerCheck).Reden);
    }

    [Fact]
    public async Task The_client_refuses_a_server_certificate_of_another_ca()
    {
        var outcome = await HandshakeAsync(TestPki.Client, serverCertificate: TestPki.ForeignServer);

        Assert.False(outcome.ClientOk);
        Assert.Equal(CertificaatWeigering.OnbekendeUitgever, outcome.ClientRefusal?.Reden);
    }

    [Fact]
    public async Task The_client_refuses_a_server_certificate_for_another_name()
    {
        var outcome = await HandshakeAsync(TestPki.Client, targetHost: "las.elders.nl");

        Assert.False(outcome.ClientOk);
        Assert.Equal(CertificaatWeigering.NaamKloptNiet, outcome.ClientRefusal?.Reden);
    }

    [Fact]
    public async Task Our_client_settings_refuse_a_server_that_offers_only_CBC_suites_and_accept_one_with_AEAD()
    {
        if (!OperatingSystem.IsLinux()) Assert.Skip("Cipher suites can be chosen only on Linux.");
        TlsCipherSuite[] cbc = [TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256, TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384];
        TlsCipherSuite[] gcm = [TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256];

        Assert.False(await OurClientConnectsToAsync(cbc));
        Assert.True(await OurClientConnectsToAsync(gcm));
    }

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static async Task<bool> OurClientConnectsToAsync(TlsCipherSuite[] serverSuites)
    {
        var ct = TestData.Ct;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var server = Task.Run(async () =>
        {
            using var socket = await listener.AcceptTcpClientAsync(ct);
            await using var tls = new SslStream(socket.GetStream());
            try
            {
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                {
                    ServerCertificate = TestPki.Server,
                    EnabledSslProtocols = SslProtocols.Tls12, // a TLS 1.2-only server: 1.3 would hide the suites
                    CipherSuitesPolicy = new CipherSuitesPolicy(serverSuites),
                }, ct);
            }
            catch (Exception e) when (e is AuthenticationException or IOException)
            {
            }
        }, ct);
        using var socket = new TcpClient();
        await socket.ConnectAsync(IPAddress.Loopback, port, ct);
        await using var tls = new SslStream(socket.GetStream());
        var options = new SslClientAuthenticationOptions { TargetHost = "localhost", RemoteCertificateValidationCallback = TestPki.Validator().ServerCertificateCallback() };
        OsoTls.Apply(options);
        try
        {
            await tls.AuthenticateAsClientAsync(options, ct);
            return true;
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            return false;
        }
        finally
        {
            await server;
        }
    }

    private sealed record Outcome(bool ClientOk, bool ServerOk, CertificateCheck? ServerCheck, CertificateCheck.Refused? ClientRefusal);

    private static async Task<Outcome> HandshakeAsync(
        X509Certificate2? clientCertificate,
        X509Certificate2? serverCertificate = null,
        OsoCertificateValidator? serverValidator = null,
        string targetHost = "localhost")
    {
        var ct = TestData.Ct;
        serverValidator ??= TestPki.Validator();
        var clientValidator = TestPki.Validator();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        CertificateCheck? serverCheck = null;
        CertificateCheck.Refused? clientRefusal = null;

        var server = Task.Run(async () =>
        {
            using var socket = await listener.AcceptTcpClientAsync(ct);
            await using var tls = new SslStream(socket.GetStream());
            try
            {
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                {
                    ServerCertificate = serverCertificate ?? TestPki.Server,
                    ClientCertificateRequired = true,
                    RemoteCertificateValidationCallback = (sender, cert, chain, errors) =>
                    {
                        serverCheck = serverValidator.ValidateClient(cert as X509Certificate2, chain);
                        return serverCheck is CertificateCheck.Accepted;
                    },
                }, ct);
                await tls.WriteAsync(new byte[] { 42 }, ct);
                return true;
            }
            catch (Exception e) when (e is AuthenticationException or IOException)
            {
                return false;
            }
        }, ct);

        bool clientOk;
        using (var socket = new TcpClient())
        {
            await socket.ConnectAsync(IPAddress.Loopback, port, ct);
            await using var tls = new SslStream(socket.GetStream());
            try
            {
                await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                {
                    TargetHost = targetHost,
                    ClientCertificates = clientCertificate is null ? null : [clientCertificate],
                    RemoteCertificateValidationCallback = clientValidator.ServerCertificateCallback((_, r) => clientRefusal = r),
                }, ct);
                // with TLS 1.3 the server's verdict on our certificate arrives after the handshake: read to hear it
                var buffer = new byte[1];
                clientOk = await tls.ReadAsync(buffer, ct) == 1 && buffer[0] == 42;
            }
            catch (Exception e) when (e is AuthenticationException or IOException)
            {
                clientOk = false;
            }
        }
        var serverOk = await server;
        return new Outcome(clientOk, serverOk, serverCheck, clientRefusal);
    }
}
