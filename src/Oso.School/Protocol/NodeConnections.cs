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
        if (options.TrafficCenterUrl is null) throw new InvalidOperationException("Geen Traffic Center ingesteld (--traffic-center).");
        if (options.SystemCertificate is null || options.SystemKey is null)
            throw new InvalidOperationException("Geen systeemcertificaat ingesteld (--system-cert en --system-key).");
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

    /// <summary>An HTTPS client for Central's public lists (revocations, qualified schools): it trusts Central's server certificate by the node's anchors.</summary>
    public HttpClient CreateCentralClient()
    {
        var handler = new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = Validator.ServerCertificateCallback() } };
        OsoTls.Apply(handler.SslOptions);
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>
    /// Whether the Traffic Center answers over mutual TLS (any HTTP answer counts: the handshake with the system
    /// certificate succeeded and Central is up); null when it does, else the error's type.
    /// </summary>
    public async Task<string?> CheckTrafficCenterAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            using var response = await _http.GetAsync(TrafficCenter, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return e is OperationCanceledException ? "geen antwoord binnen 5 seconden" : e.GetType().Name;
        }
    }

    /// <summary>
    /// POSTs <paramref name="xml"/> (<c>application/xml</c>) over mutual TLS with the system certificate; the answer's
    /// HTTP status, or null when no answer came (connection, TLS, timeout).
    /// </summary>
    public async Task<int?> PostXmlAsync(Uri url, ReadOnlyMemory<byte> xml, CancellationToken cancellationToken) =>
        (await SendAsync(HttpMethod.Post, url, xml, cancellationToken).ConfigureAwait(false)).Status;

    /// <summary>
    /// Sends a request over mutual TLS with the system certificate (<paramref name="xml"/> as an <c>application/xml</c>
    /// body when given); the answer's status and body (at most 1 MiB), or a null status when no answer came.
    /// </summary>
    public async Task<(int? Status, byte[] Body)> SendAsync(HttpMethod method, Uri url, ReadOnlyMemory<byte>? xml, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url);
        if (xml is { } bytes)
        {
            request.Content = new ReadOnlyMemoryContent(bytes);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/xml");
        }
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.Content.Headers.ContentLength > MaxAnswer) return ((int)response.StatusCode, []);
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var body = new MemoryStream();
            var chunk = new byte[8192];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0 && body.Length <= MaxAnswer) body.Write(chunk, 0, read);
            return ((int)response.StatusCode, body.Length > MaxAnswer ? [] : body.ToArray());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return (null, []);
        }
    }

    private const int MaxAnswer = 1024 * 1024;

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
    /// <summary>The list as Central publishes it at <c>/api/certificaten/ingetrokken</c>.</summary>
    /// <param name="Bijgewerkt">When Central produced the list.</param>
    /// <param name="Certificaten">The revoked certificates.</param>
    public sealed record Ingetrokken(DateTimeOffset Bijgewerkt, IReadOnlyList<IngetrokkenCertificaat>? Certificaten);

    /// <summary>One revoked certificate.</summary>
    /// <param name="Serienummer">Serial number (hex).</param>
    /// <param name="Sha256">SHA-256 fingerprint (hex).</param>
    public sealed record IngetrokkenCertificaat(string? Serienummer, string? Sha256);

    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    /// <summary>How often the list is fetched.</summary>
    public static TimeSpan Interval { get; } = TimeSpan.FromMinutes(5);

    /// <summary>Fetches the list once and applies it; false (the previous list stays) when Central could not be read.</summary>
    public async Task<bool> RefreshAsync(HttpClient http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (options.RevocationListUrl is null) return false;
        try
        {
            var document = await http.GetFromJsonAsync<Ingetrokken>(options.RevocationListUrl, Json, cancellationToken).ConfigureAwait(false);
            if (document?.Certificaten is null)
            {
                logger.LogWarning("De intrekkingslijst van Central heeft geen certificatenlijst; de vorige blijft gelden.");
                return false;
            }
            var list = document.Certificaten;
            connections.UpdateRevocations(new CertificateRevocationList(
                list.Select(c => c.Serienummer).OfType<string>(), list.Select(c => c.Sha256).OfType<string>()));
            return true;
        }
        catch (Exception ex) when (ex is HttpRequestException or System.Text.Json.JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Intrekkingslijst van Central niet opgehaald ({Error}); de vorige blijft gelden.", ex.GetType().Name);
            return false;
        }
    }

    /// <summary>An HTTP client that trusts Central's server certificate by the node's anchors.</summary>
    public HttpClient CreateClient() => connections.CreateCentralClient();

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.RevocationListUrl is null) return;
        using var http = CreateClient();
        while (!stoppingToken.IsCancellationRequested)
        {
            await RefreshAsync(http, stoppingToken).ConfigureAwait(false);
            try
            {
                await Task.Delay(Interval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
