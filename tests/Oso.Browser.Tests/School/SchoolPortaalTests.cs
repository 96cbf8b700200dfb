using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Oso.Browser.Tests.Infrastructure;
using Oso.School.Parents;
using Oso.Cli.Up;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Oso.Browser.Tests.School;

/// <summary>
/// The School portal and the parents' page in a real browser, on the chain <c>oso up</c> starts: each journey takes
/// screenshots of its steps and scans every page it passes with axe-core (WCAG 2.1 AA: zero violations), the parents'
/// pages at phone size.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class SchoolPortaalTests(BrowserFixture browser, SchoolPortaal portal) : IClassFixture<SchoolPortaal>
{
    [Fact]
    public async Task PO_staff_sign_in_with_two_factor_authentication_record_the_parents_inzage_and_release_the_dossier()
    {
        const string journey = "school-po-vrijgeven";
        var page = await browser.NewPageAsync();
        await page.GotoAsync(portal.Url("/inloggen"));
        await page.ScreenshotAsync(journey, "01-inloggen");
        await page.AssertAccessibleAsync("inloggen");
        await portal.SignInAsync(page, SchoolPortaal.PoMedewerker, journey);
        await Expect(page).ToHaveURLAsync(new Regex("/scholen/91PO$"));
        await page.ScreenshotAsync(journey, "02-overzicht");
        await page.AssertAccessibleAsync("overzicht van de school");

        await page.Locator("nav").GetByRole(AriaRole.Link, new() { Name = "Dossiers", Exact = true }).ClickAsync();
        await page.FillAsync("#zoek", "LL1007"); // the LAS's pupil number: the pupil whose parents have not seen the dossier yet
        await page.ClickAsync("form[role=search] button");
        await Expect(page.Locator("#dossiers tbody tr")).ToHaveCountAsync(1);
        Assert.DoesNotContain("LL1007", page.Url, StringComparison.Ordinal); // a search is posted: no name or number in the address
        await page.ScreenshotAsync(journey, "03-dossiers-gezocht");
        await page.AssertAccessibleAsync("dossierlijst");
        await page.ClickAsync("#dossiers tbody tr th a");

        await Expect(page.Locator("#dossierstatus")).Not.ToContainTextAsync("vrijgegeven");
        await Expect(page.Locator("#controle + p")).ToContainTextAsync("fout");
        await page.ScreenshotAsync(journey, "04-leerling");
        await page.AssertAccessibleAsync("dossier van een leerling (concept)");
        await page.AssertWordsAsync("dossier van een leerling (concept)");

        // releasing before the inzage is refused, with the reason in the error summary
        await page.ClickAsync("#vrijgeven-knop");
        await Expect(page.Locator(".error-summary")).ToContainTextAsync("nog niet ingezien");
        await page.AssertAccessibleAsync("vrijgeven geweigerd (foutoverzicht)");
        await page.AssertWordsAsync("vrijgeven geweigerd (foutoverzicht)");

        await page.CheckAsync("#akkoord-ja");
        await page.ClickAsync("#inzage-vastleggen");
        await Expect(page.Locator("[role=status]")).ToContainTextAsync("De inzage is vastgelegd");
        await Expect(page.Locator("#bericht-inzage")).ToBeFocusedAsync(); // the confirmation is where the action was, and read first
        await Expect(page.Locator("#dossierstatus")).ToHaveTextAsync("ingezien");
        await Expect(page.Locator("#akkoord-waarde")).ToHaveTextAsync("Ja");
        await page.ScreenshotAsync(journey, "05-inzage-vastgelegd");
        await page.AssertAccessibleAsync("inzage vastgelegd");

        await page.CheckAsync("#optout-Bijlagedocs");
        await page.ClickAsync("#vrijgeven-knop");
        await Expect(page.Locator("[role=status]")).ToContainTextAsync("vrijgegeven als versie 1");
        await Expect(page.Locator("#dossierstatus")).ToHaveTextAsync("vrijgegeven (v1)");
        await Expect(page.Locator("#versies")).ToContainTextAsync("Overige bijlagen");
        await Expect(page.Locator("#bericht-vrijgeven")).ToBeFocusedAsync();
        // an unchanged dossier is not offered as version 2
        await Expect(page.Locator("#vrijgave-actueel")).ToContainTextAsync("Versie 1 is actueel");
        await Expect(page.Locator("#vrijgeven-knop")).Not.ToBeVisibleAsync();
        await page.ScreenshotAsync(journey, "06-vrijgegeven");
        await page.AssertAccessibleAsync("vrijgegeven");
        await page.AssertWordsAsync("vrijgegeven");

        // print: the PDF button downloads the dossier as a tagged PDF
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#pdf"));
        Assert.Equal("overstapdossier.pdf", download.SuggestedFilename);
        var pdf = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal("yes", Oso.Testing.PdfTools.Info(pdf)["Tagged"]);
        Assert.Contains("Geboortedatum", Oso.Testing.PdfTools.Text(pdf));

        await page.GetByRole(AriaRole.Link, new() { Name = "← Alle dossiers" }).ClickAsync();
        await page.SelectOptionAsync("#status", "Vrijgegeven");
        await page.ClickAsync("form[role=search] button");
        await Expect(page.Locator("#dossiers")).ToContainTextAsync("vrijgegeven (v1)");
        await page.ScreenshotAsync(journey, "07-lijst-vrijgegeven");
    }

    [Fact]
    public async Task A_parent_opens_the_mailed_link_on_a_phone_and_disagrees_with_a_zienswijze_that_travels_with_the_next_release()
    {
        const string journey = "school-ouder-zienswijze";
        const string zienswijze = "Wij vinden het advies te laag: in groep 8 ging het veel beter dan in groep 7.";
        var pupil = await portal.PupilAsync("LL1003");
        var staff = await browser.NewPageAsync();
        await portal.SignInAsync(staff, SchoolPortaal.PoBeheerder, journey);
        await staff.GotoAsync(portal.Url($"/scholen/91PO/dossiers/{pupil}"));
        var address = await staff.GetAttributeAsync("#ouder-email-0", "value");
        Assert.False(string.IsNullOrEmpty(address));
        await staff.ClickAsync("#link-versturen");
        await Expect(staff.Locator("[role=status]")).ToContainTextAsync("gaat per e-mail naar " + address);
        await staff.ScreenshotAsync(journey, "01-link-verstuurd");
        await staff.AssertAccessibleAsync("persoonlijke link verstuurd");

        // the development mail folder holds the message; the link carries its code in the fragment
        var link = await portal.ParentLinkFromMailAsync(address!);

        var parent = await browser.NewPageAsync("phone");
        await parent.GotoAsync(portal.Url("/ouders"));
        await parent.ScreenshotAsync(journey, "02-ouders-openen-telefoon");
        await parent.AssertAccessibleAsync("ouders: link openen (telefoon)");
        var mailed = await browser.NewPageAsync("phone"); // as from the mail app: a fresh tab
        await mailed.GotoAsync(link, new() { WaitUntil = WaitUntilState.Commit });
        await mailed.WaitForURLAsync(new Regex("/ouders/dossier$"));
        parent = mailed;
        Assert.DoesNotContain("code=", parent.Url, StringComparison.Ordinal);
        await Expect(parent.Locator("h1")).ToContainTextAsync("Het overstapdossier van");
        await Expect(parent.Locator("article.oso-dossier")).ToBeVisibleAsync();
        await Expect(parent.Locator("#verstrekkingen")).ToContainTextAsync("Nog geen enkele school");
        await parent.ScreenshotAsync(journey, "03-ouders-dossier-telefoon");
        await parent.AssertAccessibleAsync("ouders: dossier (telefoon)");
        await parent.AssertWordsAsync("ouders: dossier (telefoon)");

        await parent.CheckAsync("#akkoord-nee");
        await parent.ClickAsync("#versturen");
        await Expect(parent.Locator(".error-summary")).ToContainTextAsync("zienswijze");
        await Expect(parent.Locator("#zienswijze")).ToHaveAttributeAsync("aria-invalid", "true");
        await parent.ScreenshotAsync(journey, "04-ouders-zienswijze-vergeten");
        await parent.AssertAccessibleAsync("ouders: foutmelding (telefoon)");

        await parent.FillAsync("#zienswijze", zienswijze);
        await parent.ClickAsync("#versturen");
        await Expect(parent.Locator("[role=status]")).ToContainTextAsync("uw zienswijze gaat mee met het dossier");
        await Expect(parent.Locator("#huidige-reactie")).ToContainTextAsync("niet eens");
        await parent.ScreenshotAsync(journey, "05-ouders-reactie-ontvangen");
        await parent.AssertAccessibleAsync("ouders: reactie ontvangen (telefoon)");

        // staff see the view in the draft, and a new release carries it
        await staff.ReloadAsync();
        await Expect(staff.Locator("#zienswijze-waarde")).ToHaveTextAsync(zienswijze);
        await Expect(staff.Locator("#dossierstatus")).ToHaveTextAsync("ingezien, niet akkoord");
        await Expect(staff.Locator("#ouderlinks")).ToContainTextAsync("gereageerd door de ouders");
        await staff.ScreenshotAsync(journey, "06-school-ziet-zienswijze");
        await staff.AssertAccessibleAsync("dossier met zienswijze");
        await staff.ClickAsync("#vrijgeven-knop");
        await Expect(staff.Locator("#dossierstatus")).ToHaveTextAsync("vrijgegeven (v2)");
        await staff.ScreenshotAsync(journey, "07-opnieuw-vrijgegeven");

        var (version, released) = await portal.ReleasedAsync(pupil);
        Assert.Equal(2, version);
        Assert.Equal("Nee", released.Inzage?.Akkoord?.Value);
        Assert.Equal(zienswijze, released.Inzage?.Redennietakkoord);
    }

    [Fact]
    public async Task VO_staff_register_a_released_pupil_request_the_dossier_follow_every_step_read_it_and_mark_it_imported()
    {
        const string journey = "school-vo-opvragen";
        var pupil = await portal.PupilAsync("LL1001");
        var identity = await portal.IdentityAsync(pupil);
        var page = await browser.NewPageAsync();
        await portal.SignInAsync(page, SchoolPortaal.VoMedewerker, journey);
        await page.Locator("nav").GetByRole(AriaRole.Link, new() { Name = "Aanmeldingen", Exact = true }).ClickAsync();
        await page.AssertAccessibleAsync("aanmeldingen");
        await page.GetByRole(AriaRole.Link, new() { Name = "Leerling aanmelden", Exact = true }).ClickAsync();
        await page.ScreenshotAsync(journey, "01-aanmelden");
        await page.AssertAccessibleAsync("leerling aanmelden");

        await page.FillAsync("#pgn", "123456789"); // fails the elfproef
        await page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden", Exact = true }).ClickAsync();
        await Expect(page.Locator(".error-summary li")).ToHaveCountAsync(3);
        await Expect(page.Locator("#pgn")).ToHaveAttributeAsync("aria-invalid", "true");
        await page.ScreenshotAsync(journey, "02-aanmelden-fouten");
        await page.AssertAccessibleAsync("leerling aanmelden met fouten");

        await page.FillAsync("#pgn", identity.Pgn!);
        await page.FillAsync("#geboortedatum", identity.Geboortedatum!.Value.ToString("yyyy-MM-dd"));
        await page.FillAsync("#naam", identity.Naam);
        await page.FillAsync("#bronbrin", DemoSchools.Po.Brin);
        await page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/scholen/92VO/aanvragen/"));
        for (var i = 0; i < 120 && (await page.InnerTextAsync("#aanvraagstatus")) is "bezig" or "in de wachtrij"; i++)
        {
            await Task.Delay(250);
            await page.ReloadAsync();
        }
        await Expect(page.Locator("#aanvraagresultaat")).ToContainTextAsync("geleverd");
        await Expect(page.Locator("#stappen li")).ToHaveCountAsync(4);
        await Expect(page.Locator("#stappen")).ToContainTextAsync("Sessie bij het Traffic Center");
        await Expect(page.Locator("#stappen li.ok", new() { HasText = "Dossier opvragen" })).ToContainTextAsync("Dossier ontvangen");
        await page.ScreenshotAsync(journey, "03-stappen");
        await page.AssertAccessibleAsync("aanvraag met stappen");
        await page.AssertWordsAsync("aanvraag met stappen");

        await page.GetByRole(AriaRole.Link, new() { Name = "Naar het ontvangen dossier" }).ClickAsync();
        await page.AssertAccessibleAsync("aanmelding met ontvangen dossier");
        await page.ClickAsync("#ontvangen ~ ul a");
        await Expect(page.Locator("article.oso-dossier")).ToContainTextAsync(identity.Naam.Split(' ')[^1]);
        await Expect(page.Locator("#importstatus")).ToHaveTextAsync("nog niet geïmporteerd");
        await page.ScreenshotAsync(journey, "04-ontvangen-dossier");
        await page.AssertAccessibleAsync("ontvangen dossier");
        await page.AssertWordsAsync("ontvangen dossier");
        await page.ClickAsync("#importeren");
        await Expect(page.Locator("#importstatus")).ToContainTextAsync("geïmporteerd op");
        await page.ScreenshotAsync(journey, "05-geimporteerd");
        await page.Locator("nav").GetByRole(AriaRole.Link, new() { Name = "Ontvangen dossiers", Exact = true }).ClickAsync();
        await Expect(page.Locator("main table")).ToContainTextAsync("geïmporteerd op");
        await page.AssertAccessibleAsync("ontvangen dossiers");

        // the parents of that pupil see which school received the dossier
        var created = await portal.Chain.School.Services.GetRequiredService<ParentLinks>()
            .CreateAsync(DemoSchools.Po.Brin, pupil, "ouder@voorbeeld.test", Oso.School.Audit.Actor.Node, mail: false);
        var token = Assert.IsType<ParentLinkResult.Created>(created).Token!;
        var parent = await browser.NewPageAsync("phone");
        await parent.GotoAsync(ParentMail.LinkUrl(portal.Portal, token).ToString(), new() { WaitUntil = WaitUntilState.Commit });
        await parent.WaitForURLAsync(new Regex("/ouders/dossier$"));
        await Expect(parent.Locator("#verstrekkingen")).ToContainTextAsync($"{DemoSchools.Vo.Naam} ({DemoSchools.Vo.Brin})");
        await parent.ScreenshotAsync(journey, "06-ouders-zien-verstrekking");
        await parent.AssertAccessibleAsync("ouders: verstrekt aan (telefoon)");
    }

    [Fact]
    public async Task The_other_staff_pages_and_the_error_pages_meet_WCAG_21_AA_on_a_desktop_and_on_a_phone()
    {
        const string journey = "school-overige-paginas";
        var page = await browser.NewPageAsync();
        await portal.SignInAsync(page, SchoolPortaal.PoBeheerder, journey);
        foreach (var (path, what) in new[]
        {
            ("/scholen/91PO/verzoeken", "verzoeken"), ("/scholen/91PO/aanmeldingen", "aanmeldingen (leeg)"), ("/scholen/91PO/ontvangen", "ontvangen (leeg)"),
            ("/scholen/91PO/medewerkers", "medewerkers"), ("/scholen/92VO/dossiers", "geen toegang (403)"), ("/bestaat-niet", "niet gevonden (404)"),
        })
        {
            await page.GotoAsync(portal.Url(path));
            await page.ScreenshotAsync(journey, what.Replace(' ', '-'));
            await page.AssertAccessibleAsync(what);
        }

        // a staff member added by the school's beheerder: errors first, then the first password shown once
        await page.GotoAsync(portal.Url("/scholen/91PO/medewerkers"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Toevoegen", Exact = true }).ClickAsync();
        await Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("medewerker toevoegen met fouten");
        await page.FillAsync("#naam", "Sam Intern Begeleider");
        await page.FillAsync("#email", "ib@regenboog.test");
        await page.GetByRole(AriaRole.Button, new() { Name = "Toevoegen", Exact = true }).ClickAsync();
        await Expect(page.Locator("#eerste-wachtwoord")).ToHaveTextAsync(new Regex("^[A-Za-z0-9]{16}$"));
        await Expect(page.Locator("main table")).ToContainTextAsync("ib@regenboog.test");
        await page.ScreenshotAsync(journey, "medewerker-toegevoegd");
        await page.AssertAccessibleAsync("medewerker toegevoegd");

        // composing a draft: a wrong number is refused in place; an attachment of the wrong type too
        var pupil = await portal.PupilAsync("LL1002");
        await page.GotoAsync(portal.Url($"/scholen/91PO/dossiers/{pupil}/bewerken"));
        await page.AssertAccessibleAsync("dossier wijzigen");
        // one form: text typed in one section survives an error in another, and one save stores both
        await page.FillAsync("#aandachtspunten", "Heeft baat bij een vaste plek in de klas.");
        await page.FillAsync("#geoorloofd", "veel");
        await page.ClickAsync("#opslaan-verzuim");
        await Expect(page.Locator(".error-summary")).ToContainTextAsync("Geoorloofd verzuim: Vul een heel getal in");
        await Expect(page.Locator("#foutoverzicht")).ToBeFocusedAsync();
        await Expect(page.Locator("#aandachtspunten")).ToHaveValueAsync("Heeft baat bij een vaste plek in de klas.");
        await page.AssertAccessibleAsync("dossier wijzigen met fouten");
        await page.FillAsync("#geoorloofd", "6");
        await page.ClickAsync("#opslaan-verzuim");
        await Expect(page.Locator("#bericht-verzuim")).ToContainTextAsync("Opgeslagen.");
        await Expect(page.Locator("#bericht-verzuim")).ToBeFocusedAsync(); // next to the button pressed, not at the top
        Assert.True(await page.EvaluateAsync<bool>("() => { const r = document.getElementById('bericht-verzuim').getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; }"),
            "De bevestiging staat niet in beeld.");
        await Expect(page.Locator("#aandachtspunten")).ToHaveValueAsync("Heeft baat bij een vaste plek in de klas.");
        await Expect(page.Locator("#geoorloofd")).ToHaveValueAsync("6");
        await page.SetInputFilesAsync("#bestand", new FilePayload { Name = "verslag.pdf", MimeType = "application/pdf", Buffer = "geen pdf"u8.ToArray() });
        await page.ClickAsync("#opslaan-bijlagen");
        await Expect(page.Locator("#bestand-fout")).ToContainTextAsync("past niet bij");
        await page.SetInputFilesAsync("#bestand", new FilePayload { Name = "verslag.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n%%EOF\n"u8.ToArray() });
        await page.FillAsync("#omschrijving", "Verslag van de leerlingbespreking");
        await page.ClickAsync("#opslaan-bijlagen");
        await Expect(page.Locator("#bijlagen ~ ul")).ToContainTextAsync("verslag.pdf — Verslag van de leerlingbespreking");
        await page.ScreenshotAsync(journey, "dossier-gewijzigd");

        // the same pages on a phone
        var phone = await browser.NewPageAsync("phone");
        await portal.SignInAsync(phone, SchoolPortaal.PoBeheerder);
        foreach (var (path, what) in new[] { ("/scholen/91PO/dossiers", "dossierlijst"), ($"/scholen/91PO/dossiers/{pupil}", "dossier van een leerling") })
        {
            await phone.GotoAsync(portal.Url(path));
            await phone.ScreenshotAsync(journey, what.Replace(' ', '-') + "-telefoon");
            await phone.AssertAccessibleAsync(what + " (telefoon)");
        }
    }
}
