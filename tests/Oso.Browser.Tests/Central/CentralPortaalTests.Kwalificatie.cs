using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Oso.Browser.Tests.Infrastructure;
using Oso.Central.Register;
using Oso.Cli.Up;
using static Microsoft.Playwright.Assertions;
using static Oso.Browser.Tests.Central.PortaalKeten;

namespace Oso.Browser.Tests.Central;

/// <summary>
/// The Central portal in a real browser, on one demo chain: a school qualifies (this file), and the board's,
/// supplier's, servicedesk's and public pages (<c>CentralPortaalTests.Rollen.cs</c>). Each step is photographed and each
/// page scanned for WCAG 2.1 AA (the main pages also at phone width).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class CentralPortaalTests(BrowserFixture browser, PortaalKeten keten) : IClassFixture<PortaalKeten>
{
    private const string Journey = "central-school-kwalificeert-zich";
    private const string NieuweBrin = "77QA";
    private const string NieuweSchool = "OBS De Vlieger";
    private const string Contact = "contact@devlieger.test";

    [Fact]
    public async Task A_new_school_registers_is_verified_works_through_the_checklist_and_is_qualified()
    {
        var page = await browser.NewPageAsync();
        // the school is in the register (as DUO's data would put it there); it has no account yet
        _ = (await keten.Admin.AddSchoolAsync(new NieuweSchool(NieuweBrin, NieuweSchool, Sector.PO, "40001")
            { Plaats = "Amersfoort", Gemeente = "Amersfoort", Provincie = "Utrecht" })).Zeker;

        // 1. the public front page, and the request for an account (first with mistakes)
        await page.GotoAsync(keten.Url("/"));
        await VastleggenAsync(page, Journey, "01-home", "home");
        await page.ClickAsync("main a[href='/aanmelden']");
        await VastleggenAsync(page, Journey, "02-aanmelden", "account aanvragen");
        await page.FillAsync("#brin", "7QA");
        await page.FillAsync("#wachtwoord", "kort");
        await page.ClickAsync("main button[type=submit]");
        await Expect(page.Locator("#fouten")).ToContainTextAsync("twee cijfers en twee letters");
        await Expect(page).ToHaveTitleAsync(new Regex("^Fout: "));
        await Expect(page.Locator("#brin")).ToHaveAttributeAsync("aria-invalid", "true");
        await VastleggenAsync(page, Journey, "03-aanmelden-fouten", "account aanvragen met fouten");
        await page.FillAsync("#brin", NieuweBrin);
        await page.FillAsync("#naam", "Ria de Vries");
        await page.FillAsync("#email", Contact);
        await page.FillAsync("#telefoon", "033 123 45 67");
        await page.FillAsync("#wachtwoord", Wachtwoord);
        await page.FillAsync("#herhaling", Wachtwoord);
        await page.ClickAsync("main button[type=submit]");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Aanvraag ontvangen");
        await VastleggenAsync(page, Journey, "04-aangevraagd", "aanvraag ontvangen");

        // 2. before verification the school cannot sign in
        await page.GotoAsync(keten.Url("/inloggen"));
        await page.FillAsync("#email", Contact);
        await page.FillAsync("#wachtwoord", Wachtwoord);
        await page.ClickAsync("main button[type=submit]");
        await Expect(page.Locator("#fouten")).ToContainTextAsync("wacht nog op verificatie");
        await VastleggenAsync(page, Journey, "05-inloggen-nog-niet-geverifieerd", "inloggen, account nog niet geverifieerd");

        // 3. the operator verifies the account
        var beheer = await browser.NewPageAsync();
        await keten.InloggenAsync(beheer, Beheer, Journey, "06-beheerder-tweestaps");
        await Expect(beheer).ToHaveURLAsync(new Regex("/beheer"));
        await VastleggenAsync(beheer, Journey, "07-beheer", "beheer overzicht");
        await OpTelefoonAsync(beheer, Journey, "07-beheer", "beheer overzicht");
        await beheer.ClickAsync("main a[href='/beheer/accounts']");
        var rij = beheer.Locator("tr", new() { HasText = Contact });
        await Expect(rij).ToContainTextAsync($"{NieuweSchool} ({NieuweBrin})");
        await VastleggenAsync(beheer, Journey, "08-accounts", "accounts die wachten");
        await rij.Locator("button").ClickAsync();
        await Expect(beheer.Locator("[role=status]")).ToContainTextAsync("geverifieerd");

        // 4. the school signs in (setting up two-factor authentication) and reaches Mijn OSO
        await keten.InloggenAsync(page, Contact, Journey, "09-school-tweestaps");
        await Expect(page).ToHaveURLAsync(new Regex("/mijn-oso"));
        await Expect(page.Locator("#kwalificatie-status")).ToHaveTextAsync("Niet gekwalificeerd");
        await VastleggenAsync(page, Journey, "10-mijn-oso", "Mijn OSO");
        await OpTelefoonAsync(page, Journey, "10-mijn-oso", "Mijn OSO");
        await page.ClickAsync("main a[href='/mijn-oso/kwalificatie']");
        await Expect(page.Locator("#voortgang")).ToHaveTextAsync("0 van 7 onderdelen goedgekeurd");
        await VastleggenAsync(page, Journey, "11-checklist", "checklist");
        await OpTelefoonAsync(page, Journey, "11-checklist", "checklist");

        // 5. evidence, item by item; first two mistakes the portal explains
        await page.GotoAsync(keten.Url("/mijn-oso/kwalificatie/informatiebeveiliging"));
        await VastleggenAsync(page, Journey, "12-onderdeel", "checklistonderdeel");
        await page.SetInputFilesAsync("#bestand", new FilePayload { Name = "beleid.pdf", MimeType = "application/pdf", Buffer = "Dit is geen PDF"u8.ToArray() });
        await page.ClickAsync("form[action*='handler=Document'] button");
        await Expect(page.Locator("#fouten")).ToContainTextAsync("Alleen PDF, PNG, JPEG");
        await VastleggenAsync(page, Journey, "13-onderdeel-verkeerd-bestand", "checklistonderdeel, verkeerd bestand");
        await page.SetInputFilesAsync("#bestand", new FilePayload { Name = "groot.pdf", MimeType = "application/pdf", Buffer = Pdf(6 * 1024 * 1024) });
        await page.ClickAsync("form[action*='handler=Document'] button");
        await Expect(page.Locator("#fouten")).ToContainTextAsync("hoogstens 5 MB");
        // far beyond what the portal reads: answered before the upload is complete, with the same rule
        await page.SetInputFilesAsync("#bestand", new FilePayload { Name = "scan.pdf", MimeType = "application/pdf", Buffer = Pdf(24 * 1024 * 1024) });
        await page.ClickAsync("form[action*='handler=Document'] button");
        await Expect(page.Locator("[role=alert]")).ToContainTextAsync("veel te groot");

        await DocumentAsync(page, "informatiebeveiliging", "informatiebeveiligingsbeleid.pdf");
        await DocumentAsync(page, "verwerkersovereenkomst", "verwerkersovereenkomst.pdf");
        await page.GotoAsync(keten.Url("/mijn-oso/kwalificatie/privacyfunctionaris"));
        await page.ClickAsync("form[action*='handler=Verklaring'] button");
        await Expect(page.Locator("#fouten")).ToContainTextAsync("namens de school ondertekent");
        await VastleggenAsync(page, Journey, "14-verklaring-fouten", "verklaring met fouten");
        await VerklaringAsync(page, "privacyfunctionaris", "Onze FG is mr. A. Jansen, aangewezen door het bestuur.");
        await VerklaringAsync(page, "ouders-geinformeerd", "De schoolgids 2026-2027 beschrijft OSO en het inzagerecht van ouders.");
        await VerklaringAsync(page, "medewerkers-geautoriseerd", "Alleen de intern begeleiders en de administratie hebben rechten in het LAS.");
        await VerklaringAsync(page, "datalekken", "Wij volgen het protocol van het bestuur.");
        await VerklaringAsync(page, "testuitwisseling", "Op 3 maart deden wij een testoverdracht met testschool 00YY.");
        await Expect(page.Locator("#voortgang")).ToHaveTextAsync("0 van 7 onderdelen goedgekeurd");
        await VastleggenAsync(page, Journey, "15-checklist-ingediend", "checklist, alles ingediend");

        // 6. the operator reviews: one rejection with a remark, the rest approved
        await beheer.GotoAsync(keten.Url("/beheer/bewijzen"));
        await Expect(beheer.Locator("tbody tr")).ToHaveCountAsync(7);
        await VastleggenAsync(beheer, Journey, "16-bewijzen", "bewijsstukken die wachten");
        await BeoordeelAsync(beheer, "Meldprocedure datalekken", afwijzen: "Beschrijf de procedure zelf, of upload haar.", Journey);
        while (await beheer.Locator("tbody tr").CountAsync() > 0) await BeoordeelAsync(beheer, null, null, null);

        // 7. the school sees the rejection, submits again, and is approved
        await page.GotoAsync(keten.Url("/mijn-oso/kwalificatie"));
        await Expect(page.Locator("#voortgang")).ToHaveTextAsync("6 van 7 onderdelen goedgekeurd");
        await Expect(page.Locator("li", new() { Has = page.Locator("#item-datalekken") })).ToContainTextAsync("Beschrijf de procedure zelf");
        await VastleggenAsync(page, Journey, "17-checklist-afgewezen", "checklist met een afwijzing");
        await DocumentAsync(page, "datalekken", "meldprocedure-datalekken.pdf");
        await beheer.GotoAsync(keten.Url("/beheer/bewijzen"));
        await BeoordeelAsync(beheer, "Meldprocedure datalekken", null, null);

        // 8. qualified: on Mijn OSO and on the public list
        await page.GotoAsync(keten.Url("/mijn-oso"));
        await Expect(page.Locator("#kwalificatie-status")).ToContainTextAsync("Gekwalificeerd tot");
        await VastleggenAsync(page, Journey, "18-gekwalificeerd", "Mijn OSO, gekwalificeerd");
        var publiek = await browser.NewPageAsync("phone");
        await publiek.GotoAsync(keten.Url("/scholen?zoek=vlieger"));
        await Expect(publiek.Locator("main table").First).ToContainTextAsync(NieuweSchool);
        await VastleggenAsync(publiek, Journey, "19-openbare-lijst-telefoon", "gekwalificeerde scholen (telefoon)");
    }

    private async Task DocumentAsync(IPage page, string item, string naam)
    {
        await page.GotoAsync(keten.Url("/mijn-oso/kwalificatie/" + item));
        await page.SetInputFilesAsync("#bestand", new FilePayload { Name = naam, MimeType = "application/pdf", Buffer = Pdf(2048) });
        await page.ClickAsync("form[action*='handler=Document'] button");
        await Expect(page.Locator("[role=status]")).ToContainTextAsync("Uw bewijs is ingediend");
    }

    private async Task VerklaringAsync(IPage page, string item, string tekst)
    {
        await page.GotoAsync(keten.Url("/mijn-oso/kwalificatie/" + item));
        await page.FillAsync("#verklaring", tekst);
        await page.FillAsync("#ondertekenddoor", "Ria de Vries");
        await page.FillAsync("#functie", "Directeur");
        await page.CheckAsync("#akkoord");
        await page.ClickAsync("form[action*='handler=Verklaring'] button");
        await Expect(page.Locator("[role=status]")).ToContainTextAsync("Uw bewijs is ingediend");
    }

    /// <summary>Opens the first waiting evidence (or the one for <paramref name="onderdeel"/>) and approves it, or rejects it with a remark.</summary>
    private static async Task BeoordeelAsync(IPage beheer, string? onderdeel, string? afwijzen, string? journey)
    {
        var rij = onderdeel is null ? beheer.Locator("tbody tr").First : beheer.Locator("tbody tr", new() { HasText = onderdeel });
        await rij.Locator("a").ClickAsync();
        await Expect(beheer.Locator("h1")).ToContainTextAsync("Bewijs beoordelen");
        if (journey is not null) await VastleggenAsync(beheer, journey, "16-bewijs-beoordelen", "bewijs beoordelen");
        if (afwijzen is not null)
        {
            await beheer.ClickAsync("button[value=afwijzen]");
            await Expect(beheer.Locator("#fouten")).ToContainTextAsync("Schrijf bij een afwijzing");
            if (journey is not null) await VastleggenAsync(beheer, journey, "16-bewijs-afwijzen-zonder-opmerking", "bewijs afwijzen zonder opmerking");
            await beheer.FillAsync("#opmerking", afwijzen);
            await beheer.ClickAsync("button[value=afwijzen]");
        }
        else
        {
            await beheer.ClickAsync("button[value=goedkeuren]");
        }
        await Expect(beheer.Locator("[role=status]")).ToContainTextAsync("beoordeling is opgeslagen");
    }

    private static byte[] Pdf(int grootte)
    {
        var pdf = new byte[grootte];
        "%PDF-1.4\n"u8.CopyTo(pdf);
        return pdf;
    }
}
