using System.Net;
using System.Reflection;
using Oso.Central.Accounts;
using Oso.Central.Portal;
using Oso.Central.Register;
using Oso.Central.Tests.Infrastructure;
using Oso.Protocol.Results;
using static Oso.Central.Tests.Infrastructure.Tc;

namespace Oso.Central.Tests.Portal;

/// <summary>
/// Who may see what in the Central portal: anonymous visitors are sent to the sign-in page, a role sees only its own
/// pages, a school only its own BRIN and a board only its own mandates, forms need their antiforgery token, and the
/// sign-in cookie is strict and stays out of the management API.
/// </summary>
public abstract class PortaalToegangTests(CentralFixture f) : IDisposable
{
    private const string Wachtwoord = "correct paard batterij nietje";
    private readonly Parties _parties = new(f);
    private readonly List<IDisposable> _owned = [];

    private PortaalClient Client()
    {
        var c = PortaalClient.For(f);
        _owned.Add(c);
        return c;
    }

    private async Task<PortaalClient> AangemeldAsync(Rol rol, string? scope)
    {
        var email = $"{rol.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@portaal.example";
        _ = (await f.Admin.AddUserAsync(new NieuweGebruiker(email, "Test " + rol, Wachtwoord, rol, scope), Ct)).Zeker;
        var c = Client();
        await c.InloggenAsync(email, Wachtwoord);
        return c;
    }

