using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Oso.Central.Accounts;
using Oso.Central.Tests.Api;
using Oso.Central.Tests.Infrastructure;
using Oso.Central.Tests.Portal;
using Oso.Hosting.Accounts;
using Oso.Testing;
using static Oso.Central.Tests.Infrastructure.Tc;

namespace Oso.Central.Tests.Accounts;

/// <summary>
/// People's accounts at Central: a code is accepted once (also by a second instance on the same database), recovery
/// codes sign in once, the servicedesk resets two-step verification only after an identity check it records, and
/// sign-in timing does not tell which addresses have accounts.
/// </summary>
public abstract class AccountTests(CentralFixture f, ITestOutputHelper output) : IDisposable
{
    private const string Wachtwoord = "correct paard batterij nietje";
    private readonly List<IDisposable> _owned = [];

    private T Own<T>(T disposable) where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    private async Task<string> AccountAsync(Rol rol = Rol.Beheerder, string? scope = null)
    {
        var email = $"{rol.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@accounts.example";
        _ = (await f.Admin.AddUserAsync(new NieuweGebruiker(email, "Test " + rol, Wachtwoord, rol, scope), Ct)).Zeker;
        return email;
    }

    [Fact]
    public async Task A_code_is_accepted_once_also_by_another_instance_on_the_same_database()
    {
        var email = await AccountAsync();
        var api = Own(ApiClient.For(f));
        await api.LoginWithTwoFactorAsync(email, Wachtwoord);
        var used = TotpCodes.Current(api.TotpKey!, f.Time); // the step the last sign-in used

        // the same code again, at once: refused
        var again = Own(ApiClient.For(f));
        using var second = await again.Http.PostAsJsonAsync("/api/account/inloggen", new { email, wachtwoord = Wachtwoord, code = used }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);

        // a second Central on the same database (behind one balancer) refuses it as well; SQLite is one service per file
        // (a second one is refused at start: SingleSqliteInstanceTests), so that part needs PostgreSQL
        if (f.Engine == DatabaseProvider.Sqlite) return;
        await using var other = await CentralHost.StartAsync(new CentralOptions
        {
            DataDirectory = f.DataDirectory, Database = f.DatabaseConnectionString, PortalPort = 0, ProtocolPort = 0,
            TimeProvider = f.Time, Logging = _ => { },
        }, Ct);
        var anchors = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection();
        anchors.ImportFromPemFile(other.TrustAnchorPemPath);
        var validator = new Oso.Protocol.Security.OsoCertificateValidator(anchors, TimeProvider.System);
        using var http = new HttpClient(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = validator.ServerCertificateCallback() } }) { BaseAddress = other.PortalUrl };
        using var third = await http.PostAsJsonAsync("/api/account/inloggen", new { email, wachtwoord = Wachtwoord, code = used }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, third.StatusCode);
        using var fresh = await http.PostAsJsonAsync("/api/account/inloggen", new { email, wachtwoord = Wachtwoord, code = TotpCodes.Next(api.TotpKey!, f.Time) }, Ct);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Fact]
    public async Task The_portal_refuses_a_code_a_second_time()
    {
        var email = await AccountAsync();
        var first = Own(PortaalClient.For(f));
        await first.InloggenAsync(email, Wachtwoord); // sets up with a code
        var used = TotpCodes.Current(first.TotpKey!, f.Time);

        var second = Own(PortaalClient.For(f));
        var (status, _, response) = await second.PostAsync("/inloggen", "/inloggen", new Dictionary<string, string> { ["email"] = email, ["wachtwoord"] = Wachtwoord });
        Assert.Equal("/inloggen/code", response.Headers.Location!.OriginalString);
        var (codeStatus, html, _) = await second.PostAsync("/inloggen/code", "/inloggen/code", new Dictionary<string, string> { ["code"] = used });
        Assert.Equal(HttpStatusCode.OK, codeStatus);
        Assert.Contains("al gebruikt", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, status);
    }

    [Fact]
    public async Task Recovery_codes_are_shown_once_and_each_signs_in_once_in_the_portal_and_the_api()
    {
        var email = await AccountAsync();
        var portal = Own(PortaalClient.For(f));
        await portal.InloggenAsync(email, Wachtwoord);
        var codes = portal.Herstelcodes;
        Assert.Equal(10, codes.Distinct().Count());

        var other = Own(PortaalClient.For(f));
        var (_, _, toCode) = await other.PostAsync("/inloggen", "/inloggen", new Dictionary<string, string> { ["email"] = email, ["wachtwoord"] = Wachtwoord });
        Assert.Equal("/inloggen/code", toCode.Headers.Location!.OriginalString);
        var (status, _, signedIn) = await other.PostAsync("/inloggen/code?herstel=true", "/inloggen/code?herstel=true",
            new Dictionary<string, string> { ["herstel"] = "true", ["herstelcode"] = codes[0] });
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal("/beheer?melding=" + "herstelcode-gebruikt", signedIn.Headers.Location!.OriginalString);

        var api = Own(ApiClient.For(f));
        using var reused = await api.Http.PostAsJsonAsync("/api/account/inloggen", new { email, wachtwoord = Wachtwoord, herstelcode = codes[0] }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, reused.StatusCode);
        using var next = await api.Http.PostAsJsonAsync("/api/account/inloggen", new { email, wachtwoord = Wachtwoord, herstelcode = codes[1].ToLowerInvariant() }, Ct);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task The_servicedesk_resets_two_step_verification_after_an_identity_check_and_the_audit_says_who_checked_what()
    {
        var schoolEmail = await AccountAsync();
        var school = Own(PortaalClient.For(f));
        await school.InloggenAsync(schoolEmail, Wachtwoord);
        var operatorEmail = await AccountAsync();
        var servicedesk = Own(PortaalClient.For(f));
        await servicedesk.InloggenAsync(operatorEmail, Wachtwoord);

        var page = "/beheer/accounts/tweestaps?email=" + Uri.EscapeDataString(schoolEmail);
        var (_, found, _) = await servicedesk.GetAsync(page);
        Assert.Contains(">ingesteld<", found, StringComparison.Ordinal);
        var (refused, refusal, _) = await servicedesk.PostAsync(page, page, new Dictionary<string, string> { ["email"] = schoolEmail, ["identiteit"] = "", ["toelichting"] = "" });
        Assert.Equal(HttpStatusCode.OK, refused);
        Assert.Contains("Kies hoe u de identiteit heeft gecontroleerd.", refusal, StringComparison.Ordinal);

        var (reset, _, done) = await servicedesk.PostAsync(page, page, new Dictionary<string, string>
        {
            ["email"] = schoolEmail, ["identiteit"] = "teruggebeld", ["toelichting"] = "Teruggebeld op het nummer van de school uit het register.",
        });
        Assert.Equal(HttpStatusCode.Redirect, reset);
        Assert.Contains("melding=tweestaps-hersteld", done.Headers.Location!.OriginalString, StringComparison.Ordinal);

        // the person's session has ended; the next sign-in sets up a new key
        var (after, _, back) = await school.GetAsync("/beheer");
        Assert.Equal(HttpStatusCode.Redirect, after);
        Assert.StartsWith("/inloggen?terug=", back.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var again = Own(PortaalClient.For(f));
        var (_, _, tweestaps) = await again.PostAsync("/inloggen", "/inloggen", new Dictionary<string, string> { ["email"] = schoolEmail, ["wachtwoord"] = Wachtwoord });
        Assert.StartsWith("/tweestaps", tweestaps.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var audit = (await f.Admin.AuditAsync(50, Ct)).First(a => a.Actie == "account.tweestaps-hersteld" && a.Details!.StartsWith(schoolEmail, StringComparison.Ordinal));
        Assert.Equal(operatorEmail, audit.Door);
        Assert.Equal($"{schoolEmail}; identiteit gecontroleerd: teruggebeld; Teruggebeld op het nummer van de school uit het register.", audit.Details);
    }

    /// <summary>
    /// Measures (prints, asserts nothing about time): medians of 20 sign-ins with an unknown address and with a known one
    /// and a wrong password, alternating, over HTTPS — the portal and the API. docs/security.md ("Accounts") keeps them.
    /// </summary>
    [Fact]
    public async Task Sign_in_with_an_unknown_address_costs_what_a_wrong_password_costs()
    {
        var known = new List<string>();
        for (var i = 0; i < 40; i++) known.Add(await AccountAsync());
        var portal = Own(PortaalClient.For(f));
        var api = Own(ApiClient.For(f));
        var token = PortaalClient.Token((await portal.GetAsync("/inloggen")).Html);

        async Task<double> PortalAsync(string email)
        {
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = email, ["wachtwoord"] = "niet het wachtwoord", ["__RequestVerificationToken"] = token });
            var watch = Stopwatch.StartNew();
            using var response = await portal.Http.PostAsync("/inloggen", form, Ct);
            var html = await response.Content.ReadAsStringAsync(Ct);
            watch.Stop();
            Assert.Contains("Het e-mailadres of het wachtwoord klopt niet.", html, StringComparison.Ordinal);
            return watch.Elapsed.TotalMilliseconds;
        }
        async Task<double> ApiAsync(string email)
        {
            var watch = Stopwatch.StartNew();
            using var response = await api.Http.PostAsJsonAsync("/api/account/inloggen", new { email, wachtwoord = "niet het wachtwoord" }, Ct);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            watch.Stop();
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("urn:openoso:central:account.inloggen", body.GetProperty("type").GetString());
            return watch.Elapsed.TotalMilliseconds;
        }

        for (var i = 0; i < 3; i++) { await PortalAsync("opwarmen@accounts.example"); await ApiAsync("opwarmen@accounts.example"); }
        var (portalUnknown, portalWrong, apiUnknown, apiWrong) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
        for (var i = 0; i < 20; i++)
        {
            portalUnknown.Add(await PortalAsync($"onbekend{i}@accounts.example"));
            portalWrong.Add(await PortalAsync(known[i]));
            apiUnknown.Add(await ApiAsync($"onbekend{i}@accounts.example"));
            apiWrong.Add(await ApiAsync(known[20 + i]));
        }
        output.WriteLine($"Central ({f.Engine}) portaal /inloggen, mediaan van 20: onbekend {Median(portalUnknown):F1} ms, fout wachtwoord {Median(portalWrong):F1} ms, verhouding {Median(portalWrong) / Median(portalUnknown):F2}");
        output.WriteLine($"Central ({f.Engine}) API /api/account/inloggen, mediaan van 20: onbekend {Median(apiUnknown):F1} ms, fout wachtwoord {Median(apiWrong):F1} ms, verhouding {Median(apiWrong) / Median(apiUnknown):F2}");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return (sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2;
    }

    public void Dispose()
    {
        foreach (var o in _owned) o.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class AccountTestsOnSqlite(SqliteCentral f, ITestOutputHelper output) : AccountTests(f, output), IClassFixture<SqliteCentral>;

public sealed class AccountTestsOnPostgres(PostgresCentral f, ITestOutputHelper output) : AccountTests(f, output), IClassFixture<PostgresCentral>;
