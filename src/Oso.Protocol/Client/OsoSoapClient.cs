using System.Net;
using System.Security.Authentication;
using Oso.Protocol.Messages;
using Oso.Protocol.Security;
using Oso.Protocol.Soap;

namespace Oso.Protocol.Client;

/// <summary>Options of <see cref="OsoSoapClient"/>.</summary>
public sealed record OsoSoapClientOptions
{
    /// <summary>Time for one whole call, connection included; default 30 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Limits for reading the answer (a documentResponse may carry a large dossier): by default
    /// <see cref="SoapLimits.Spooled"/>, past 8 MiB to an encrypted spool file and up to 256 MiB (ADR 0014).
    /// </summary>
    public SoapLimits Limits { get; init; } = SoapLimits.Spooled;

    /// <summary>The clock for the timeout.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where the HTTP client's certificate check records why it refused a server (see <see cref="OsoHttpClientFactory"/>).</summary>
    public TlsRefusals? TlsRefusals { get; init; }
}

/// <summary>
/// Posts OSO requests over an (mTLS) <see cref="HttpClient"/> and returns the typed response, or a typed failure
/// with a Dutch description: SOAP fault, HTTP status, TLS failure, no connection, timeout, invalid or unexpected
/// answer. Never throws for those; only the caller's own cancellation throws.
/// </summary>
public sealed class OsoSoapClient
{
    private readonly HttpClient _http;
    private readonly OsoSoapClientOptions _options;

    /// <summary>Creates a client over <paramref name="http"/> (from <see cref="OsoHttpClientFactory"/>).</summary>
    public OsoSoapClient(HttpClient http, OsoSoapClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = http;
        _options = options ?? new OsoSoapClientOptions();
    }

    /// <summary>Sends <paramref name="request"/> to <paramref name="endpoint"/> and reads the answer.</summary>
    public async Task<OsoCallResult<TResponse>> SendAsync<TResponse>(Uri endpoint, OsoRequest<TResponse> request, CancellationToken cancellationToken = default)
        where TResponse : OsoResponse
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(request);
        var host = endpoint.IsAbsoluteUri ? endpoint.Authority : endpoint.ToString();
        using var timeout = new CancellationTokenSource(_options.Timeout, _options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, endpoint)
            {
                Version = HttpVersion.Version11,
                Content = new SoapContent(request),
            };
            message.Headers.TryAddWithoutValidation(SoapWriter.SoapActionHeader, SoapWriter.SoapActionValue);
            // small messages get a Content-Length; only a terugkoppeling (a whole document) is streamed chunked
            if (request is not TerugkoppelingRequest) await message.Content.LoadIntoBufferAsync(linked.Token);
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var status = (int)response.StatusCode;
            if (status is not (200 or SoapFault.HttpStatusCode))
                return Fail<TResponse>(OsoCallFailureKind.HttpStatus, $"{host} antwoordde met HTTP {status} ({response.ReasonPhrase}).", status: status);
            await using var body = await response.Content.ReadAsStreamAsync(linked.Token);
            var read = await SoapReader.ReadAsync(body, _options.Limits, linked.Token);
            if (read is SoapReadResult.Read { Message: var received } && (received is not TResponse || status != 200))
                SoapReader.Carried(received)?.Dispose(); // not handed to the caller: nobody else would dispose its spool file
            return read switch
            {
                SoapReadResult.Read { Message: TResponse typed } when status == 200 => new OsoCallResult<TResponse>.Success(typed),
                SoapReadResult.Read other => Fail<TResponse>(OsoCallFailureKind.OnverwachtAntwoord,
                    $"{host} antwoordde op {request.ElementName} met {other.Message.ElementName} (HTTP {status}).", status: status),
                SoapReadResult.FaultReceived f => Fail<TResponse>(OsoCallFailureKind.SoapFout,
                    $"{host} weigerde {request.ElementName} met een SOAP-fout ({f.Fault.Code}): {f.Fault.Omschrijving}", f.Fault, status),
                SoapReadResult.Rejected r when status == SoapFault.HttpStatusCode => Fail<TResponse>(OsoCallFailureKind.HttpStatus,
                    $"{host} antwoordde met HTTP {status} zonder leesbare SOAP-fout.", r.Fault, status),
                SoapReadResult.Rejected r => Fail<TResponse>(OsoCallFailureKind.OngeldigAntwoord,
                    $"Het antwoord van {host} op {request.ElementName} is ongeldig: {r.Fault.Omschrijving}", r.Fault, status),
                _ => throw new InvalidOperationException("Onbekend leesresultaat."),
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Fail<TResponse>(OsoCallFailureKind.Timeout, $"{host} antwoordde niet binnen {_options.Timeout.TotalSeconds:0} seconden op {request.ElementName}.");
        }
        catch (HttpRequestException e)
        {
            return Classify<TResponse>(e, host, endpoint);
        }
        catch (IOException)
        {
            return Fail<TResponse>(OsoCallFailureKind.Verbinding, $"De verbinding met {host} werd verbroken tijdens het lezen van het antwoord.");
        }
    }

    private OsoCallResult<TResponse> Classify<TResponse>(HttpRequestException e, string host, Uri endpoint)
        where TResponse : OsoResponse
    {
        if (e.HttpRequestError == HttpRequestError.SecureConnectionError || Has<AuthenticationException>(e))
        {
            var why = _options.TlsRefusals?.Take(endpoint.Host);
            return Fail<TResponse>(OsoCallFailureKind.Tls, why is null
                ? $"De beveiligde verbinding (TLS) met {host} kwam niet tot stand; mogelijk weigerde {host} ons certificaat."
                : $"De beveiligde verbinding (TLS) met {host} is geweigerd: {why.Omschrijving}");
        }
        return e.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => Fail<TResponse>(OsoCallFailureKind.Verbinding, $"De naam {endpoint.Host} is niet gevonden (DNS)."),
            HttpRequestError.ConnectionError => Fail<TResponse>(OsoCallFailureKind.Verbinding, $"Er kon geen verbinding worden gemaakt met {host}."),
            // with TLS 1.3 a server that refuses our client certificate does so after the handshake: the connection just ends
            HttpRequestError.ResponseEnded => Fail<TResponse>(OsoCallFailureKind.Tls,
                $"{host} verbrak de verbinding zonder antwoord; waarschijnlijk weigerde {host} ons clientcertificaat."),
            _ => Fail<TResponse>(OsoCallFailureKind.Verbinding, $"De verbinding met {host} mislukte ({e.HttpRequestError})."),
        };
    }

    private static bool Has<T>(Exception e)
        where T : Exception
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (x is T) return true;
        return false;
    }

    private static OsoCallResult<TResponse> Fail<TResponse>(OsoCallFailureKind kind, string text, SoapFault? fault = null, int? status = null)
        where TResponse : OsoResponse =>
        new OsoCallResult<TResponse>.Failure(new OsoCallFailure(kind, text) { Fault = fault, HttpStatus = status });
}
