using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Oso.Protocol.Security;

/// <summary>How an OSO system connects out over mutual TLS.</summary>
/// <param name="ClientCertificate">The system certificate (with private key) this system presents.</param>
/// <param name="ServerValidator">Checks the server certificates against OSO's trust anchors only.</param>
public sealed record OsoClientOptions(X509Certificate2 ClientCertificate, OsoCertificateValidator ServerValidator)
{
    /// <summary>Time to set up a connection (TCP and TLS); default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a pooled connection lives, so certificate and DNS changes are picked up; default 5 min.</summary>
    public TimeSpan PooledConnectionLifetime { get; init; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// Remembers, per host, why the last server certificate was refused: the TLS exception only says "rejected", a
/// transfer trace should say why.
/// </summary>
public sealed class TlsRefusals
{
    private readonly ConcurrentDictionary<string, CertificateCheck.Refused> _byHost = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Records a refusal for <paramref name="host"/>.</summary>
    public void Record(string host, CertificateCheck.Refused refusal) => _byHost[host] = refusal;

    /// <summary>Takes (and forgets) the last refusal recorded for <paramref name="host"/>.</summary>
    public CertificateCheck.Refused? Take(string host) => _byHost.TryRemove(host, out var r) ? r : null;
}

/// <summary>
/// Creates the <see cref="HttpClient"/> for OSO calls: presents the system certificate and trusts only OSO's anchors
/// (see <see cref="OsoCertificateValidator"/>), TLS 1.2 or 1.3 with AEAD suites only (<see cref="OsoTls"/>), host name
/// checked. Create one per system and reuse it.
/// </summary>
public static class OsoHttpClientFactory
{
    /// <summary>The handler; <paramref name="refusals"/> hears why a server certificate was refused.</summary>
    public static SocketsHttpHandler CreateHandler(OsoClientOptions options, TlsRefusals? refusals = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.ClientCertificate.HasPrivateKey)
            throw new ArgumentException("Het clientcertificaat heeft geen privésleutel.", nameof(options));
        var ssl = new SslClientAuthenticationOptions
        {
            ClientCertificates = [options.ClientCertificate],
            RemoteCertificateValidationCallback = options.ServerValidator.ServerCertificateCallback(refusals is null ? null : refusals.Record),
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        };
        OsoTls.Apply(ssl);
        return new SocketsHttpHandler
        {
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionLifetime = options.PooledConnectionLifetime,
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            SslOptions = ssl,
        };
    }

    /// <summary>
    /// An <see cref="HttpClient"/> over <see cref="CreateHandler"/>. Its own timeout is off: <c>OsoSoapClient</c>
    /// applies one per call, from its <see cref="TimeProvider"/>.
    /// </summary>
    public static HttpClient Create(OsoClientOptions options, TlsRefusals? refusals = null) =>
        new(CreateHandler(options, refusals), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
}
