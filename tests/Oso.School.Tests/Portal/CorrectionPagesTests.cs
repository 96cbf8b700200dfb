using System.Net;
using Microsoft.EntityFrameworkCore;
using Oso.School.Audit;
using Oso.School.Parents;
using Oso.School.Privacy;
using Oso.School.Storage;
using Oso.Testing;

namespace Oso.School.Tests.Portal;

/// <summary>
/// The correction route through the pages: parents file a request on their page, staff see it as an open task on the
/// pupil's page and record what was done, the parents read the outcome; staff of another school cannot reach it.
/// </summary>
public sealed class CorrectionPagesTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Parents_file_a_request_staff_handle_it_and_the_parents_read_what_was_done(DatabaseProvider engine)
    {
        await using var node = await PortalNode.StartAsync(engine);
        var pupil = await node.DeliverAsync(PortalNode.Po, "geen-inzage");
        var created = Assert.IsType<ParentLinkResult.Created>(await node.Get<ParentLinks>().CreateAsync(PortalNode.Po, pupil, "ouder@voorbeeld.test",
            Actor.Medewerker("test"), mail: false));

        using var parent = node.Client();
        var opening = await parent.GetAsync("/ouders");
        await parent.PostAsync("/ouders", opening.Html, new() { ["code"] = created.Token! });
        var page = await parent.GetAsync("/ouders/dossier");
        Assert.Contains("Klopt er iets niet?", page.Html);

        // an empty request is refused next to its field
        var empty = await parent.PostAsync("/ouders/dossier?handler=correctie", page.Html, new() { ["correctie"] = " " });
        Assert.Equal(HttpStatusCode.OK, empty.Status);
        Assert.Contains("Schrijf op wat er niet klopt", Assert.Single(PortalClient.FieldErrors(empty.Html)));

        var filed = await parent.PostAsync("/ouders/dossier?handler=correctie", page.Html, new() { ["correctie"] = "De toetsscore van januari hoort bij een ander kind." });
        Assert.Equal("/ouders/dossier#correctie", filed.Location);
        Assert.Contains("de school heeft het nog niet afgehandeld", (await parent.GetAsync("/ouders/dossier")).Html);

        using var staff = node.Client();
        await node.SignInAsync(staff, PortalNode.PoMedewerker);
        var pupilPage = await staff.GetAsync($"/scholen/{PortalNode.Po}/dossiers/{pupil}");
        Assert.Contains("Er is 1 open verzoek.", pupilPage.Html);
        Assert.Contains("De toetsscore van januari hoort bij een ander kind.", pupilPage.Html);
        Assert.Contains("Ingediend door de ouders op hun pagina.", pupilPage.Html);
        var id = (await node.Get<Corrections>().ListAsync(PortalNode.Po, pupil)).Single().Id;

        // staff of another school cannot handle it
        using var other = node.Client();
        await node.SignInAsync(other, PortalNode.VoMedewerker);
        var otherPage = await other.GetAsync($"/scholen/{PortalNode.Vo}/dossiers");
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/scholen/{PortalNode.Vo}/dossiers/{pupil}?handler=afhandelen", otherPage.Html,
            new() { ["verzoek"] = id.ToString(), ["correctieUitkomst"] = "Weg ermee." })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsync($"/scholen/{PortalNode.Po}/dossiers/{pupil}?handler=afhandelen", otherPage.Html,
            new() { ["verzoek"] = id.ToString(), ["correctieUitkomst"] = "Weg ermee." })).Status);

        var handled = await staff.PostAsync($"/scholen/{PortalNode.Po}/dossiers/{pupil}?handler=afhandelen", pupilPage.Html,
            new() { ["verzoek"] = id.ToString(), ["correctieUitkomst"] = "Toetsscore verwijderd; opnieuw vrijgegeven." });
        Assert.Equal($"/scholen/{PortalNode.Po}/dossiers/{pupil}#correcties", handled.Location);
        Assert.Contains("Alle verzoeken zijn afgehandeld.", (await staff.GetAsync($"/scholen/{PortalNode.Po}/dossiers/{pupil}")).Html);
        Assert.Contains("Toetsscore verwijderd; opnieuw vrijgegeven.", (await parent.GetAsync("/ouders/dossier")).Html);

        // staff record a request the parents made by phone
        var again = await staff.GetAsync($"/scholen/{PortalNode.Po}/dossiers/{pupil}");
        Assert.NotNull((await staff.PostAsync($"/scholen/{PortalNode.Po}/dossiers/{pupil}?handler=correctie", again.Html,
            new() { ["correctieVerzoek"] = "Ouders bellen: de naam van de mentor is verkeerd gespeld." })).Location);
        Assert.Contains("Vastgelegd door de school namens de ouders.", (await staff.GetAsync($"/scholen/{PortalNode.Po}/dossiers/{pupil}")).Html);

        await using var db = node.Get<SchoolStore>().Read();
        Assert.Equal(["correctie.ingediend", "correctie.afgehandeld", "correctie.ingediend"],
            await db.Audit.Where(a => a.Action.StartsWith("correctie.")).OrderBy(a => a.Sequence).Select(a => a.Action).ToListAsync());
        Assert.Null(await AuditLog.VerifyAsync(db, PortalNode.Po));
    }
}
