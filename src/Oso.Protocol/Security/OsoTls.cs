using System.Net.Security;
using System.Runtime.Versioning;
using System.Security.Authentication;

namespace Oso.Protocol.Security;

/// <summary>
/// The TLS settings of every OSO connection, listener and client alike, following the NCSC's TLS guidelines
/// (ICT-beveiligingsrichtlijnen voor TLS, level "goed"): TLS 1.3 and 1.2 only (1.3 is chosen whenever both sides have
/// it), and for TLS 1.2 only ECDHE key exchange with an AEAD cipher (AES-GCM or ChaCha20-Poly1305). CBC suites and
/// RSA key exchange are never offered. The suites are enforced where .NET lets an application choose them (Linux,
/// through OpenSSL); elsewhere the operating system's TLS configuration decides.
/// </summary>
public static class OsoTls
{
    /// <summary>TLS 1.2 and 1.3.</summary>
    public const SslProtocols Protocols = SslProtocols.Tls12 | SslProtocols.Tls13;

    /// <summary>The cipher suites offered and accepted, strongest first: TLS 1.3, then TLS 1.2 ECDHE with AEAD (ECDSA and RSA certificates).</summary>
    public static IReadOnlyList<TlsCipherSuite> CipherSuites { get; } =
    [
        TlsCipherSuite.TLS_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256,
        TlsCipherSuite.TLS_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
    ];

    /// <summary>True where the suites can be enforced (Linux).</summary>
    public static bool EnforcesCipherSuites => OperatingSystem.IsLinux();

    /// <summary>Applies the protocols and (where possible) the suites to a server's options.</summary>
    public static void Apply(SslServerAuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.EnabledSslProtocols = Protocols;
        if (OperatingSystem.IsLinux()) options.CipherSuitesPolicy = Policy();
    }

    /// <summary>Applies the protocols and (where possible) the suites to a client's options.</summary>
    public static void Apply(SslClientAuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.EnabledSslProtocols = Protocols;
        if (OperatingSystem.IsLinux()) options.CipherSuitesPolicy = Policy();
    }

    [SupportedOSPlatform("linux")]
    private static CipherSuitesPolicy Policy() => new(CipherSuites);
}
