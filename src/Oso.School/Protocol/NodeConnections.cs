using System.Net.Http.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Oso.Hosting.Certificates;
using Oso.Protocol.Client;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Security;

namespace Oso.School.Protocol;

/// <summary>
/// The node's outgoing connections: one mutual-TLS client that presents the node's system certificate and trusts
/// only the configured anchors (honouring the revocations Central publishes), and the Traffic Center's address.
/// </summary>
public sealed class NodeConnections : IDisposable
{
    private readonly HttpClient _http;
    private CertificateRevocationList _revocations = CertificateRevocationList.Empty;

    /// <summary>Sets up the client.</summary>
    public NodeConnections(SchoolOptions options, HostTls tls, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tls);
        if (options.TrafficCenterUrl is null) throw new InvalidOperationException("Geen Traffic Center ingesteld (Oso:School:TrafficCenterUrl).");
        if (options.SystemCertificate is null || options.SystemKey is null)
            throw new InvalidOperationException("Geen systeemcertificaat ingesteld (Oso:School:SystemCertificate en SystemKey).");
        SystemCertificate = HostTls.LoadPem(options.SystemCertificate, options.SystemKey);
        Systeem = CertificateNames.Systeem(SystemCertificate)
            ?? throw new InvalidOperationException("Het systeemcertificaat noemt geen systeem-id (SAN urn:oso:systeem:...).");
        TrafficCenter = options.TrafficCenterUrl;
        Validator = tls.Validator(time, () => _revocations);
        Refusals = new TlsRefusals();
        _http = OsoHttpClientFactory.Create(new OsoClientOptions(SystemCertificate, Validator), Refusals);
        Client = new OsoSoapClient(_http, new OsoSoapClientOptions { TimeProvider = time, TlsRefusals = Refusals });
    }

    /// <summary>The node's supplier system.</summary>
    public SysteemId Systeem { get; }

    /// <summary>The node's client certificate.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2 SystemCertificate { get; }

    /// <summary>The Traffic Center's endpoint.</summary>
    public Uri TrafficCenter { get; }

    /// <summary>Validates callers' and servers' certificates (anchors + current revocations).</summary>
    public OsoCertificateValidator Validator { get; }

    /// <summary>Why TLS connections were refused (for traces).</summary>
    public TlsRefusals Refusals { get; }

    /// <summary>The SOAP client.</summary>
    public OsoSoapClient Client { get; }

    /// <summary>Replaces the revocation list (from Central).</summary>
    public void UpdateRevocations(CertificateRevocationList list) => _revocations = list;

    /// <inheritdoc />
    public void Dispose()
    {
        _http.Dispose();
        SystemCertificate.Dispose();
    }
}

/// <summary>Fetches Central's list of revoked certificates periodically, so the node refuses them too.</summary>
public sealed class RevocationRefresher(SchoolOptions options, NodeConnections connections, ILogger<RevocationRefresher> logger) : BackgroundService
{
    /// <summary>The published list's shape.</summary>
    /// <param name="SerialNumbers">Revoked serial numbers (hex).</param>
    /// <param name="Thumbprints">Revoked thumbprints (hex).</param>
    public sealed record RevocationDocument(IReadOnlyList<string>? SerialNumbers, IReadOnlyList<string>? Thumbprints);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.RevocationListUrl is null) return;
        using var http = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = connections.Validator.ServerCertificateCallback() },
        });
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var document = await http.GetFromJsonAsync<RevocationDocument>(options.RevocationListUrl, stoppingToken).ConfigureAwait(false);
                if (document is not null)
                    connections.UpdateRevocations(new CertificateRevocationList(document.SerialNumbers ?? [], document.Thumbprints ?? []));
            }
            catch (Exception ex) when (ex is HttpRequestException or System.Text.Json.JsonException or TaskCanceledException && !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Intrekkingslijst van Central niet opgehaald ({Error}); de vorige blijft gelden.", ex.GetType().Name);
            }
            try
            {
                await Task.Delay(TimeSpan.FromMinutes(5), stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
