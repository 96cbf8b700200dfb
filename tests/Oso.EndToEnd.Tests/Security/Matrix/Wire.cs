using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Oso.Cli.Up;
using Oso.Protocol.Messages;
using Oso.Protocol.Security;
using Oso.Protocol.Soap;
using OtpNet;

namespace Oso.EndToEnd.Tests.Security.Matrix;

/// <summary>
/// How one identity reaches the hosts: its client certificate (or none), its cookies (portal sign-ins) and its bearer
/// token or API key. Redirects are never followed: the matrix looks at them.
/// </summary>
public sealed partial class Wire : IDisposable
{
    private readonly HttpClient _http;

    public Wire(string name, OsoCertificateValidator serverValidator, X509Certificate2? certificate = null, bool cookies = false, string? bearer = null)
    {
        Name = name;
        Bearer = bearer;
        Cookies = cookies ? new CookieContainer() : null;
        var ssl = new SslClientAuthenticationOptions
        {
            ClientCertificates = certificate is null ? null : [certificate],
            RemoteCertificateValidationCallback = serverValidator.ServerCertificateCallback(),
        };
        OsoTls.Apply(ssl);
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = Cookies is not null,
            CookieContainer = Cookies ?? new CookieContainer(),
            SslOptions = ssl,
            // a certificate the server refuses ends the connection: every request gets its own
            PooledConnectionLifetime = certificate is null ? TimeSpan.FromMinutes(5) : TimeSpan.Zero,
            ConnectCallback = ConnectFrom(NextClientAddress()),
        }) { Timeout = TimeSpan.FromSeconds(60) };
    }

    private static int _clients;

    /// <summary>
    /// Every identity is its own client, as it is in the world: its own loopback address (127.1.x.y; Linux routes all of
    /// 127/8 to the loopback device). The hosts limit sign-in attempts per client address, and the matrix is about who
    /// may do what, not about how often one client may try.
    /// </summary>
    private static IPAddress NextClientAddress()
    {
        var n = Interlocked.Increment(ref _clients);
        return new IPAddress([127, 1, (byte)(n / 250), (byte)(n % 250 + 1)]);
    }

    private static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> ConnectFrom(IPAddress local) => async (context, ct) =>
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.Bind(new IPEndPoint(local, 0));
            var host = context.DnsEndPoint.Host;
            var target = IPAddress.TryParse(host, out var ip) ? ip : IPAddress.Loopback; // the chain listens on loopback only
            await socket.ConnectAsync(new IPEndPoint(target, context.DnsEndPoint.Port), ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    };

    public string Name { get; }

    public string? Bearer { get; set; }

    public CookieContainer? Cookies { get; }

    private static string ZipText(byte[] zip)
    {
        using var archive = new System.IO.Compression.ZipArchive(new MemoryStream(zip), System.IO.Compression.ZipArchiveMode.Read);
        var text = new StringBuilder();
        foreach (var entry in archive.Entries)
        {
            using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
            text.Append(entry.FullName).Append('\n').Append(reader.ReadToEnd()).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Sends an HTTP request and observes the answer (a refused handshake is <see cref="Observed.TlsRefused"/>).</summary>
    public async Task<Observed> SendAsync(HttpMethod method, Uri url, HttpContent? content, CancellationToken ct, IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        if (Bearer is not null) request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Bearer);
        foreach (var (key, value) in headers ?? new Dictionary<string, string>()) request.Headers.TryAddWithoutValidation(key, value);
        try
        {
            using var response = await _http.SendAsync(request, ct);
            // a ZIP (the access download) is observed as the text of its files, so the disclosure check sees what it holds
            var body = response.Content.Headers.ContentType?.MediaType == "application/zip"
                ? ZipText(await response.Content.ReadAsByteArrayAsync(ct))
                : await response.Content.ReadAsStringAsync(ct);
            // a redirect to the same host is shown as its path, however the host wrote it
            var location = response.Headers.Location is { } l ? (l.IsAbsoluteUri && l.Authority == url.Authority ? l.PathAndQuery : l.OriginalString) : null;
            return new Observed(false, (int)response.StatusCode, location, await CodeOfAsync(response, body), body);
        }
        catch (HttpRequestException e) when (e.InnerException is AuthenticationException or IOException || e.HttpRequestError is HttpRequestError.SecureConnectionError or HttpRequestError.ResponseEnded)
        {
            return Observed.TlsRefused;
        }
    }

    public Task<Observed> GetAsync(Uri url, CancellationToken ct) => SendAsync(HttpMethod.Get, url, null, ct);

    /// <summary>A JSON body.</summary>
    public static HttpContent Json(object value) => new StringContent(JsonSerializer.Serialize(value, JsonOptions), Encoding.UTF8, "application/json");

    /// <summary>A form, with the antiforgery token this identity got on <paramref name="formToken"/> (if any).</summary>
    public static HttpContent Form(IDictionary<string, string> fields, (string Field, string Value)? formToken)
    {
        var values = new Dictionary<string, string>(fields);
        if (formToken is { } t) values[t.Field] = t.Value;
        return new FormUrlEncodedContent(values);
    }

    /// <summary>Posts a SOAP request (text/xml, as every OSO system does) and observes its answer: the resultaat or fault code.</summary>
    public async Task<Observed> SoapAsync(Uri url, OsoRequest message, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await SoapWriter.WriteAsync(buffer, message, ct);
        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = new("text/xml") { CharSet = "utf-8" };
        return await SendAsync(HttpMethod.Post, url, content, ct);
    }

    /// <summary>The antiforgery token of a page this identity opened (School: <c>__formulier</c>; Central: <c>__RequestVerificationToken</c>).</summary>
    public async Task<(string Field, string Value)?> FormTokenAsync(Uri page, CancellationToken ct)
    {
        var observed = await GetAsync(page, ct);
        var match = TokenPattern().Match(observed.Body);
        return match.Success ? (match.Groups[1].Value, WebUtility.HtmlDecode(match.Groups[2].Value)) : null;
    }

    /// <summary>
    /// Signs a demo staff account in to the School portal at <paramref name="portal"/> (password, then the first TOTP
    /// code, which sets two-step verification up) and returns the account's TOTP key. Each account once per chain.
    /// </summary>
    public async Task<string> StaffSignInAsync(Uri portal, DemoLogin login, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(login);
        var token = await FormTokenAsync(new Uri(portal, "/inloggen"), ct);
        var first = await SendAsync(HttpMethod.Post, new Uri(portal, "/inloggen"),
            Form(new Dictionary<string, string> { ["email"] = login.Email, ["wachtwoord"] = login.Wachtwoord }, token), ct);
        Assert.True(first.Status == 302, $"aanmelding {login.Email}: {first}");
        var codePage = await GetAsync(new Uri(portal, "/inloggen/code"), ct);
        var key = KeyPattern().Match(codePage.Body).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(key), "the demo account had two-step verification set up already");
        var codeToken = await FormTokenAsync(new Uri(portal, "/inloggen/code"), ct);
        var second = await SendAsync(HttpMethod.Post, new Uri(portal, "/inloggen/code"),
            Form(new Dictionary<string, string> { ["code"] = new Totp(Base32Encoding.ToBytes(key)).ComputeTotp() }, codeToken), ct);
        // the first code sets two-step verification up: the page then shows the recovery codes, once (signed in already)
        Assert.True(second.Status == 302 || (second.Status == 200 && second.Body.Contains("herstelcodes", StringComparison.OrdinalIgnoreCase)), $"code {login.Email}: {second}");
        return key;
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    // problem details: the last part of the type URN; SOAP: the fault code or the resultaat
    private static async Task<string?> CodeOfAsync(HttpResponseMessage response, string body)
    {
        var type = response.Content.Headers.ContentType?.MediaType;
        if (type == "application/problem+json")
        {
            try
            {
                using var json = JsonDocument.Parse(body);
                return json.RootElement.TryGetProperty("type", out var t) && t.GetString() is { } urn ? urn[(urn.LastIndexOf(':') + 1)..] : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
        if (type == "text/xml")
        {
            var read = await SoapReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(body)));
            return read switch
            {
                SoapReadResult.FaultReceived f => f.Fault.Foutcode,
                SoapReadResult.Read r => Resultaat(r.Message),
                _ => null,
            };
        }
        return null;
    }

    private static string Resultaat(OsoMessage message) => message switch
    {
        DocumentResponse.NietGeleverd n => n.Resultaat.ToString(),
        DocumentResponse.Geleverd => "Geleverd",
        OverdrachtResponse.Geweigerd g => g.Resultaat.ToString(),
        OverdrachtResponse.Toegekend => "SessieToegekend",
        SessiecontroleResponse.Ongeldig o => o.Resultaat.ToString(),
        SessiecontroleResponse.Geldig => "SessieGeldig",
        AfmeldingResponse a => a.Resultaat.ToString(),
        MeldenNotificatieResponse.Geweigerd g => g.Resultaat.ToString(),
        MeldenNotificatieResponse.Toegekend => "UrlToegekend",
        MeldenTerugkoppelingResponse.Geweigerd g => g.Resultaat.ToString(),
        MeldenTerugkoppelingResponse.Toegekend => "UrlToegekend",
        NotificatieResponse n => n.Resultaat.ToString(),
        OverzichtAanleverpuntResponse => "Overzicht",
        _ => message.ElementName,
    };

    [GeneratedRegex("id=\"tweestaps-sleutel\">([^<]+)<")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("name=\"(__formulier|__RequestVerificationToken)\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public void Dispose() => _http.Dispose();
}
