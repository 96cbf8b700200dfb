using System.Text;
using Oso.Central.Accounts;
using Oso.Central.Register;
using Oso.Central.Tests.Infrastructure;
using static Oso.Central.Tests.Infrastructure.Tc;

namespace Oso.Central.Tests.Api;

/// <summary>The management API: two-factor authentication is required, and a school sees only its own data.</summary>
public abstract class ManagementApiTests(CentralFixture f) : IDisposable
{
    private const string Wachtwoord = "correct paard batterij nietje";
    private readonly Parties _parties = new(f);
    private readonly List<IDisposable> _owned = [];

    private ApiClient Client(System.Security.Cryptography.X509Certificates.X509Certificate2? cert = null)
    {
        var c = ApiClient.For(f, cert);
        _owned.Add(c);
        return c;
    }

    private async Task<ApiClient> OperatorAsync()
    {
        var email = $"beheer-{Guid.NewGuid():N}@oso.example";
        _ = (await f.Admin.AddUserAsync(new NieuweGebruiker(email, "Beheerder", Wachtwoord, Rol.Beheerder, null))).Zeker;
        var c = Client();
        await c.LoginWithTwoFactorAsync(email, Wachtwoord);
        return c;
    }

    private async Task<ApiClient> SchoolUserAsync(string brin)
    {
        var email = $"school-{Guid.NewGuid():N}@oso.example";
        _ = (await f.Admin.AddUserAsync(new NieuweGebruiker(email, "Contact", Wachtwoord, Rol.School, brin))).Zeker;
        var c = Client();
        await c.LoginWithTwoFactorAsync(email, Wachtwoord);
        return c;
    }

