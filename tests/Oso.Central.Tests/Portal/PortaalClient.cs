using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Oso.Testing;
using Oso.Central.Tests.Infrastructure;
using Oso.Protocol.Security;
using static Oso.Central.Tests.Infrastructure.Tc;

namespace Oso.Central.Tests.Portal;

/// <summary>A person using the portal's pages over HTTPS, as a browser without JavaScript would: cookies, forms with their antiforgery token, no automatic redirects.</summary>
public sealed partial class PortaalClient : IDisposable
{
    private readonly CentralFixture _f;

    private PortaalClient(HttpClient http, CookieContainer cookies, CentralFixture f)
    {
        Http = http;
        Cookies = cookies;
        _f = f;
    }

    public HttpClient Http { get; }

    public CookieContainer Cookies { get; }

    public string? TotpKey { get; private set; }

    public static PortaalClient For(CentralFixture f)
    {
        var anchors = new X509Certificate2Collection();
        anchors.ImportFromPemFile(f.Central.TrustAnchorPemPath);
        var validator = new OsoCertificateValidator(anchors, TimeProvider.System);
        var cookies = new CookieContainer();
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = cookies,
            SslOptions = new System.Net.Security.SslClientAuthenticationOptions { RemoteCertificateValidationCallback = validator.ServerCertificateCallback() },
        };
        return new PortaalClient(new HttpClient(handler) { BaseAddress = f.Central.PortalUrl }, cookies, f);
    }

    public async Task<(HttpStatusCode Status, string Html, HttpResponseMessage Response)> GetAsync(string path)
    {
        var response = await Http.GetAsync(path, Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct), response);
    }

    /// <summary>Posts a form the way the page's own form does: with the antiforgery token of <paramref name="formPage"/> (unless told not to).</summary>
    public async Task<(HttpStatusCode Status, string Html, HttpResponseMessage Response)> PostAsync(string formPage, string action, IDictionary<string, string> fields, bool metToken = true)
    {
        var values = new Dictionary<string, string>(fields);
        if (metToken) values["__RequestVerificationToken"] = Token((await GetAsync(formPage)).Html);
        var response = await Http.PostAsync(action, new FormUrlEncodedContent(values), Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct), response);
    }

    /// <summary>Signs in with the password; the first time sets up two-factor authentication from the key the page shows, else enters the code.</summary>
    public async Task InloggenAsync(string email, string wachtwoord)
    {
        var (status, _, response) = await PostAsync("/inloggen", "/inloggen", new Dictionary<string, string> { ["email"] = email, ["wachtwoord"] = wachtwoord });
        Assert.Equal(HttpStatusCode.Redirect, status);
        var location = response.Headers.Location!.OriginalString;
        if (location.StartsWith("/tweestaps", StringComparison.Ordinal))
        {
            var (_, html, _) = await GetAsync("/tweestaps");
            TotpKey = SleutelPatroon().Match(html).Groups[1].Value;
            Assert.False(string.IsNullOrEmpty(TotpKey));
            var (aan, codes, _) = await PostAsync("/tweestaps", "/tweestaps", new Dictionary<string, string> { ["code"] = Code() });
            Assert.Equal(HttpStatusCode.OK, aan);
            Assert.Contains("Tweestapsverificatie staat aan", codes);
            Herstelcodes = HerstelcodePatroon().Matches(codes).Select(m => m.Groups[1].Value).ToList();
            Assert.Equal(10, Herstelcodes.Count);
            return;
        }
        Assert.StartsWith("/inloggen/code", location);
        var (code, _, _) = await PostAsync("/inloggen/code", "/inloggen/code", new Dictionary<string, string> { ["code"] = Code() });
        Assert.Equal(HttpStatusCode.Redirect, code);
    }

    /// <summary>The recovery codes shown when two-factor authentication was switched on.</summary>
    public IReadOnlyList<string> Herstelcodes { get; private set; } = [];

    /// <summary>A TOTP code on Central's clock, of a time step this account has not used (Central refuses a code twice: the clock moves on).</summary>
    public string Code() => TotpCodes.Next(TotpKey!, _f.Time);

    public static string Token(string html)
    {
        var match = TokenPatroon().Match(html);
        Assert.True(match.Success, "Het formulier heeft geen antiforgery-token.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPatroon();

    [GeneratedRegex("<li><code>([A-Z0-9-]{14})</code></li>")]
    private static partial Regex HerstelcodePatroon();

    [GeneratedRegex("data-sleutel=\"([A-Z2-7]+)\"")]
    private static partial Regex SleutelPatroon();

    public void Dispose() => Http.Dispose();
}
