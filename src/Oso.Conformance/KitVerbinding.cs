using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Oso.Protocol.Messages;
using Oso.Protocol.Security;
using Oso.Protocol.Soap;

namespace Oso.Conformance;

/// <summary>What came back from one call: the HTTP status and body, the body read as SOAP, or why there was no answer.</summary>
/// <param name="Status">HTTP status (0 without an answer).</param>
/// <param name="Body">The body as received.</param>
/// <param name="Gelezen">The body read with OpenOSO's hardened reader (null without an answer).</param>
/// <param name="Verbindingsfout">Why there was no answer (TLS refused, connection reset …), or null.</param>
internal sealed record Antwoord(int Status, byte[] Body, SoapReadResult? Gelezen, string? Verbindingsfout)
{
    public OsoMessage? Bericht => Gelezen is SoapReadResult.Read r ? r.Message : null;

    public SoapFault? Fout => Gelezen is SoapReadResult.FaultReceived f ? f.Fault : null;

    public override string ToString() => Verbindingsfout is not null ? $"geen antwoord ({Verbindingsfout})"
        : Bericht is { } m ? $"HTTP {Status} met {m.ElementName}{(Verwacht.ResultaatVan(m) is { } r ? " (" + r + ")" : "")}"
        : Fout is { } f ? $"HTTP {Status} met SOAP-fout {f.Code} {f.Foutcode}: {f.Omschrijving}"
        : $"HTTP {Status} zonder leesbaar SOAP-bericht ({Gelezen switch { SoapReadResult.Rejected afgewezen => afgewezen.Fault.Omschrijving, _ => "leeg" }})";
}

/// <summary>
/// The kit's connections: over mutual TLS with the system certificate it was given (server certificates checked
/// against the given trust anchors, else the system store), and on purpose without one or with one of a foreign CA.
/// </summary>
internal sealed class KitVerbinding : IDisposable
{
    private readonly HttpClient _http;
    private readonly OsoCertificateValidator? _validator;
    private readonly TimeSpan _timeout;

    public KitVerbinding(X509Certificate2 certificaat, IReadOnlyList<X509Certificate2> anchors, TimeProvider time, TimeSpan timeout)
    {
        Certificaat = certificaat;
        _validator = anchors.Count > 0 ? new OsoCertificateValidator(anchors, time) : null;
        _timeout = timeout;
        _http = Client(certificaat);
    }

    public X509Certificate2 Certificaat { get; }

    public HttpClient Http => _http;

    /// <summary>A client presenting <paramref name="certificaat"/> (or none); dispose it.</summary>
    public HttpClient Client(X509Certificate2? certificaat) => new(new SocketsHttpHandler
    {
        SslOptions = new SslClientAuthenticationOptions
        {
            ClientCertificates = certificaat is null ? null : [certificaat],
            RemoteCertificateValidationCallback = _validator?.ServerCertificateCallback(),
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
        },
        PooledConnectionLifetime = TimeSpan.FromSeconds(30),
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        ConnectTimeout = TimeSpan.FromSeconds(10),
    }, disposeHandler: true) { Timeout = _timeout };

    public async Task<Antwoord> SendAsync(Uri url, OsoRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await SoapWriter.WriteAsync(buffer, request, ct);
        return await PostAsync(url, buffer.ToArray(), ct);
    }

    public Task<Antwoord> PostAsync(Uri url, string xml, CancellationToken ct) => PostAsync(url, Encoding.UTF8.GetBytes(xml), ct);

    public Task<Antwoord> PostAsync(Uri url, byte[] body, CancellationToken ct, HttpClient? via = null, Action<HttpRequestMessage>? aanpassen = null) =>
        PostAsync(via ?? _http, url, new ByteArrayContent(body), ct, aanpassen);

    public static async Task<Antwoord> PostAsync(HttpClient http, Uri url, HttpContent content, CancellationToken ct, Action<HttpRequestMessage>? aanpassen = null)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, url) { Version = HttpVersion.Version11, Content = content };
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(SoapWriter.ContentType);
        message.Headers.TryAddWithoutValidation(SoapWriter.SoapActionHeader, SoapWriter.SoapActionValue);
        aanpassen?.Invoke(message);
        try
        {
            using var response = await http.SendAsync(message, ct);
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            var gelezen = body.Length == 0 ? null : await SoapReader.ReadAsync(new MemoryStream(body), cancellationToken: ct);
            return new Antwoord((int)response.StatusCode, body, gelezen, null);
        }
        catch (HttpRequestException e)
        {
            return new Antwoord(0, [], null, Reden(e));
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return new Antwoord(0, [], null, "geen antwoord binnen de tijd");
        }
    }

    private static string Reden(HttpRequestException e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (x is AuthenticationException) return "TLS-handshake geweigerd: " + x.Message;
        return e.HttpRequestError switch
        {
            HttpRequestError.SecureConnectionError => "TLS-handshake geweigerd",
            HttpRequestError.ResponseEnded => "verbinding verbroken zonder antwoord (na de TLS-handshake: clientcertificaat geweigerd)",
            HttpRequestError.ConnectionError => "geen verbinding",
            _ => $"verbinding mislukt ({e.HttpRequestError})",
        };
    }

    public void Dispose() => _http.Dispose();
}