    [Fact]
    public async Task Without_signing_in_the_api_answers_401_with_a_dutch_problem()
    {
        var (status, body) = await Client().GetAsync("/api/mijnoso/school");
        Assert.Equal(401, status);
        Assert.Equal("Niet aangemeld", body.GetProperty("title").GetString());
        Assert.StartsWith("urn:openoso:central:", body.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_person_signed_in_without_two_factor_authentication_is_refused_until_it_is_used()
    {
        var email = $"beheer-{Guid.NewGuid():N}@oso.example";
        _ = (await f.Admin.AddUserAsync(new NieuweGebruiker(email, "Beheerder", Wachtwoord, Rol.Beheerder, null))).Zeker;
        var c = Client();
        (await c.LoginAsync(email, Wachtwoord)).EnsureSuccessStatusCode();

        var (status, body) = await c.GetAsync("/api/beheer/sessies");
        Assert.Equal(403, status);
        Assert.Contains("tweestapsverificatie", body.GetProperty("detail").GetString());

        await c.LoginWithTwoFactorAsync(email, Wachtwoord);
        Assert.Equal(200, (await c.GetAsync("/api/beheer/sessies")).Status);

        // once switched on, a password alone no longer signs in
        var zonderCode = Client();
        Assert.Equal(401, (int)(await zonderCode.Http.PostAsync("/api/account/inloggen",
            new StringContent($"{{\"email\":\"{email}\",\"wachtwoord\":\"{Wachtwoord}\"}}", Encoding.UTF8, "application/json"), Ct)).StatusCode);
    }

    [Fact]
    public async Task A_school_registers_and_can_use_mijn_oso_only_after_the_operator_verified_it()
    {
        var las = await _parties.SystemAsync();
        var school = await _parties.SchoolAsync(las, qualified: false);
        var email = $"contact-{Guid.NewGuid():N}@school.example";
        var c = Client();
        var (aangemeld, account) = await c.PostAsync("/api/account/aanmelden", new { brin = school.Brin, naam = "J. de Vries", email, wachtwoord = Wachtwoord, telefoon = "0301234567" });
        Assert.Equal(200, aangemeld);
        Assert.Equal("Aangevraagd", account.GetProperty("status").GetString());
        await c.LoginWithTwoFactorAsync(email, Wachtwoord);
        var (wacht, probleem) = await c.GetAsync("/api/mijnoso/school");
        Assert.Equal(403, wacht);
        Assert.Contains("verificatie", probleem.GetProperty("detail").GetString());

        var beheer = await OperatorAsync();
        Assert.Equal(200, (await beheer.PostAsync($"/api/beheer/accounts/{account.GetProperty("id").GetString()}/verifieren", null)).Status);

        var (ok, info) = await c.GetAsync("/api/mijnoso/school");
        Assert.Equal(200, ok);
        Assert.Equal(school.Brin, info.GetProperty("brin").GetString());
        Assert.Equal("NietGekwalificeerd", info.GetProperty("kwalificatie").GetString());
    }

    [Fact]
    public async Task A_school_sees_its_own_session_traces_and_not_another_schools()
    {
        var las = await _parties.SystemAsync();
        var bron = await _parties.SchoolAsync(las);
        var doel = await _parties.SchoolAsync(las, Sector.VO);
        var derde = await _parties.SchoolAsync(las);
        var sessie = await las.SessionAsync(f.Central, Overdracht(bron, doel));
        var vanDoel = await SchoolUserAsync(doel.Brin);
        var vanDerde = await SchoolUserAsync(derde.Brin);

        var (status, trace) = await vanDoel.GetAsync($"/api/mijnoso/sessies/{sessie}");
        Assert.Equal(200, status);
        Assert.Contains("Sessie uitgegeven", trace.GetProperty("stappen")[0].GetProperty("toelichting").GetString());
        Assert.Equal(404, (await vanDerde.GetAsync($"/api/mijnoso/sessies/{sessie}")).Status);
        Assert.Equal(0, (await vanDerde.GetAsync("/api/mijnoso/sessies")).Body.GetArrayLength());
        Assert.Equal(403, (await vanDerde.GetAsync("/api/beheer/sessies")).Status);
        Assert.Equal(403, (await vanDerde.GetAsync("/api/bestuur/scholen")).Status);
    }

    [Fact]
    public async Task A_school_qualifies_by_evidence_that_the_operator_reviews()
    {
        var las = await _parties.SystemAsync();
        var school = await _parties.SchoolAsync(las, qualified: false);
        var c = await SchoolUserAsync(school.Brin);
        var beheer = await OperatorAsync();

        var pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n% beleid\n");
        Assert.Equal(400, (await c.UploadAsync("/api/mijnoso/kwalificatie/informatiebeveiliging/document", "beleid.pdf", Encoding.ASCII.GetBytes("MZ\x90\0 geen pdf"))).Status);
        try
        {
            var (teGroot, _) = await c.UploadAsync("/api/mijnoso/kwalificatie/informatiebeveiliging/document", "beleid.pdf", new byte[6 * 1024 * 1024]);
            Assert.True(teGroot is 400 or 413, teGroot.ToString());
        }
        catch (HttpRequestException)
        {
            // refused while we were still sending: the size limit stops the upload early
        }
        Assert.Empty(await f.Admin.EvidenceAsync(null, school.Brin));
        var (geupload, bewijs) = await c.UploadAsync("/api/mijnoso/kwalificatie/informatiebeveiliging/document", "beleid.pdf", pdf);
        Assert.Equal(200, geupload);
        var id = bewijs.GetProperty("id").GetString();

        var (afgewezen, probleem) = await beheer.PostAsync($"/api/beheer/bewijzen/{id}/beoordeling", new { goedgekeurd = false });
        Assert.Equal(400, afgewezen);
        Assert.Contains("opmerking", probleem.GetProperty("detail").GetString());
        Assert.Equal(200, (await beheer.PostAsync($"/api/beheer/bewijzen/{id}/beoordeling", new { goedgekeurd = false, opmerking = "Niet ondertekend." })).Status);
        var checklist = (await c.GetAsync("/api/mijnoso/kwalificatie")).Body.GetProperty("checklist");
        var item = checklist.EnumerateArray().First(i => i.GetProperty("code").GetString() == "informatiebeveiliging");
        Assert.Equal("Afgewezen", item.GetProperty("status").GetString());
        Assert.Equal("Niet ondertekend.", item.GetProperty("opmerking").GetString());

        // every item approved: qualified
        foreach (var regel in checklist.EnumerateArray())
        {
            var code = regel.GetProperty("code").GetString();
            var (s, b) = regel.GetProperty("bewijs").GetString()!.Contains("Verklaring")
                ? await c.PostAsync($"/api/mijnoso/kwalificatie/{code}/verklaring", new { tekst = "Wij verklaren dit.", ondertekendDoor = "P. Jansen", functie = "directeur" })
                : await c.UploadAsync($"/api/mijnoso/kwalificatie/{code}/document", "bewijs.pdf", pdf);
            Assert.Equal(200, s);
            Assert.Equal(200, (await beheer.PostAsync($"/api/beheer/bewijzen/{b.GetProperty("id").GetString()}/beoordeling", new { goedgekeurd = true })).Status);
        }
        Assert.Equal("Gekwalificeerd", (await c.GetAsync("/api/mijnoso/kwalificatie")).Body.GetProperty("status").GetString());
        Assert.Contains(await f.Admin.AuditAsync(), a => a.Actie == "bewijs.goedkeuren" && a.Onderwerp == school.Brin && a.Door.StartsWith("beheer-"));
    }

    [Fact]
    public async Task A_board_mandates_systems_for_its_own_schools_only()
    {
        var las = await _parties.SystemAsync();
        var eigen = await _parties.SchoolAsync(las, mandated: false, bestuur: "bestuur-eigen");
        var vreemd = await _parties.SchoolAsync(las, mandated: false, bestuur: "bestuur-vreemd");
        var email = $"bestuur-{Guid.NewGuid():N}@oso.example";
        _ = (await f.Admin.AddUserAsync(new NieuweGebruiker(email, "Bestuurder", Wachtwoord, Rol.Bestuur, "bestuur-eigen"))).Zeker;
        var c = Client();
        await c.LoginWithTwoFactorAsync(email, Wachtwoord);

        var (ok, mandaat) = await c.PostAsync("/api/bestuur/mandaten", new { brin = eigen.Brin, systeemId = las.Id, van = _parties.Today.ToString("yyyy-MM-dd") });
        Assert.Equal(200, ok);
        Assert.True(mandaat.GetProperty("geldig").GetBoolean());
        Assert.Equal(403, (await c.PostAsync("/api/bestuur/mandaten", new { brin = vreemd.Brin, systeemId = las.Id, van = _parties.Today.ToString("yyyy-MM-dd") })).Status);
        var scholen = (await c.GetAsync("/api/bestuur/scholen")).Body;
        Assert.Equal([eigen.Brin], scholen.EnumerateArray().Select(s => s.GetProperty("brin").GetString()));
    }

    [Fact]
    public async Task A_system_uses_the_supplier_api_with_its_client_certificate_scoped_to_itself()
    {
        var las = await _parties.SystemAsync();
        var c = Client(las.Certificate);

        var (status, systeem) = await c.GetAsync("/api/leverancier/systeem");
        Assert.Equal(200, status);
        Assert.Equal(las.Id, systeem.GetProperty("id").GetString());
        Assert.Equal(403, (await c.GetAsync("/api/beheer/sessies")).Status);
    }

    [Fact]
    public async Task Anyone_can_fetch_the_trust_anchor_and_the_revocation_list()
    {
        var c = Client();
        using var ca = await c.Http.GetAsync("/api/certificaten/ca", Ct);
        Assert.Contains("BEGIN CERTIFICATE", await ca.Content.ReadAsStringAsync(Ct));
        var (status, lijst) = await c.GetAsync("/api/certificaten/ingetrokken");
        Assert.Equal(200, status);
        Assert.Equal(System.Text.Json.JsonValueKind.Array, lijst.GetProperty("certificaten").ValueKind);
    }

    public void Dispose()
    {
        foreach (var o in _owned) o.Dispose();
        _parties.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class ManagementApiTestsOnSqlite(SqliteCentral f) : ManagementApiTests(f), IClassFixture<SqliteCentral>;

public sealed class ManagementApiTestsOnPostgres(PostgresCentral f) : ManagementApiTests(f), IClassFixture<PostgresCentral>;
