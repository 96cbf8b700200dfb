using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Oso.Central.Accounts;
using Oso.Central.Tests.Infrastructure;
using Oso.Central.Tests.Portal;
using Oso.Hosting.Accounts;
using Oso.Hosting.Portal;
using Oso.Testing;
using static Oso.Central.Tests.Infrastructure.Tc;

namespace Oso.Central.Tests.Accounts;

/// <summary>
/// Portal sessions at Central on its clock: a working morning, 20 minutes idle, 10 hours at most, then the sign-in page
/// with the way back (the test moves this class's own clock by hours).
/// </summary>
public sealed class SessionTests(SqliteCentral f) : IClassFixture<SqliteCentral>, IDisposable
{
    private const string Wachtwoord = "correct paard batterij nietje";
    private readonly List<PortaalClient> _clients = [];

    private async Task<PortaalClient> SignedInAsync()
    {
        var email = $"sessie-{Guid.NewGuid():N}@accounts.example";
        _ = (await f.Admin.AddUserAsync(new NieuweGebruiker(email, "Sessie", Wachtwoord, Rol.Beheerder, null), Ct)).Zeker;
        var c = PortaalClient.For(f);
        _clients.Add(c);
        await c.InloggenAsync(email, Wachtwoord);
        return c;
    }

    [Fact]
    public async Task A_session_lasts_a_working_morning_with_a_page_every_quarter_of_an_hour()
    {
        var c = await SignedInAsync();
        for (var i = 1; i <= 16; i++)
        {
            f.Time.Advance(TimeSpan.FromMinutes(15));
            var (status, html, response) = await c.GetAsync("/beheer");
            Assert.True(status == HttpStatusCode.OK, $"Na {i * 15} minuten: {status} {response.Headers.Location}");
            Assert.Contains(PortalAssets.SessionScriptPath, html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task After_twenty_idle_minutes_the_sign_in_page_says_the_session_ended_and_leads_back()
    {
        var c = await SignedInAsync();
        f.Time.Advance(TimeSpan.FromMinutes(19));
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("/beheer/accounts")).Status);
        f.Time.Advance(TimeSpan.FromMinutes(21));
        var (status, _, response) = await c.GetAsync("/beheer/accounts");
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal("/inloggen?terug=%2Fbeheer%2Faccounts&verlopen=true", response.Headers.Location!.OriginalString);
        var (_, html, _) = await c.GetAsync(response.Headers.Location.OriginalString);
        Assert.Contains("Uw sessie is verlopen", html, StringComparison.Ordinal);

        // a form posted after the end goes the same way, to the page it came from
        var (posted, _, postedResponse) = await c.PostAsync("/inloggen", "/beheer/accounts?handler=Verifieren&id=x", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, posted);
        Assert.Equal("/inloggen?terug=%2Fbeheer%2Faccounts%3Fid%3Dx&verlopen=true", postedResponse.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_session_ends_ten_hours_after_signing_in_and_the_page_knows_when()
    {
        var c = await SignedInAsync();
        var (_, state) = await SessionAsync(c);
        Assert.Equal(f.Time.GetUtcNow() + TimeSpan.FromHours(10), state.GetProperty("eindigtOp").GetDateTimeOffset(), TimeSpan.FromSeconds(1));
        for (var minutes = 15; minutes < 600; minutes += 15)
        {
            f.Time.Advance(TimeSpan.FromMinutes(15));
            Assert.True((await c.GetAsync("/beheer")).Status == HttpStatusCode.OK, $"Na {minutes} minuten afgemeld");
        }
        f.Time.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(HttpStatusCode.Redirect, (await c.GetAsync("/beheer")).Status);
        Assert.False((await SessionAsync(c)).State.GetProperty("aangemeld").GetBoolean());
    }

    private static async Task<(HttpStatusCode, JsonElement State)> SessionAsync(PortaalClient c)
    {
        using var response = await c.Http.GetAsync(PortalSessions.StatusPath, Ct);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(Ct));
    }

    public void Dispose()
    {
        foreach (var c in _clients) c.Dispose();
    }
}

/// <summary>Sign-in attempts from one address are limited: 429 with Retry-After, a Dutch page or problem.</summary>
public sealed class RateLimitTests(RateLimitTests.LimitedCentral f) : IClassFixture<RateLimitTests.LimitedCentral>
{
    public sealed class LimitedCentral : CentralFixture
    {
        protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

        protected override CentralOptions Configure(CentralOptions options) =>
            options with { RateLimit = new SignInRateLimitOptions { PermitLimit = 3, Window = TimeSpan.FromMinutes(10) } };
    }

    [Fact]
    public async Task The_fourth_attempt_within_the_window_gets_429_on_the_portal_and_the_api()
    {
        using var c = PortaalClient.For(f);
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await c.PostAsync("/inloggen", "/inloggen", new Dictionary<string, string> { ["email"] = "iemand@limiet.example", ["wachtwoord"] = "fout " + i })).Status);

        var (status, html, response) = await c.PostAsync("/inloggen", "/inloggen", new Dictionary<string, string> { ["email"] = "iemand@limiet.example", ["wachtwoord"] = "fout" });
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.InRange(response.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        Assert.Contains("Te veel pogingen", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("/inloggen")).Status); // reading the page is not limited

        using var api = await c.Http.PostAsJsonAsync("/api/account/inloggen", new { email = "iemand@limiet.example", wachtwoord = "fout" }, Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType!.MediaType);
        Assert.NotNull(api.Headers.RetryAfter);
        var problem = await api.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("urn:openoso:central:te-veel-pogingen", problem.GetProperty("type").GetString());
        Assert.Contains("Probeer het over", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
