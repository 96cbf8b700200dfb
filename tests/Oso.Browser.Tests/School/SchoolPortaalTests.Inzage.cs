using System.IO.Compression;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Oso.Browser.Tests.Infrastructure;
using Oso.Cli.Up;
using Oso.School.Parents;
using Oso.School.Privacy;
using Oso.School.Tenancy;
using static Microsoft.Playwright.Assertions;

namespace Oso.Browser.Tests.School;

/// <summary>Right of access on the pages: parents (phone and desktop) and staff (on a parent's request) download everything held about the pupil; the readable overview in it is accessible too.</summary>
public sealed partial class SchoolPortaalTests
{
    [Fact]
    public async Task A_parent_sees_whom_to_ask_and_downloads_everything_held_and_staff_can_do_the_same_on_request()
    {
        const string journey = "school-inzage";
        var services = portal.Chain.School.Services;
        await services.GetRequiredService<SchoolAdmin>().SetPrivacyContactAsync(DemoSchools.Po.Brin, "mevrouw De Vries, functionaris gegevensbescherming", "fg@linde.example", "030 123 45 67");
        var pupil = await portal.PupilAsync("LL1000");
        var naam = (await portal.IdentityAsync(pupil)).Naam;
        var created = await services.GetRequiredService<ParentLinks>()
            .CreateAsync(DemoSchools.Po.Brin, pupil, "ouder-inzage@voorbeeld.test", Oso.School.Audit.Actor.Node, mail: false);
        var token = Assert.IsType<ParentLinkResult.Created>(created).Token!;

        foreach (var viewport in new string?[] { "phone", null })
        {
            var parent = await browser.NewPageAsync(viewport);
            await parent.GotoAsync(ParentMail.LinkUrl(portal.Portal, token).ToString(), new() { WaitUntil = WaitUntilState.Commit });
            await parent.WaitForURLAsync(new Regex("/ouders/dossier$"));
            await Expect(parent.Locator("#privacycontact")).ToContainTextAsync("mevrouw De Vries, functionaris gegevensbescherming");
            await Expect(parent.Locator("#privacycontact a[href='mailto:fg@linde.example']")).ToBeVisibleAsync();
            await Expect(parent.Locator("#privacycontact a[href='tel:0301234567']")).ToHaveTextAsync("030 123 45 67");
            await parent.Locator("#gegevens").ScrollIntoViewIfNeededAsync();
            var width = viewport ?? "desktop";
            await parent.ScreenshotAsync(journey, $"01-ouders-privacy-{width}");
            await parent.AssertAccessibleAsync($"ouders: privacy en download ({width})");

            var download = await parent.RunAndWaitForDownloadAsync(() => parent.ClickAsync("#gegevens"));
            Assert.Equal(AccessExport.FileName, download.SuggestedFilename);
            var files = await UnzipAsync((await download.PathAsync())!);
            Assert.Contains("gegevens.json", files.Keys);
            Assert.Contains("overstapdossier.pdf", files.Keys);
            Assert.Contains("dossier/versie-1.xml", files.Keys);
            Assert.Contains(naam, files["overzicht.html"], StringComparison.Ordinal);
            Assert.Contains("mevrouw De Vries", files["gegevens.json"], StringComparison.Ordinal);

            // the readable overview, opened as a parent would open it from the ZIP: readable at this width and accessible
            var html = Path.Combine(Directory.CreateTempSubdirectory("oso-inzage-").FullName, "overzicht.html");
            await File.WriteAllTextAsync(html, files["overzicht.html"]);
            var overview = await browser.NewPageAsync(viewport);
            await overview.GotoAsync(new Uri(html).AbsoluteUri);
            await Expect(overview.Locator("h1")).ToContainTextAsync(naam);
            await Expect(overview.GetByRole(AriaRole.Heading, new() { Name = "Wie kreeg het dossier" })).ToBeVisibleAsync();
            await overview.ScreenshotAsync(journey, $"02-overzicht-{width}");
            await overview.AssertAccessibleAsync($"het overzicht in de download ({width})");
        }

        // staff, on a parent's request: the same download from the pupil's page
        var staff = await browser.NewPageAsync();
        await portal.SignInAsync(staff, SchoolPortaal.PoMedewerker);
        await staff.GotoAsync(portal.Url($"/scholen/91PO/dossiers/{pupil}#inzageverzoek"));
        await Expect(staff.Locator("#inzageverzoek")).ToHaveTextAsync("Inzageverzoek van ouders");
        await staff.ScreenshotAsync(journey, "03-school-inzageverzoek");
        await staff.AssertAccessibleAsync("dossier: inzageverzoek van ouders");
        var staffDownload = await staff.RunAndWaitForDownloadAsync(() => staff.ClickAsync("#gegevens"));
        var staffFiles = await UnzipAsync((await staffDownload.PathAsync())!);
        Assert.Contains(naam, staffFiles["overzicht.html"], StringComparison.Ordinal);
    }

    private static async Task<Dictionary<string, string>> UnzipAsync(string path)
    {
        await using var stream = File.OpenRead(path);
        using var archive = new ZipArchive(stream, ZipArchiveMode.Read);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in archive.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            files[entry.FullName] = await reader.ReadToEndAsync();
        }
        return files;
    }
}
