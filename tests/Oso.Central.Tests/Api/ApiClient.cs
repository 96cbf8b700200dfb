using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Time.Testing;
using Oso.Central.Tests.Infrastructure;
using Oso.Protocol.Security;
using Oso.Testing;

namespace Oso.Central.Tests.Api;

/// <summary>A person (or system) using the management API over HTTPS, trusting Central's anchor.</summary>
public sealed class ApiClient : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly FakeTimeProvider _time;

    private ApiClient(HttpClient http, FakeTimeProvider time)
    {
        Http = http;
        _time = time;
    }

    public HttpClient Http { get; }

    public string? TotpKey { get; private set; }

    /// <summary>The recovery codes given when two-factor authentication was switched on.</summary>
    public IReadOnlyList<string> Herstelcodes { get; private set; } = [];

    public static ApiClient For(CentralFixture f, X509Certificate2? clientCertificate = null) => For(f.Central, f.Time, clientCertificate);

    /// <summary>A client of any Central host; TOTP codes follow <paramref name="time"/> (the host's clock).</summary>
    public static ApiClient For(CentralHandle central, FakeTimeProvider time, X509Certificate2? clientCertificate = null)
    {
        var anchors = new X509Certificate2Collection();
        anchors.ImportFromPemFile(central.TrustAnchorPemPath);
        var validator = new OsoCertificateValidator(anchors, TimeProvider.System);
        var handler = new SocketsHttpHandler
        {
            SslOptions = new System.Net.Security.SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = validator.ServerCertificateCallback(),
                ClientCertificates = clientCertificate is null ? null : [clientCertificate],
            },
        };
        return new ApiClient(new HttpClient(handler) { BaseAddress = central.PortalUrl }, time);
    }

    /// <summary>Signs in (with a TOTP code when a key is known); returns the status.</summary>
    public async Task<HttpResponseMessage> LoginAsync(string email, string wachtwoord, string? totpKey = null)
    {
        totpKey ??= TotpKey;
        var code = totpKey is null ? null : TotpCodes.Next(totpKey, _time);
        var response = await Http.PostAsJsonAsync("/api/account/inloggen", new { email, wachtwoord, code }, Tc.Ct);
        if (response.IsSuccessStatusCode)
        {
            var token = (await response.Content.ReadFromJsonAsync<JsonElement>(Tc.Ct)).GetProperty("accessToken").GetString();
            Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return response;
    }

    /// <summary>Signs in, switches on two-factor authentication and signs in again with a TOTP code.</summary>
    public async Task LoginWithTwoFactorAsync(string email, string wachtwoord)
    {
        (await LoginAsync(email, wachtwoord)).EnsureSuccessStatusCode();
        var sleutel = await (await Http.PostAsync("/api/account/tweestaps/sleutel", null, Tc.Ct)).Content.ReadFromJsonAsync<JsonElement>(Tc.Ct);
        TotpKey = sleutel.GetProperty("sleutel").GetString();
        var code = TotpCodes.Next(TotpKey!, _time);
        var aan = await Http.PostAsJsonAsync("/api/account/tweestaps", new { code }, Tc.Ct);
        aan.EnsureSuccessStatusCode();
        Herstelcodes = (await aan.Content.ReadFromJsonAsync<JsonElement>(Tc.Ct)).GetProperty("herstelcodes").EnumerateArray().Select(e => e.GetString()!).ToList();
        Http.DefaultRequestHeaders.Authorization = null;
        (await LoginAsync(email, wachtwoord)).EnsureSuccessStatusCode();
    }

    public async Task<(int Status, JsonElement Body)> GetAsync(string path)
    {
        using var response = await Http.GetAsync(path, Tc.Ct);
        return ((int)response.StatusCode, await BodyAsync(response));
    }

    public async Task<(int Status, JsonElement Body)> PostAsync(string path, object? body)
    {
        using var response = await Http.PostAsJsonAsync(path, body, Json, Tc.Ct);
        return ((int)response.StatusCode, await BodyAsync(response));
    }

    public async Task<(int Status, JsonElement Body)> UploadAsync(string path, string fileName, byte[] content)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "bestand", fileName);
        using var response = await Http.PostAsync(path, form, Tc.Ct);
        return ((int)response.StatusCode, await BodyAsync(response));
    }

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Tc.Ct);
        return text.Length == 0 ? default : JsonSerializer.Deserialize<JsonElement>(text);
    }

    public void Dispose() => Http.Dispose();
}
