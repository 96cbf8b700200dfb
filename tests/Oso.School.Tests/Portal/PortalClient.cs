using System.Net;
using System.Text.RegularExpressions;

namespace Oso.School.Tests.Portal;

/// <summary>An HTTP client that behaves like a browser for the portal's forms: keeps cookies, sends the form token it read.</summary>
public sealed partial class PortalClient : IDisposable
{
    private readonly HttpClient _http;

    public PortalClient(Uri portal) : this(portal, new CookieContainer())
    {
    }

    /// <summary>A client with another client's cookies: the same browser, reaching another instance of the node.</summary>
    public PortalClient(Uri portal, CookieContainer cookies)
    {
        Cookies = cookies;
        _http = new HttpClient(new HttpClientHandler
        {
            CookieContainer = Cookies,
            UseCookies = true,
            AllowAutoRedirect = false,
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator, // the node's development certificate
        }) { BaseAddress = portal };
    }

    public CookieContainer Cookies { get; }

    public sealed record Answer(HttpStatusCode Status, string? Location, string Html);

    public async Task<Answer> GetAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        return new Answer(response.StatusCode, response.Headers.Location?.ToString(), await response.Content.ReadAsStringAsync());
    }

    /// <summary>Posts a form, with the form token from <paramref name="page"/> unless <paramref name="withToken"/> is false.</summary>
    public async Task<Answer> PostAsync(string path, string page, Dictionary<string, string> fields, bool withToken = true)
    {
        var values = new Dictionary<string, string>(fields);
        if (withToken) values["__formulier"] = Token(page);
        using var response = await _http.PostAsync(path, new FormUrlEncodedContent(values));
        return new Answer(response.StatusCode, response.Headers.Location?.ToString(), await response.Content.ReadAsStringAsync());
    }

    /// <summary>Posts a form with repeated fields (check boxes, hidden lists), with the form token from <paramref name="page"/>.</summary>
    public async Task<Answer> PostAsync(string path, string page, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var values = fields.Append(new("__formulier", Token(page))).ToList();
        using var response = await _http.PostAsync(path, new FormUrlEncodedContent(values));
        return new Answer(response.StatusCode, response.Headers.Location?.ToString(), await response.Content.ReadAsStringAsync());
    }

    /// <summary>A GET that keeps the response's headers and bytes (downloads).</summary>
    public async Task<(HttpStatusCode Status, System.Net.Http.Headers.HttpResponseHeaders Headers, System.Net.Http.Headers.HttpContentHeaders Content, byte[] Body)> DownloadAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        return (response.StatusCode, response.Headers, response.Content.Headers, await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>Posts a form with the token of <paramref name="page"/>; the response itself (its headers), to be disposed.</summary>
    public Task<HttpResponseMessage> RawPostAsync(string path, string page, Dictionary<string, string> fields) =>
        _http.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__formulier"] = Token(page) }));

    /// <summary>Sends a request as it is, with this client's cookies.</summary>
    public Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request) => _http.SendAsync(request);

    /// <summary>A request without a body (e.g. the session endpoint).</summary>
    public async Task<Answer> SendAsync(HttpMethod method, string path, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path);
        foreach (var (name, value) in headers) request.Headers.Add(name, value);
        using var response = await _http.SendAsync(request);
        return new Answer(response.StatusCode, response.Headers.Location?.ToString(), await response.Content.ReadAsStringAsync());
    }

    /// <summary>Step one of signing in (from <paramref name="signInPage"/>, which may carry the way back); returns the code page.</summary>
    public async Task<string> SignInWithPasswordAsync(string email, string password, string signInPage = "/inloggen")
    {
        var login = await GetAsync(signInPage);
        var back = new Uri(new Uri("https://x"), signInPage).Query;
        var terug = System.Web.HttpUtility.ParseQueryString(back)["terug"];
        var fields = new Dictionary<string, string> { ["email"] = email, ["wachtwoord"] = password };
        if (terug is not null) fields["terug"] = terug;
        var posted = await PostAsync("/inloggen", login.Html, fields);
        Assert.Equal(HttpStatusCode.Redirect, posted.Status);
        return (await GetAsync(posted.Location!)).Html;
    }

    public static string Token(string page)
    {
        var match = TokenPattern().Match(page);
        Assert.True(match.Success, "De pagina heeft geen formulier-token.");
        return match.Groups[1].Value;
    }

    /// <summary>The error messages next to fields.</summary>
    public static IReadOnlyList<string> FieldErrors(string page) =>
        FieldErrorPattern().Matches(page).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__formulier\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("class=\"field-error\"[^>]*><span class=\"visually-hidden\">Fout: </span>([^<]*)</p>")]
    private static partial Regex FieldErrorPattern();
}