    [Theory]
    [InlineData("/mijn-oso")]
    [InlineData("/mijn-oso/kwalificatie")]
    [InlineData("/mijn-oso/kwalificatie/datalekken")]
    [InlineData("/mijn-oso/aansluiting")]
    [InlineData("/mijn-oso/overdrachten")]
    [InlineData("/bestuur")]
    [InlineData("/leverancier")]
    [InlineData("/beheer")]
    [InlineData("/beheer/accounts")]
    [InlineData("/beheer/bewijzen")]
    [InlineData("/beheer/scholen/12AB")]
    [InlineData("/beheer/sessies?zoek=12AB")]
    [InlineData("/tweestaps")]
    public async Task An_anonymous_visitor_is_sent_to_the_sign_in_page_with_the_way_back(string pad)
    {
        var (status, _, response) = await Client().GetAsync(pad);

        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal("/inloggen?terug=" + Uri.EscapeDataString(pad), response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/scholen")]
    [InlineData("/inloggen")]
    [InlineData("/aanmelden")]
    public async Task Public_pages_are_dutch_and_carry_the_security_headers(string pad)
    {
        var (status, html, response) = await Client().GetAsync(pad);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<html lang=\"nl\">", html);
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.True(response.Headers.CacheControl!.NoStore);
    }

    [Fact]
    public async Task The_management_api_keeps_its_own_headers_and_answers()
    {
        using var response = await Client().Http.GetAsync("/api/kwalificatie/handboek", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Content-Security-Policy"));
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused_and_signs_nobody_in()
    {
        var email = $"beheer-{Guid.NewGuid():N}@portaal.example";
        _ = (await f.Admin.AddUserAsync(new NieuweGebruiker(email, "Beheer", Wachtwoord, Rol.Beheerder, null), Ct)).Zeker;
        var c = Client();

        var (status, _, _) = await c.PostAsync("/inloggen", "/inloggen", new Dictionary<string, string> { ["email"] = email, ["wachtwoord"] = Wachtwoord }, metToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.DoesNotContain(c.Cookies.GetAllCookies(), k => k.Name == "__Host-OsoCentral");

        // and a signed-in person's form needs it too
        var beheer = await AangemeldAsync(Rol.Beheerder, null);
        var school = await _parties.SchoolAsync(await _parties.SystemAsync());
        var (intrekken, _, _) = await beheer.PostAsync($"/beheer/scholen/{school.Brin}", $"/beheer/scholen/{school.Brin}?handler=Intrekken",
            new Dictionary<string, string> { ["reden"] = "zonder token" }, metToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, intrekken);
        Assert.Equal(Deelname.Actief, (await f.Admin.SchoolAsync(school.Brin, Ct)).Zeker.Deelname);
    }

    [Fact]
    public async Task The_sign_in_cookie_is_secure_http_only_and_same_site_strict_and_the_api_does_not_accept_it()
    {
        var email = $"beheer-{Guid.NewGuid():N}@portaal.example";
        _ = (await f.Admin.AddUserAsync(new NieuweGebruiker(email, "Beheer", Wachtwoord, Rol.Beheerder, null), Ct)).Zeker;
        var c = Client();

        var (_, _, response) = await c.PostAsync("/inloggen", "/inloggen", new Dictionary<string, string> { ["email"] = email, ["wachtwoord"] = Wachtwoord });

        var cookie = response.Headers.GetValues("Set-Cookie").Single(h => h.StartsWith("__Host-OsoCentral=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("; secure", cookie);
        Assert.Contains("; httponly", cookie);
        Assert.Contains("; samesite=strict", cookie);
        Assert.Contains("; path=/", cookie);

        await c.InloggenAsync(email, Wachtwoord);
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("/beheer")).Status);
        using var api = await c.Http.GetAsync("/api/beheer/sessies", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task With_only_the_password_a_person_must_set_up_two_factor_authentication_before_anything_else()
    {
        var email = $"beheer-{Guid.NewGuid():N}@portaal.example";
        _ = (await f.Admin.AddUserAsync(new NieuweGebruiker(email, "Beheer", Wachtwoord, Rol.Beheerder, null), Ct)).Zeker;
        var c = Client();
        var (_, _, login) = await c.PostAsync("/inloggen", "/inloggen", new Dictionary<string, string> { ["email"] = email, ["wachtwoord"] = Wachtwoord });
        Assert.Equal("/tweestaps", login.Headers.Location!.OriginalString);

        var (status, _, beheer) = await c.GetAsync("/beheer");

        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal("/tweestaps", beheer.Headers.Location!.OriginalString);
        var (_, html, _) = await c.GetAsync("/tweestaps");
        Assert.Contains("data:image/png;base64,", html);
    }

    [Fact]
    public async Task A_school_sees_only_its_own_school_sessions_and_evidence()
    {
        var las = await _parties.SystemAsync();
        var eigen = await _parties.SchoolAsync(las);
        var ander = await _parties.SchoolAsync(las);
        var derde = await _parties.SchoolAsync(las);
        // a session between two other schools, and evidence of another school
        var vreemd = await las.SessionAsync(f.Central, Overdracht(derde, ander));
        var bewijs = (await f.Admin.SubmitDocumentAsync(ander.Brin, "informatiebeveiliging", "beleid.pdf", "%PDF-1.4 beleid"u8.ToArray(), Ct)).Zeker;
        var c = await AangemeldAsync(Rol.School, eigen.Brin);

        var (_, start, _) = await c.GetAsync("/mijn-oso");
        Assert.Contains($"({eigen.Brin})", start);
        Assert.DoesNotContain(ander.Brin, start);

        var (sessie, sessieHtml, _) = await c.GetAsync($"/mijn-oso/overdrachten/{vreemd.Value}");
        Assert.Equal(HttpStatusCode.NotFound, sessie);
        Assert.Contains("hoort niet bij uw school", sessieHtml);
        var (overzicht, _, _) = await c.GetAsync("/mijn-oso/overdrachten");
        Assert.Equal(HttpStatusCode.OK, overzicht);

        var (document, _, _) = await c.GetAsync($"/mijn-oso/kwalificatie/informatiebeveiliging?handler=Document&id={bewijs.Id}");
        Assert.Equal(HttpStatusCode.NotFound, document);

        foreach (var pad in new[] { "/beheer", "/beheer/sessies", "/bestuur", "/leverancier" })
        {
            var (status, _, response) = await c.GetAsync(pad);
            Assert.Equal(HttpStatusCode.Redirect, status);
            Assert.Equal("/geen-toegang", response.Headers.Location!.OriginalString);
        }
        var (geenToegang, _, _) = await c.GetAsync("/geen-toegang");
        Assert.Equal(HttpStatusCode.Forbidden, geenToegang);
    }

    [Fact]
    public async Task A_school_sees_its_own_refused_transfer_with_who_must_act()
    {
        var las = await _parties.SystemAsync();
        var bron = await _parties.SchoolAsync(las);
        var doel = await _parties.SchoolAsync(las, mandated: false);
        Assert.Equal(ResultaatCode.GeenMandaat, await las.RefusedAsync(f.Central, Overdracht(bron, doel)));
        var sessie = (await f.Admin.SessionsAsync(doel.Brin, null, 10, Ct)).Single();
        var c = await AangemeldAsync(Rol.School, doel.Brin);

        var (status, html, _) = await c.GetAsync($"/mijn-oso/overdrachten/{sessie.Id}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("GeenMandaat", html);
        Assert.Contains($"De doelschool ({doel.Brin}, uw school)", html);
    }

    [Fact]
    public async Task A_board_cannot_end_another_boards_mandate()
    {
        var las = await _parties.SystemAsync();
        var andere = await _parties.SchoolAsync(las, bestuur: "bestuur-ander");
        var mandaat = (await f.Admin.MandatesAsync(andere.Brin, null, null, Ct)).Single();
        _ = await f.Admin.AddBoardAsync(new NieuwBestuur("bestuur-eigen", "Eigen bestuur"), Ct);
        var c = await AangemeldAsync(Rol.Bestuur, "bestuur-eigen");

        var (status, html, _) = await c.PostAsync("/bestuur", $"/bestuur?handler=Beeindigen&id={mandaat.Id}", new Dictionary<string, string> { ["bevestigd"] = "true" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("niet van uw bestuur", html);
        Assert.Null((await f.Admin.MandatesAsync(andere.Brin, null, null, Ct)).Single().Tot);
        var (_, pagina, _) = await c.GetAsync("/bestuur");
        Assert.DoesNotContain(andere.Brin, pagina);
    }

    [Fact]
    public async Task A_school_whose_account_waits_for_verification_is_told_so_and_not_signed_in()
    {
        var las = await _parties.SystemAsync();
        var school = await _parties.SchoolAsync(las, qualified: false);
        var email = $"contact-{Guid.NewGuid():N}@school.example";
        var c = Client();
        var (aanvraag, aanvraagHtml, _) = await c.PostAsync("/aanmelden", "/aanmelden", new Dictionary<string, string>
        {
            ["brin"] = school.Brin, ["naam"] = "J. de Vries", ["email"] = email, ["wachtwoord"] = Wachtwoord, ["herhaling"] = Wachtwoord,
        });
        Assert.Equal(HttpStatusCode.OK, aanvraag);
        Assert.Contains("Aanvraag ontvangen", aanvraagHtml);

        var (status, html, _) = await c.PostAsync("/inloggen", "/inloggen", new Dictionary<string, string> { ["email"] = email, ["wachtwoord"] = Wachtwoord });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("wacht nog op verificatie", html);
        Assert.Equal(HttpStatusCode.Redirect, (await c.GetAsync("/mijn-oso")).Status);
    }

    [Fact]
    public async Task After_five_wrong_passwords_the_account_is_locked_with_a_dutch_message_only_the_right_password_sees()
    {
        var email = $"beheer-{Guid.NewGuid():N}@portaal.example";
        var onbekend = $"niemand-{Guid.NewGuid():N}@portaal.example";
        _ = (await f.Admin.AddUserAsync(new NieuweGebruiker(email, "Beheer", Wachtwoord, Rol.Beheerder, null), Ct)).Zeker;
        var c = Client();
        string html = "", onbekendHtml = "";
        for (var i = 0; i < 7; i++)
        {
            (_, html, _) = await c.PostAsync("/inloggen", "/inloggen", new Dictionary<string, string> { ["email"] = email, ["wachtwoord"] = "fout wachtwoord " + i });
            (_, onbekendHtml, _) = await c.PostAsync("/inloggen", "/inloggen", new Dictionary<string, string> { ["email"] = onbekend, ["wachtwoord"] = "fout wachtwoord " + i });
        }
        // whoever does not know the password learns nothing: the same answer as for an address without an account
        Assert.DoesNotContain("geblokkeerd", html.Replace("een kwartier geblokkeerd", "", StringComparison.Ordinal));
        Assert.Equal(Foutmelding(onbekendHtml), Foutmelding(html));

        var (_, juist, _) = await c.PostAsync("/inloggen", "/inloggen", new Dictionary<string, string> { ["email"] = email, ["wachtwoord"] = Wachtwoord });

        Assert.Contains("tijdelijk geblokkeerd", juist);
        Assert.DoesNotContain(c.Cookies.GetAllCookies(), k => k.Name == "__Host-OsoCentral");
    }

    private static string Foutmelding(string html) => System.Text.RegularExpressions.Regex.Match(html, "<strong>Fout:</strong>([^<]*)<").Groups[1].Value;

    [Fact]
    public async Task An_upload_beyond_the_request_limit_gets_the_dutch_message_not_an_error()
    {
        var school = await _parties.SchoolAsync(await _parties.SystemAsync(), qualified: false);
        var c = await AangemeldAsync(Rol.School, school.Brin);
        var token = PortaalClient.Token((await c.GetAsync("/mijn-oso/kwalificatie/informatiebeveiliging")).Html);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(new byte[(int)Oso.Central.Portal.CentralPortal.MaxUploadBytes + 1024]), "bestand", "groot.pdf" },
        };

        // as a browser sends it: over HTTP/2, where the server may answer before the upload is complete
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mijn-oso/kwalificatie/informatiebeveiliging?handler=Document")
        {
            Content = form, Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        using var response = await c.Http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/mijn-oso/kwalificatie/informatiebeveiliging?melding=te-groot", response.Headers.Location!.OriginalString);
        var (_, html, _) = await c.GetAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("hoogstens 5 MB", html);
        Assert.Empty(await f.Admin.EvidenceAsync(null, school.Brin, Ct));
    }

    [Fact]
    public void Every_page_says_who_may_open_it()
    {
        var pages = typeof(CentralAdmin).Assembly.GetTypes()
            .Where(t => typeof(Microsoft.AspNetCore.Mvc.RazorPages.PageModel).IsAssignableFrom(t) && !t.IsAbstract).ToList();

        Assert.True(pages.Count >= 20, $"Only {pages.Count} pages found.");
        Assert.All(pages, p => Assert.NotNull(p.GetCustomAttribute<VoorAttribute>()));
    }

    public void Dispose()
    {
        foreach (var o in _owned) o.Dispose();
        _parties.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class PortaalToegangTestsOnSqlite(SqliteCentral f) : PortaalToegangTests(f), IClassFixture<SqliteCentral>;

public sealed class PortaalToegangTestsOnPostgres(PostgresCentral f) : PortaalToegangTests(f), IClassFixture<PostgresCentral>;
