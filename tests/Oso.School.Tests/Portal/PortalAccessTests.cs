using System.Net;
using Microsoft.EntityFrameworkCore;
using Oso.School.Audit;
using Oso.School.Storage;
using Oso.Synthetic;
using Oso.Testing;

namespace Oso.School.Tests.Portal;

/// <summary>Who may see what in the School portal: signed in with both factors, only their own school's pupils, forms only with their token.</summary>
public sealed class PortalAccessTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Staff_of_one_school_cannot_see_another_school_s_pupils(DatabaseProvider engine)
    {
        await using var node = await PortalNode.StartAsync(engine);
        var poPupil = await node.DeliverAsync(PortalNode.Po, "povo-akkoord");
        var voPupil = await node.DeliverAsync(PortalNode.Vo, "vovo");
        using var po = node.Client();
        using var vo = node.Client();
        await node.SignInAsync(po, PortalNode.PoMedewerker);
        await node.SignInAsync(vo, PortalNode.VoMedewerker);

        var own = await po.GetAsync($"/scholen/{PortalNode.Po}/dossiers/{poPupil}");
        Assert.Equal(HttpStatusCode.OK, own.Status);
        Assert.Contains("Sanne de Vries", own.Html);

        // another school's pages: refused, whether through that school's address or through one's own
        Assert.Equal(HttpStatusCode.Forbidden, (await po.GetAsync($"/scholen/{PortalNode.Vo}/dossiers")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await po.GetAsync($"/scholen/{PortalNode.Vo}/dossiers/{voPupil}")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await po.GetAsync($"/scholen/{PortalNode.Vo}/aanmeldingen")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await vo.GetAsync($"/scholen/{PortalNode.Vo}/dossiers/{poPupil}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await vo.GetAsync($"/scholen/{PortalNode.Vo}/dossiers/{poPupil}/bewerken")).Status);
        var search = await vo.GetAsync($"/scholen/{PortalNode.Vo}/dossiers?zoek=Vries");
        Assert.DoesNotContain("Sanne", search.Html);
        var posted = await vo.PostAsync($"/scholen/{PortalNode.Vo}/dossiers/{poPupil}?handler=vrijgeven", search.Html, new() { ["optOut"] = "Verzuim" });
        Assert.Equal(HttpStatusCode.NotFound, posted.Status);

        await using var db = node.Get<SchoolStore>().Read();
        Assert.False(await db.Audit.AnyAsync(a => a.Brin == PortalNode.Vo && a.PupilRef == poPupil.ToString()));
        Assert.False(await db.Releases.AnyAsync(r => r.PupilId == poPupil));
    }

    [Fact]
    public async Task Pages_need_a_sign_in_with_password_and_a_code_that_is_used_only_once()
    {
        await using var node = await PortalNode.StartAsync(DatabaseProvider.Sqlite);
        using var anonymous = node.Client();
        var page = await anonymous.GetAsync($"/scholen/{PortalNode.Po}/dossiers");
        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("/inloggen?terug=", new Uri(new Uri("https://x"), page.Location!).PathAndQuery, StringComparison.Ordinal);

        using var client = node.Client();
        var wrong = await client.PostAsync("/inloggen", (await client.GetAsync("/inloggen")).Html, new() { ["email"] = PortalNode.PoMedewerker, ["wachtwoord"] = "fout-wachtwoord-123" });
        Assert.Contains("horen niet bij elkaar", PortalClient.FieldErrors(wrong.Html).Single());

        // the password alone opens nothing
        var codePage = await client.SignInWithPasswordAsync(PortalNode.PoMedewerker, PortalNode.Password);
        Assert.Contains("Tweestapsverificatie instellen", codePage);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/scholen/{PortalNode.Po}/dossiers")).Status);
        var badCode = await client.PostAsync("/inloggen/code", codePage, new() { ["code"] = "000000" });
        Assert.Equal(HttpStatusCode.OK, badCode.Status);
        Assert.Single(PortalClient.FieldErrors(badCode.Html));

        await node.SignInAsync(client, PortalNode.PoMedewerker);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/scholen/{PortalNode.Po}/dossiers")).Status);

        // a second sign-in with the same code (read over a shoulder) is refused
        using var other = node.Client();
        var again = await other.SignInWithPasswordAsync(PortalNode.PoMedewerker, PortalNode.Password);
        var reused = await other.PostAsync("/inloggen/code", again, new() { ["code"] = await node.CodeAsync(PortalNode.PoMedewerker, reuse: true) });
        Assert.Equal(HttpStatusCode.OK, reused.Status);
        Assert.Contains("al gebruikt", PortalClient.FieldErrors(reused.Html).Single());
        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync($"/scholen/{PortalNode.Po}/dossiers")).Status);
    }

    [Fact]
    public async Task Forms_without_their_antiforgery_token_are_refused_and_change_nothing()
    {
        await using var node = await PortalNode.StartAsync(DatabaseProvider.Sqlite);
        var pupil = await node.DeliverAsync(PortalNode.Po, "geen-inzage");
        using var staff = node.Client();
        await node.SignInAsync(staff, PortalNode.PoMedewerker);
        var page = await staff.GetAsync($"/scholen/{PortalNode.Po}/dossiers/{pupil}");

        var inzage = new Dictionary<string, string> { ["inzagedatum"] = PortalNode.Today.ToString("yyyy-MM-dd"), ["akkoord"] = "Ja" };
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PostAsync($"/scholen/{PortalNode.Po}/dossiers/{pupil}?handler=inzage", page.Html, inzage, withToken: false)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PostAsync($"/scholen/{PortalNode.Po}/dossiers/{pupil}?handler=vrijgeven", page.Html, new(), withToken: false)).Status);
        // a token from another session does not do either
        using var other = node.Client();
        await node.SignInAsync(other, PortalNode.PoBeheerder);
        var otherPage = await other.GetAsync($"/scholen/{PortalNode.Po}/dossiers/{pupil}");
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PostAsync($"/scholen/{PortalNode.Po}/dossiers/{pupil}?handler=inzage", otherPage.Html, inzage)).Status);
        using var parent = node.Client();
        Assert.Equal(HttpStatusCode.BadRequest, (await parent.PostAsync("/ouders", "", new() { ["code"] = "x" }, withToken: false)).Status);

        await using (var db = node.Get<SchoolStore>().Read())
        {
            Assert.False(await db.Audit.AnyAsync(a => a.Action == "inzage.vastgelegd" || a.Action == "dossier.vrijgegeven"));
            Assert.False(await db.Releases.AnyAsync());
        }

        // with its token, the same form works
        var recorded = await staff.PostAsync($"/scholen/{PortalNode.Po}/dossiers/{pupil}?handler=inzage", page.Html, inzage);
        Assert.Equal(HttpStatusCode.Redirect, recorded.Status);
        await using (var db = node.Get<SchoolStore>().Read())
            Assert.True(await db.Audit.AnyAsync(a => a.Action == "inzage.vastgelegd" && a.ActorKind == "Medewerker"));
    }

    [Fact]
    public async Task Only_the_school_s_beheerder_manages_its_staff()
    {
        await using var node = await PortalNode.StartAsync(DatabaseProvider.Sqlite);
        using var medewerker = node.Client();
        using var beheerder = node.Client();
        await node.SignInAsync(medewerker, PortalNode.PoMedewerker);
        await node.SignInAsync(beheerder, PortalNode.PoBeheerder);

        Assert.Equal(HttpStatusCode.Forbidden, (await medewerker.GetAsync($"/scholen/{PortalNode.Po}/medewerkers")).Status);
        var page = await beheerder.GetAsync($"/scholen/{PortalNode.Po}/medewerkers");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var added = await beheerder.PostAsync($"/scholen/{PortalNode.Po}/medewerkers?handler=toevoegen", page.Html,
            new() { ["naam"] = "Nieuwe Collega", ["email"] = "nieuw@00yy.test", ["rol"] = "Medewerker" });
        var password = System.Text.RegularExpressions.Regex.Match(added.Html, "id=\"eerste-wachtwoord\">([^<]+)<").Groups[1].Value;
        Assert.Equal(16, password.Length);

        using var newcomer = node.Client();
        Assert.Contains("Tweestapsverificatie instellen", await newcomer.SignInWithPasswordAsync("nieuw@00yy.test", password));
        await using var db = node.Get<SchoolStore>().Read();
        var userId = await node.UserIdAsync("nieuw@00yy.test");
        Assert.True(await db.StaffMemberships.AnyAsync(m => m.UserId == userId && m.Brin == PortalNode.Po));
        Assert.True(await db.Audit.AnyAsync(a => a.Action == "medewerker.toegevoegd" && a.Detail!.Contains(userId)));

        // the beheerder cannot give themselves another school
        Assert.Equal(HttpStatusCode.Forbidden, (await beheerder.GetAsync($"/scholen/{PortalNode.Vo}/medewerkers")).Status);
    }
}
