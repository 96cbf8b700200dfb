using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Oso.Hosting.Portal;
using Oso.Testing;

namespace Oso.School.Tests.Portal;

/// <summary>
/// Staff sessions on the node's clock: they outlive the minute-by-minute security-stamp check and last a working
/// morning, end after 20 minutes without activity or 10 hours after signing in, and then send the person to the
/// sign-in page with the way back — never to "Geen toegang".
/// </summary>
public sealed class SessionTests
{
    private const string Dossiers = $"/scholen/{PortalNode.Po}/dossiers";

    private static FakeTimeProvider Clock() => new(new DateTimeOffset(2027, 3, 22, 7, 30, 0, TimeSpan.Zero)); // 8:30 in Utrecht

    [Fact]
    public async Task A_session_outlives_the_security_stamp_check_and_a_working_morning()
    {
        var time = Clock();
        await using var node = await PortalNode.StartAsync(DatabaseProvider.Sqlite, time);
        using var client = node.Client();
        await node.SignInAsync(client, PortalNode.PoMedewerker);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Dossiers)).Status);

        // past the security stamp's validation interval (one minute): the second factor is still there
        time.Advance(TimeSpan.FromSeconds(90));
        var page = await client.GetAsync(Dossiers);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.DoesNotContain("Geen toegang", page.Html, StringComparison.Ordinal);

        // a morning's work: a page every quarter of an hour and a search every hour, until half past twelve
        for (var i = 1; i <= 16; i++)
        {
            time.Advance(TimeSpan.FromMinutes(15));
            page = await client.GetAsync(Dossiers);
            Assert.True(page.Status == HttpStatusCode.OK, $"Na {i * 15} minuten: {page.Status} {page.Location}");
            if (i % 4 != 0) continue;
            var search = await client.PostAsync(Dossiers, page.Html, new() { ["zoek"] = "Vries" });
            Assert.True(search.Status == HttpStatusCode.OK, $"Zoeken na {i * 15} minuten: {search.Status} {search.Location}");
        }
    }

    [Fact]
    public async Task An_idle_session_ends_after_twenty_minutes_and_the_person_signs_in_again_and_returns_to_the_page()
    {
        var time = Clock();
        await using var node = await PortalNode.StartAsync(DatabaseProvider.Sqlite, time);
        using var client = node.Client();
        await node.SignInAsync(client, PortalNode.PoMedewerker);
        var form = (await client.GetAsync(Dossiers)).Html;

        // each request renews the idle time
        time.Advance(TimeSpan.FromMinutes(19));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Dossiers)).Status);
        time.Advance(TimeSpan.FromMinutes(19));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Dossiers)).Status);

        time.Advance(TimeSpan.FromMinutes(21));
        foreach (var path in new[] { Dossiers, "/", $"/scholen/{PortalNode.Po}/medewerkers" })
        {
            var ended = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, ended.Status);
            Assert.Equal("/inloggen?terug=" + Uri.EscapeDataString(path) + "&verlopen=true", ended.Location);
        }

        // a form posted after the end: to the sign-in page with the way back to the form's page (not a 400 or 403)
        var posted = await client.PostAsync(Dossiers + "?handler=zoeken", form, new() { ["zoek"] = "Vries" });
        Assert.Equal(HttpStatusCode.Redirect, posted.Status);
        Assert.Equal("/inloggen?terug=" + Uri.EscapeDataString(Dossiers) + "&verlopen=true", posted.Location);
        var signIn = await client.GetAsync(posted.Location!);
        Assert.Contains("Uw sessie is verlopen", signIn.Html, StringComparison.Ordinal);

        var code = await client.SignInWithPasswordAsync(PortalNode.PoMedewerker, PortalNode.Password, "/inloggen?terug=" + Uri.EscapeDataString(Dossiers));
        var back = await client.PostAsync("/inloggen/code?terug=" + Uri.EscapeDataString(Dossiers), code, new() { ["code"] = await node.CodeAsync(PortalNode.PoMedewerker), ["terug"] = Dossiers });
        Assert.Equal(HttpStatusCode.Redirect, back.Status);
        Assert.Equal(Dossiers, back.Location);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Dossiers)).Status);
    }

    [Fact]
    public async Task A_session_ends_ten_hours_after_signing_in_however_active_the_person_is()
    {
        var time = Clock();
        await using var node = await PortalNode.StartAsync(DatabaseProvider.Sqlite, time);
        using var client = node.Client();
        await node.SignInAsync(client, PortalNode.PoMedewerker);
        for (var minutes = 15; minutes < 600; minutes += 15)
        {
            time.Advance(TimeSpan.FromMinutes(15));
            Assert.True((await client.GetAsync(Dossiers)).Status == HttpStatusCode.OK, $"Na {minutes} minuten afgemeld");
        }
        time.Advance(TimeSpan.FromMinutes(15));
        var ended = await client.GetAsync(Dossiers);
        Assert.Equal(HttpStatusCode.Redirect, ended.Status);
        Assert.EndsWith("&verlopen=true", ended.Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Both_limits_come_from_the_node_s_settings()
    {
        var time = Clock();
        await using var node = await PortalNode.StartAsync(DatabaseProvider.Sqlite, time,
            o => o with { Session = new PortalSessionOptions { IdleTimeout = TimeSpan.FromMinutes(5), AbsoluteLimit = TimeSpan.FromMinutes(30) } });
        using var client = node.Client();
        await node.SignInAsync(client, PortalNode.PoMedewerker);
        time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Dossiers)).Status);
        time.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(Dossiers)).Status);

        using var second = node.Client();
        await node.SignInAsync(second, PortalNode.PoMedewerker);
        for (var i = 0; i < 7; i++)
        {
            time.Advance(TimeSpan.FromMinutes(4));
            Assert.Equal(HttpStatusCode.OK, (await second.GetAsync(Dossiers)).Status);
        }
        time.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync(Dossiers)).Status);
    }

    [Fact]
    public async Task The_page_reads_the_session_s_end_without_renewing_it_and_renews_it_when_asked()
    {
        var time = Clock();
        await using var node = await PortalNode.StartAsync(DatabaseProvider.Sqlite, time);
        using var client = node.Client();
        await node.SignInAsync(client, PortalNode.PoMedewerker);
        var page = await client.GetAsync(Dossiers);
        Assert.Contains($"src=\"{PortalAssets.SessionScriptPath}\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("data-verloopt=\"2027-03-22T07:", page.Html, StringComparison.Ordinal);

        // reading (another tab's script) does not keep the session alive
        time.Advance(TimeSpan.FromMinutes(15));
        var state = await SessionAsync(client, HttpMethod.Get);
        Assert.True(state.GetProperty("aangemeld").GetBoolean());
        AssertAbout(time.GetUtcNow() + TimeSpan.FromMinutes(5), state.GetProperty("verlooptOp").GetDateTimeOffset());
        time.Advance(TimeSpan.FromMinutes(6));
        Assert.False((await SessionAsync(client, HttpMethod.Get)).GetProperty("aangemeld").GetBoolean());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(Dossiers)).Status);

        // "Ingelogd blijven" renews it
        using var other = node.Client();
        await node.SignInAsync(other, PortalNode.PoMedewerker);
        time.Advance(TimeSpan.FromMinutes(18));
        // a POST without the renewal header (a form on another site can send no header) only reads the session
        var posted = await SessionAsync(other, HttpMethod.Post, renew: false);
        AssertAbout(time.GetUtcNow() + TimeSpan.FromMinutes(2), posted.GetProperty("verlooptOp").GetDateTimeOffset());
        var renewed = await SessionAsync(other, HttpMethod.Post);
        AssertAbout(time.GetUtcNow() + TimeSpan.FromMinutes(20), renewed.GetProperty("verlooptOp").GetDateTimeOffset());
        time.Advance(TimeSpan.FromMinutes(18));
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync(Dossiers)).Status);
    }

    /// <summary>The cookie keeps its expiry to the second.</summary>
    private static void AssertAbout(DateTimeOffset expected, DateTimeOffset actual) =>
        Assert.True((expected - actual).Duration() <= TimeSpan.FromSeconds(1), $"{actual:O} is niet ongeveer {expected:O}");

    private static async Task<JsonElement> SessionAsync(PortalClient client, HttpMethod method, bool renew = true)
    {
        var answer = method == HttpMethod.Post && renew
            ? await client.SendAsync(method, PortalSessions.StatusPath, (PortalSessions.RenewHeader, "verlengen"))
            : await client.SendAsync(method, PortalSessions.StatusPath);
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        return JsonSerializer.Deserialize<JsonElement>(answer.Html);
    }
}
