using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Oso.Dossier;
using Oso.School.Bron;
using Oso.School.LasApi;

namespace Oso.Cli.Demo;

/// <summary>A LAS as the School node's integration API sees it: HTTPS (trusting the given anchor) with a school's API key.</summary>
public sealed class LasApiClient : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;
    private readonly string _brin;

    /// <summary>A client for one school.</summary>
    public LasApiClient(Uri node, string brin, string apiKey, X509Certificate2 anchor)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        {
            if (certificate is null) return false;
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(anchor);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
        };
        _http = new HttpClient(handler) { BaseAddress = new Uri(node, $"/api/v1/scholen/{brin}/"), Timeout = TimeSpan.FromSeconds(60) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        _brin = brin;
    }

    /// <summary>The school.</summary>
    public string Brin => _brin;

    /// <summary>PUT a dossier (OSO XML).</summary>
    public async Task<AangeleverdDto> DeliverAsync(string lasId, Dossier.Model.Dossier dossier, CancellationToken ct)
    {
        using var content = new ByteArrayContent(DossierWriter.ToBytes(dossier));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        using var response = await _http.PutAsync($"leerlingen/{lasId}/dossier", content, ct).ConfigureAwait(false);
        return await Read<AangeleverdDto>(response, ct).ConfigureAwait(false);
    }

    /// <summary>POST the parents' inzage.</summary>
    public async Task RecordInzageAsync(string lasId, InzageInput inzage, CancellationToken ct)
    {
        using var response = await _http.PostAsJsonAsync($"leerlingen/{lasId}/inzage", inzage, Json, ct).ConfigureAwait(false);
        await Ensure(response, ct).ConfigureAwait(false);
    }

    /// <summary>POST a release.</summary>
    public Task<VrijgegevenDto> ReleaseAsync(string lasId, CancellationToken ct) => ReleaseAsync(lasId, null, ct);

    /// <summary>POST a release with OPTIONEEL categories not to send.</summary>
    public async Task<VrijgegevenDto> ReleaseAsync(string lasId, IReadOnlyList<string>? optOut, CancellationToken ct)
    {
        using var response = await _http.PostAsJsonAsync($"leerlingen/{lasId}/vrijgeven", new VrijgevenDto(optOut), Json, ct).ConfigureAwait(false);
        return await Read<VrijgegevenDto>(response, ct).ConfigureAwait(false);
    }

    /// <summary>POST an aanmelding; returns its id.</summary>
    public async Task<Guid> RegisterAsync(AanmeldingDto aanmelding, CancellationToken ct)
    {
        using var response = await _http.PostAsJsonAsync("aanmeldingen", aanmelding, Json, ct).ConfigureAwait(false);
        return (await Read<JsonElement>(response, ct).ConfigureAwait(false)).GetProperty("id").GetGuid();
    }

    /// <summary>
    /// POST a request for the dossier; returns the request id. With <paramref name="idempotencyKey"/> (the same on every
    /// retry of one request) a retry after a connection reset gets the same request instead of a second one.
    /// </summary>
    public async Task<Guid> RequestAsync(Guid aanmelding, DateTimeOffset? alleenGewijzigdSinds, CancellationToken ct, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"aanmeldingen/{aanmelding}/aanvragen")
        {
            Content = JsonContent.Create(new AanvragenDto(alleenGewijzigdSinds), options: Json),
        };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
        return (await Read<JsonElement>(response, ct).ConfigureAwait(false)).GetProperty("id").GetGuid();
    }

    private long _requestReads;

    /// <summary>How many times <see cref="GetRequestAsync"/> was called (a benchmark's own load on the API).</summary>
    public long RequestReads => Interlocked.Read(ref _requestReads);

    /// <summary>GET a request with its trace.</summary>
    public async Task<AanvraagDto> GetRequestAsync(Guid id, CancellationToken ct)
    {
        Interlocked.Increment(ref _requestReads);
        using var response = await _http.GetAsync($"aanvragen/{id}", ct).ConfigureAwait(false);
        return await Read<AanvraagDto>(response, ct).ConfigureAwait(false);
    }

    /// <summary>Polls a request every 100 ms until it is finished — Klaar or Mislukt — or the timeout passes.</summary>
    public Task<AanvraagDto> WaitForRequestAsync(Guid id, TimeSpan timeout, CancellationToken ct) =>
        WaitForRequestAsync(id, timeout, TimeSpan.FromMilliseconds(100), ct);

    /// <summary>Polls a request every <paramref name="interval"/> until it is finished — Klaar or Mislukt — or the timeout passes.</summary>
    public async Task<AanvraagDto> WaitForRequestAsync(Guid id, TimeSpan timeout, TimeSpan interval, CancellationToken ct)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var request = await GetRequestAsync(id, ct).ConfigureAwait(false);
            if (request.Status is "Klaar" or "Mislukt" || watch.Elapsed > timeout) return request;
            await Task.Delay(interval, ct).ConfigureAwait(false);
        }
    }

    /// <summary>GET received dossiers.</summary>
    public async Task<IReadOnlyList<OntvangenDto>> ReceivedAsync(bool onlyNew, CancellationToken ct)
    {
        using var response = await _http.GetAsync(onlyNew ? "ontvangen?nieuw=true" : "ontvangen", ct).ConfigureAwait(false);
        return await Read<List<OntvangenDto>>(response, ct).ConfigureAwait(false);
    }

    /// <summary>Polls the received dossiers until the one for an aanmelding is there; null when the timeout passes first.</summary>
    public async Task<OntvangenDto?> WaitForReceivedAsync(Guid aanmelding, TimeSpan timeout, CancellationToken ct)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var received = (await ReceivedAsync(onlyNew: false, ct).ConfigureAwait(false)).FirstOrDefault(r => r.AanmeldingId == aanmelding);
            if (received is not null || watch.Elapsed > timeout) return received;
            await Task.Delay(100, ct).ConfigureAwait(false);
        }
    }

    /// <summary>GET the deliveries of a pupil's dossier to other schools (bron), with each one's ontvangstbevestiging.</summary>
    public async Task<IReadOnlyList<VerstrekkingDto>> DisclosuresAsync(string lasId, CancellationToken ct)
    {
        using var response = await _http.GetAsync($"leerlingen/{lasId}/verstrekkingen", ct).ConfigureAwait(false);
        return await Read<List<VerstrekkingDto>>(response, ct).ConfigureAwait(false);
    }

    /// <summary>GET a received dossier's XML.</summary>
    public Task<byte[]> ReceivedXmlAsync(Guid id, CancellationToken ct) => BytesAsync($"ontvangen/{id}", ct);

    /// <summary>GET the bron's signature of a received dossier; null when the bron did not sign it.</summary>
    public Task<byte[]?> ReceivedSignatureAsync(Guid id, CancellationToken ct) => OptionalBytesAsync($"ontvangen/{id}/handtekening", ct);

    private async Task<byte[]?> OptionalBytesAsync(string path, CancellationToken ct)
    {
        using var response = await _http.GetAsync(path, ct).ConfigureAwait(false);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return null;
        await Ensure(response, ct).ConfigureAwait(false);
        return await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
    }

    /// <summary>POST the import confirmation.</summary>
    public async Task AcknowledgeAsync(Guid id, CancellationToken ct)
    {
        using var response = await _http.PostAsync($"ontvangen/{id}/bevestigen", null, ct).ConfigureAwait(false);
        await Ensure(response, ct).ConfigureAwait(false);
    }

    /// <summary>School: sends the pupil's released dossier to the SWV (queued); the sending's first state.</summary>
    public async Task<SwvVerzendingDto> SendToSwvAsync(string lasId, string swvBrin, CancellationToken ct)
    {
        using var response = await _http.PostAsJsonAsync($"leerlingen/{lasId}/swv", new NaarSwvDto(swvBrin), Json, ct).ConfigureAwait(false);
        return await Read<SwvVerzendingDto>(response, ct).ConfigureAwait(false);
    }

    /// <summary>School: an SWV dossier sent, with its steps.</summary>
    public async Task<SwvVerzendingDto> GetSwvSendingAsync(Guid id, CancellationToken ct)
    {
        using var response = await _http.GetAsync($"swv-verzendingen/{id}", ct).ConfigureAwait(false);
        return await Read<SwvVerzendingDto>(response, ct).ConfigureAwait(false);
    }

    /// <summary>School: polls an SWV sending until it has left the queue (fetched or failed) or the timeout passes.</summary>
    public async Task<SwvVerzendingDto> WaitForSwvSendingAsync(Guid id, TimeSpan timeout, CancellationToken ct)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var sending = await GetSwvSendingAsync(id, ct).ConfigureAwait(false);
            if (sending.Status is not ("Wachtrij" or "Gemeld") || watch.Elapsed > timeout) return sending;
            await Task.Delay(100, ct).ConfigureAwait(false);
        }
    }

    /// <summary>SWV: the SWV dossiers announced and received.</summary>
    public async Task<IReadOnlyList<SwvDossierDto>> SwvDossiersAsync(CancellationToken ct)
    {
        using var response = await _http.GetAsync("swv-dossiers", ct).ConfigureAwait(false);
        return await Read<List<SwvDossierDto>>(response, ct).ConfigureAwait(false);
    }

    /// <summary>SWV: a received SWV dossier's XML.</summary>
    public Task<byte[]> SwvDossierXmlAsync(Guid id, CancellationToken ct) => BytesAsync($"swv-dossiers/{id}", ct);

    /// <summary>SWV: the school's signature of a received SWV dossier; null when the school did not sign it.</summary>
    public Task<byte[]?> SwvDossierSignatureAsync(Guid id, CancellationToken ct) => OptionalBytesAsync($"swv-dossiers/{id}/handtekening", ct);

    /// <summary>SWV: sends a terugkoppeling (one attempt) and returns the answer.</summary>
    public async Task<TerugkoppelingVerstuurdDto> SendFeedbackAsync(Guid swvDossier, byte[] xml, CancellationToken ct)
    {
        using var content = new ByteArrayContent(xml);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        using var response = await _http.PostAsync($"swv-dossiers/{swvDossier}/terugkoppeling", content, ct).ConfigureAwait(false);
        return await Read<TerugkoppelingVerstuurdDto>(response, ct).ConfigureAwait(false);
    }

    /// <summary>School or SWV: the terugkoppelingen received or sent.</summary>
    public async Task<IReadOnlyList<TerugkoppelingDto>> FeedbackAsync(CancellationToken ct)
    {
        using var response = await _http.GetAsync("terugkoppelingen", ct).ConfigureAwait(false);
        return await Read<List<TerugkoppelingDto>>(response, ct).ConfigureAwait(false);
    }

    /// <summary>School or SWV: one terugkoppeling's XML.</summary>
    public Task<byte[]> FeedbackXmlAsync(Guid id, CancellationToken ct) => BytesAsync($"terugkoppelingen/{id}", ct);

    private async Task<byte[]> BytesAsync(string path, CancellationToken ct)
    {
        using var response = await _http.GetAsync(path, ct).ConfigureAwait(false);
        await Ensure(response, ct).ConfigureAwait(false);
        return await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
    }

    private static async Task<T> Read<T>(HttpResponseMessage response, CancellationToken ct)
    {
        await Ensure(response, ct).ConfigureAwait(false);
        return (await response.Content.ReadFromJsonAsync<T>(Json, ct).ConfigureAwait(false))!;
    }

    private static async Task Ensure(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        throw new LasApiException(response.StatusCode, body);
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}

/// <summary>The API answered with an error (problem details in the body).</summary>
public sealed class LasApiException(HttpStatusCode status, string body) : Exception($"HTTP {(int)status}: {body}")
{
    /// <summary>The status.</summary>
    public HttpStatusCode Status { get; } = status;
}
