using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Oso.Browser.Tests.Infrastructure;
using Oso.Cli.Up;
using Oso.School.Parents;
using static Microsoft.Playwright.Assertions;

namespace Oso.Browser.Tests.School;

/// <summary>The secondary school's journey (its own overview, the previous school found by name, a list to register) and every page on a phone.</summary>
public sealed partial class SchoolPortaalTests
{
    [Fact]
    public async Task A_secondary_school_sees_what_it_receives_finds_the_previous_school_by_name_registers_a_list_and_opens_an_attachment()
    {
        const string journey = "school-vo-lijst";
        var page = await browser.NewPageAsync();
        await portal.SignInAsync(page, SchoolPortaal.VoMedewerker, journey);
        // receiving comes first; no empty "bron" tiles
        await Expect(page.Locator("main h2").First).ToHaveTextAsync("Nieuwe leerlingen (als nieuwe school)");
        await page.ScreenshotAsync(journey, "01-overzicht-vo");
        await page.AssertAccessibleAsync("overzicht van een school voor voortgezet onderwijs");

        // one pupil, the previous school found by its name
        var pupil = await portal.PupilAsync("LL1005");
        var identity = await portal.IdentityAsync(pupil);
        await page.GotoAsync(portal.Url("/scholen/92VO/aanmeldingen/nieuw"));
        await page.FillAsync("#pgn", identity.Pgn!);
        await page.FillAsync("#geboortedatum", identity.Geboortedatum!.Value.ToString("yyyy-MM-dd"));
        await page.FillAsync("#naam", identity.Naam);
        await page.FillAsync("#bronbrin", "regenboog");
        await page.ClickAsync("#school-zoeken");
        await Expect(page.Locator("#gevonden")).ToContainTextAsync($"{DemoSchools.Po.Naam}, Utrecht");
        await page.ScreenshotAsync(journey, "02-school-gevonden");
        await page.AssertAccessibleAsync("vorige school gezocht op naam");
        await page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/scholen/92VO/aanvragen/"));

        // a list: one wrong line first (nothing registered), then the right list, a preview, and the confirmation
        var others = new[] { "LL1002", "LL1004" };
        var rows = new List<string>();
        foreach (var las in others)
        {
            var id = await portal.IdentityAsync(await portal.PupilAsync(las));
            rows.Add($"{id.Pgn}\t{id.Geboortedatum:dd-MM-yyyy}\t{id.Naam}\t91PO");
        }
        await page.GotoAsync(portal.Url("/scholen/92VO/aanmeldingen/lijst"));
        await page.AssertAccessibleAsync("aanmelden met een lijst");
        await page.FillAsync("#rijen", "BSN\tgeboortedatum\tnaam\tBRIN\n" + rows[0] + "\n123456789\t31-02-2014\tFout Kind\t91PO");
        await page.ClickAsync("#controleren");
        await Expect(page.Locator(".error-summary")).ToContainTextAsync("Regel 3, kolom 1");
        await Expect(page.Locator(".error-summary")).ToContainTextAsync("Regel 3, kolom 2 (geboortedatum): ‘31-02-2014’ is geen datum");
        await page.ScreenshotAsync(journey, "03-lijst-met-fouten");
        await page.AssertAccessibleAsync("lijst met fouten");
        await page.FillAsync("#rijen", string.Join("\n", rows));
        await page.ClickAsync("#controleren");
        await Expect(page.Locator("#voorbeeld tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("#voorbeeld")).ToContainTextAsync(DemoSchools.Po.Naam);
        await page.ScreenshotAsync(journey, "04-lijst-voorbeeld");
        await page.AssertAccessibleAsync("lijst: voorbeeld");
        await page.ClickAsync("#bevestigen");
        await Expect(page.Locator("#bericht")).ToContainTextAsync("2 leerlingen zijn aangemeld");
        await page.AssertAccessibleAsync("aanmeldingen na de lijst");

        // the received dossier's attachments open as downloads
        var row = page.Locator("main table tbody tr", new() { HasText = identity.Naam });
        for (var i = 0; i < 120 && !(await row.InnerTextAsync()).Contains("ontvangen", StringComparison.Ordinal); i++)
        {
            await Task.Delay(250);
            await page.ReloadAsync();
        }
        await row.GetByRole(AriaRole.Link, new() { Name = identity.Naam, Exact = true }).ClickAsync();
        await page.ClickAsync("#ontvangen ~ ul a");
        var attachment = page.Locator("article.oso-dossier section[aria-labelledby='ontvangen-bijlagen'] tbody th a").First;
        var download = await page.RunAndWaitForDownloadAsync(() => attachment.ClickAsync());
        Assert.False(string.IsNullOrEmpty(download.SuggestedFilename));
        await page.ScreenshotAsync(journey, "05-ontvangen-met-bijlagen");
    }

    [Fact]
    public async Task Every_school_page_fits_a_phone_of_390_pixels_without_scrolling_sideways()
    {
        const string journey = "school-telefoon";
        var pupil = await portal.PupilAsync("LL1006");
        var phone = await browser.NewPageAsync("phone");
        await phone.GotoAsync(portal.Url("/inloggen"));
        await phone.AssertFitsAsync("inloggen");
        await portal.SignInAsync(phone, SchoolPortaal.PoBeheerder);
        var pages = new List<(string Path, string What)>
        {
            ("/scholen/91PO", "overzicht (basisschool)"), ("/scholen/91PO/dossiers", "dossiers"), ("/scholen/91PO/dossiers?groep=8A&sorteer=Status", "groep 8A"),
            ($"/scholen/91PO/dossiers/{pupil}", "dossier van een leerling"), ($"/scholen/91PO/dossiers/{pupil}/bewerken", "dossier wijzigen"),
            ("/scholen/91PO/verzoeken", "verzoeken"), ("/scholen/91PO/aanmeldingen", "aanmeldingen"), ("/scholen/91PO/aanmeldingen/nieuw", "leerling aanmelden"),
            ("/scholen/91PO/aanmeldingen/lijst", "aanmelden met een lijst"), ("/scholen/91PO/ontvangen", "ontvangen dossiers"),
            ("/scholen/91PO/medewerkers", "medewerkers"), ("/bestaat-niet", "niet gevonden"),
        };
        foreach (var (path, what) in pages)
        {
            await phone.GotoAsync(portal.Url(path));
            await phone.ScreenshotAsync(journey, Regex.Replace(what, "[^a-z0-9]+", "-"));
            await phone.AssertFitsAsync(what + " (telefoon)");
            await phone.AssertAccessibleAsync(what + " (telefoon)");
        }

        // a sent link and its "Intrekken" stay in view on a phone
        await phone.GotoAsync(portal.Url($"/scholen/91PO/dossiers/{pupil}"));
        await phone.CheckAsync("#ouder-email-anders");
        await phone.FillAsync("#ander-email", "telefoon-ouder@voorbeeld.test");
        await phone.ClickAsync("#link-versturen");
        await Expect(phone.Locator("#bericht-ouders")).ToBeFocusedAsync();
        await phone.AssertFitsAsync("dossier met verstuurde link (telefoon)");
        var revoke = phone.Locator("#ouderlinks button", new() { HasText = "Intrekken" }).First;
        await revoke.ScrollIntoViewIfNeededAsync();
        var box = await revoke.BoundingBoxAsync();
        Assert.True(box is { X: >= 0 } b && b.X + b.Width <= 390, "‘Intrekken’ valt buiten het scherm van de telefoon.");
        await Expect(phone.Locator("#ouderlinks")).ToContainTextAsync("Geldig tot");
        await phone.ScreenshotAsync(journey, "verstuurde-link");

        // the secondary school's pages and a bulk action's pages
        var vo = await browser.NewPageAsync("phone");
        await portal.SignInAsync(vo, SchoolPortaal.VoMedewerker);
        foreach (var (path, what) in new[] { ("/scholen/92VO", "overzicht (voortgezet onderwijs)"), ("/scholen/92VO/aanmeldingen", "aanmeldingen (vo)") })
        {
            await vo.GotoAsync(portal.Url(path));
            await vo.AssertFitsAsync(what + " (telefoon)");
            await vo.AssertAccessibleAsync(what + " (telefoon)");
        }
        await phone.GotoAsync(portal.Url("/scholen/91PO/dossiers?groep=8A"));
        await phone.ClickAsync("#bulk-vrijgeven");
        await phone.AssertFitsAsync("vrijgeven bevestigen (telefoon)");
        await phone.AssertAccessibleAsync("vrijgeven bevestigen (telefoon)");

        // the parents' pages
        var created = await portal.Chain.School.Services.GetRequiredService<ParentLinks>()
            .CreateAsync(DemoSchools.Po.Brin, pupil, "telefoon@voorbeeld.test", Oso.School.Audit.Actor.Node, mail: false);
        var parent = await browser.NewPageAsync("phone");
        await parent.GotoAsync(ParentMail.LinkUrl(portal.Portal, Assert.IsType<ParentLinkResult.Created>(created).Token!).ToString(), new() { WaitUntil = WaitUntilState.Commit });
        await parent.WaitForURLAsync(new Regex("/ouders/dossier$"));
        await parent.AssertFitsAsync("ouders: dossier (telefoon)");
    }
}
