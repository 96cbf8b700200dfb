using System.Net;
using Microsoft.EntityFrameworkCore;
using Oso.School.Storage;
using Oso.Testing;

namespace Oso.School.Tests.Portal;

/// <summary>Staff and parents read words, not codes; they can print the dossier as a PDF, which is audited like a view.</summary>
public sealed class WordsAndPrintTests
{
    [Fact]
    public async Task Staff_download_the_dossier_as_a_PDF_attachment_that_is_audited_and_other_schools_cannot()
    {
        await using var node = await PortalNode.StartAsync(DatabaseProvider.Sqlite);
        var pupil = await node.DeliverAsync(PortalNode.Po, "povo-akkoord");
        using var staff = node.Client();
        await node.SignInAsync(staff, PortalNode.PoMedewerker);
        int Views(SchoolDbContext db) => db.Audit.Count(a => a.Action == "dossier.ingezien" && a.PupilRef == pupil.ToString() && a.ActorKind == "Medewerker");
        int before;
        await using (var db = node.Get<SchoolStore>().Read()) before = Views(db);

        var pdf = await staff.DownloadAsync($"/scholen/{PortalNode.Po}/dossiers/{pupil}?handler=pdf");

        Assert.Equal(HttpStatusCode.OK, pdf.Status);
        Assert.Equal("application/pdf", pdf.Content.ContentType?.MediaType);
        Assert.Equal("attachment", pdf.Content.ContentDisposition?.DispositionType);
        Assert.Equal("yes", PdfTools.Info(pdf.Body)["Tagged"]);
        var text = PdfTools.Text(pdf.Body);
        Assert.Contains("Sanne", text);
        Assert.Contains("*****1000", text);
        Assert.DoesNotContain("999991000", text);
        await using (var db = node.Get<SchoolStore>().Read()) Assert.Equal(before + 1, Views(db));

        using var other = node.Client();
        await node.SignInAsync(other, PortalNode.VoMedewerker);
        var refused = await other.DownloadAsync($"/scholen/{PortalNode.Po}/dossiers/{pupil}?handler=pdf");
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.NotEqual("application/pdf", refused.Content.ContentType?.MediaType);
        using var anonymous = node.Client();
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.DownloadAsync($"/scholen/{PortalNode.Po}/dossiers/{pupil}?handler=pdf")).Status);
    }

    [Fact]
    public async Task The_pupil_page_the_edit_page_and_the_requests_show_words_not_codes_and_the_BSN_masked()
    {
        await using var node = await PortalNode.StartAsync(DatabaseProvider.Sqlite);
        // a dossier without inzage: the official rule OVa.IZ01 / OS.cat02 fires and must read as words with an action
        var pupil = await node.DeliverAsync(PortalNode.Po, "povo-akkoord", d => d with { Inzage = null });
        using var staff = node.Client();
        await node.SignInAsync(staff, PortalNode.PoMedewerker);

        var page = await staff.GetAsync($"/scholen/{PortalNode.Po}/dossiers/{pupil}");
        var edit = await staff.GetAsync($"/scholen/{PortalNode.Po}/dossiers/{pupil}/bewerken");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        UserFacingText.AssertWords(page.Html, "the pupil page");
        UserFacingText.AssertWords(edit.Html, "the edit page");
        UserFacingText.AssertWords((await staff.GetAsync($"/scholen/{PortalNode.Po}/verzoeken")).Html, "the requests page");
        UserFacingText.AssertWords((await staff.GetAsync($"/scholen/{PortalNode.Po}")).Html, "the school page");
        var visible = UserFacingText.Visible(page.Html);
        Assert.Contains("De inzage door de ouders is nog niet vastgelegd", visible);
        Assert.Contains("Inzage vastleggen", visible);
        Assert.Contains($"/scholen/{PortalNode.Po}/dossiers/{pupil}#inzage", page.Html);
        Assert.Contains("*****1000", visible);
        Assert.DoesNotContain("999991000", visible);
        Assert.Contains("999991000", page.Html); // behind "Volledig nummer tonen"
        Assert.Contains("Details voor de leverancier", page.Html);
        Assert.Contains("OS.cat02.Verplicht", page.Html); // kept for the supplier, inside details
        Assert.Contains("Basisonderwijs naar voortgezet onderwijs", visible);
    }

    [Fact]
    public async Task Loading_the_sign_in_page_logs_no_antiforgery_warning()
    {
        await using var node = await PortalNode.StartAsync(DatabaseProvider.Sqlite);
        using var anonymous = node.Client();

        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/inloggen")).Status);

        Assert.DoesNotContain(node.Logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("Antiforgery", StringComparison.Ordinal));
        Assert.DoesNotContain(node.Logs.Lines, l => l.Contains("have been overridden", StringComparison.Ordinal));
    }
}
