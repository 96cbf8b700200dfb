using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Security.Authentication;
using Oso.Protocol.Security;

namespace Oso.EndToEnd.Tests.Security;

/// <summary>
/// Issue 11 §6: all four listeners of a running chain speak TLS 1.3 by preference and, in TLS 1.2, only ECDHE with an
/// AEAD cipher (NCSC "goed"). A client offering only CBC suites gets no connection. Real handshakes with
/// <see cref="SslStream"/>, whose suites can be chosen on Linux (where the listeners enforce theirs).
/// </summary>
public sealed class TlsSuiteTests(SqliteChain fixture) : IClassFixture<SqliteChain>
{
    private static readonly TlsCipherSuite[] CbcOnly =
    [
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256, TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256, TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384,
        TlsCipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA256, TlsCipherSuite.TLS_RSA_WITH_AES_256_CBC_SHA256,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,
    ];

    private static readonly TlsCipherSuite[] AllTls12 = [.. CbcOnly, TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256];

    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public static TheoryData<string> Listeners => ["central-portal", "central-protocol", "school-portal", "school-protocol"];

    private Uri Url(string listener) => listener switch
    {
        "central-portal" => fixture.Chain.Central.PortalUrl,
        "central-protocol" => fixture.Chain.Central.ProtocolUrl,
        "school-portal" => fixture.Chain.School.PortalUrl,
        _ => fixture.Chain.School.ProtocolUrl,
    };

    [Theory]
    [MemberData(nameof(Listeners))]
    public async Task A_TLS_1_2_client_offering_only_CBC_suites_is_refused(string listener)
    {
        fixture.RequireChain();
        if (!OperatingSystem.IsLinux()) Assert.Skip("Cipher suites can be chosen only on Linux.");

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => HandshakeAsync(Url(listener), SslProtocols.Tls12, CbcOnly));

        Assert.True(refused is AuthenticationException or IOException, refused.GetType().Name);
    }

    [Theory]
    [MemberData(nameof(Listeners))]
    public async Task A_TLS_1_2_client_offering_CBC_and_AEAD_suites_gets_an_ECDHE_AEAD_suite(string listener)
    {
        fixture.RequireChain();
        if (!OperatingSystem.IsLinux()) Assert.Skip("Cipher suites can be chosen only on Linux.");

        var (protocol, suite) = await HandshakeAsync(Url(listener), SslProtocols.Tls12, AllTls12);

        Assert.Equal(SslProtocols.Tls12, protocol);
        Assert.Contains(suite, OsoTls.CipherSuites);
        Assert.DoesNotContain(suite, CbcOnly);
    }

    [Theory]
    [MemberData(nameof(Listeners))]
    public async Task A_client_that_speaks_TLS_1_3_gets_TLS_1_3(string listener)
    {
        fixture.RequireChain();

        var (protocol, suite) = await HandshakeAsync(Url(listener), SslProtocols.Tls12 | SslProtocols.Tls13, null);

        Assert.Equal(SslProtocols.Tls13, protocol);
        Assert.Contains(suite, OsoTls.CipherSuites);
    }

    /// <summary>A handshake presenting the demo system certificate (the protocol listeners require one); the server certificate checked as the node checks it.</summary>
    private async Task<(SslProtocols Protocol, TlsCipherSuite Suite)> HandshakeAsync(Uri url, SslProtocols protocols, TlsCipherSuite[]? suites)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(url.Host, url.Port, _ct);
        await using var tls = new SslStream(tcp.GetStream());
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            EnabledSslProtocols = protocols,
            ClientCertificates = [fixture.Node.SystemCertificate],
            RemoteCertificateValidationCallback = fixture.Node.Validator.ServerCertificateCallback(),
        };
        if (suites is not null && OperatingSystem.IsLinux()) SetSuites(options, suites);
        await tls.AuthenticateAsClientAsync(options, _ct);
        return (tls.SslProtocol, tls.NegotiatedCipherSuite);
    }

    [SupportedOSPlatform("linux")]
    private static void SetSuites(SslClientAuthenticationOptions options, TlsCipherSuite[] suites) => options.CipherSuitesPolicy = new CipherSuitesPolicy(suites);
}
