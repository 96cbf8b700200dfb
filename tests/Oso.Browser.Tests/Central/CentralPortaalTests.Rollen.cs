using System.Text.RegularExpressions;
using Oso.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using Oso.Cli.Up;
using static Microsoft.Playwright.Assertions;
using static Oso.Browser.Tests.Central.PortaalKeten;

namespace Oso.Browser.Tests.Central;

public sealed partial class CentralPortaalTests
{
    [Fact]
    public async Task A_board_mandates_a_system_for_one_of_its_schools_and_ends_the_mandate()
    {
        const string journey = "central-bestuur";
        var page = await browser.NewPageAsync();
        await keten.InloggenAsync(page, Bestuur);
        await Expect(page).ToHaveURLAsync(new Regex("/bestuur"));
        await Expect(page.Locator("main")).ToContainTextAsync(DemoSchools.Po.Naam);
        await VastleggenAsync(page, journey, "01-scholen-en-mandaten", "bestuur: scholen en mandaten");
        await page.AssertWordsAsync("bestuur: scholen en mandaten");
        await OpTelefoonAsync(page, journey, "01-scholen-en-mandaten", "bestuur: scholen en mandaten");

        // a mandate that ends before it starts is refused with a clear message
        await page.SelectOptionAsync("#school", DemoSchools.Vo.Brin);
        await page.SelectOptionAsync("#systeem", DemoChain.SysteemId);
        await page.FillAsync("#van", "2026-09-01");
        await page.FillAsync("#tot", "2026-08-01");
        await page.ClickAsync("form[action*='handler=Mandaat'] button");
        await Expect(page.Locator("#fouten")).ToContainTextAsync("De einddatum ligt voor de begindatum");
        await VastleggenAsync(page, journey, "02-mandaat-fouten", "bestuur: mandaat met fouten");

        await page.FillAsync("#tot", "2027-07-31");
        await page.ClickAsync("form[action*='handler=Mandaat'] button");
        await Expect(page.Locator("[role=status]")).ToContainTextAsync("Het mandaat is vastgelegd");
        var rij = page.Locator("tbody tr", new() { HasText = "1 september 2026 tot en met 31 juli 2027" });
        await Expect(rij).ToHaveCountAsync(1);
        await VastleggenAsync(page, journey, "03-mandaat-vastgelegd", "bestuur: mandaat vastgelegd");

        // ending a mandate cannot be undone: the board confirms first, and a refusal changes nothing
        await rij.Locator("button").ClickAsync();
        await Expect(page.Locator("#bevestigen")).ToContainTextAsync("Dit kunt u niet ongedaan maken");
        await VastleggenAsync(page, journey, "04a-mandaat-bevestigen", "bestuur: mandaat beëindigen bevestigen");
        await page.AssertWordsAsync("bestuur: mandaat beëindigen bevestigen");
        await page.GetByRole(AriaRole.Link, new() { Name = "Nee, terug" }).ClickAsync();
        await Expect(page.Locator("tbody tr", new() { HasText = "1 september 2026 tot en met 31 juli 2027" }).Locator("button")).ToHaveCountAsync(1);
        await page.Locator("tbody tr", new() { HasText = "1 september 2026 tot en met 31 juli 2027" }).Locator("button").ClickAsync();
        await page.ClickAsync("#beeindigen-bevestigen");
        await Expect(page.Locator("[role=status]")).ToContainTextAsync("Het mandaat is beëindigd");
        await VastleggenAsync(page, journey, "04-mandaat-beeindigd", "bestuur: mandaat beëindigd");

        // a board sees only its pages
        await page.GotoAsync(keten.Url("/beheer"));
        await Expect(page).ToHaveURLAsync(new Regex("/geen-toegang"));
        await VastleggenAsync(page, journey, "05-geen-toegang", "geen toegang");
        await keten.UitloggenAsync(page, journey);
        await VastleggenAsync(page, journey, "06-uitgelogd", "uitgelogd");
    }

    [Fact]
    public async Task A_supplier_sees_its_system_qualification_aanleverpunten_and_certificates()
    {
        const string journey = "central-leverancier";
        var page = await browser.NewPageAsync();
        await keten.InloggenAsync(page, Leverancier, journey, "01-tweestaps");
        await Expect(page).ToHaveURLAsync(new Regex("/leverancier"));
        await Expect(page.Locator("main")).ToContainTextAsync("Gekwalificeerd sinds");
        await Expect(page.Locator("main")).ToContainTextAsync(DemoSchools.Po.RouteringsKenmerk);
        await Expect(page.Locator("#certificaten ~ div table")).ToContainTextAsync("Geldig");
        await VastleggenAsync(page, journey, "02-systeem", "leverancier: systeem");
        await OpTelefoonAsync(page, journey, "02-systeem", "leverancier: systeem");
    }

    [Fact]
    public async Task The_servicedesk_finds_sessions_and_systems_and_the_sign_in_explains_mistakes()
    {
        const string journey = "central-beheer";
        var page = await browser.NewPageAsync();

        // sign-in mistakes: wrong password, then a wrong code
        await page.GotoAsync(keten.Url("/inloggen"));
        await page.FillAsync("#email", Beheer);
        await page.FillAsync("#wachtwoord", "niet het wachtwoord");
        await page.ClickAsync("main button[type=submit]");
        await Expect(page.Locator("#fouten")).ToContainTextAsync("klopt niet");
        await VastleggenAsync(page, journey, "01-inloggen-fout", "inloggen met fout wachtwoord");

        await keten.InloggenAsync(page, Beheer);
        await keten.UitloggenAsync(page);
        await page.FillAsync("#email", Beheer);
        await page.FillAsync("#wachtwoord", Wachtwoord);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync(new Regex("/inloggen/code"));
        await VastleggenAsync(page, journey, "02-code", "inloggen: code");
        await page.FillAsync("#code", "000000");
        await page.ClickAsync("main button[type=submit]");
        await Expect(page.Locator("#fouten")).ToContainTextAsync("Deze code klopt niet");
        await VastleggenAsync(page, journey, "03-code-fout", "inloggen: verkeerde code");
        await page.FillAsync("#code", await keten.CodeAsync(Beheer));
        await page.ClickAsync("main button[type=submit]");
        await Expect(page).ToHaveURLAsync(new Regex("/beheer"));

        // the register's schools and systems
        await page.GotoAsync(keten.Url("/beheer/scholen"));
        await VastleggenAsync(page, journey, "04-scholen", "beheer: scholen");
        await page.ClickAsync($"main a[href='/beheer/scholen/{DemoSchools.Po.Brin}']");
        await VastleggenAsync(page, journey, "05-school", "beheer: school");
        await page.GotoAsync(keten.Url("/beheer/systemen"));
        await VastleggenAsync(page, journey, "06-systemen", "beheer: systemen");
        await page.ClickAsync($"main a[href='/beheer/systemen/{DemoChain.SysteemId}']");
        await Expect(page.Locator("main")).ToContainTextAsync("Certificaten");
        await VastleggenAsync(page, journey, "07-systeem", "beheer: systeem");

        // the servicedesk: the latest sessions, and a search it cannot understand
        await page.GotoAsync(keten.Url("/beheer/sessies"));
        await VastleggenAsync(page, journey, "08-sessies", "servicedesk: sessies");
        await OpTelefoonAsync(page, journey, "08-sessies", "servicedesk: sessies");
        await page.FillAsync("#zoek", "geen-sessie");
        await page.ClickAsync("form[role=search] button");
        await Expect(page.Locator("#fouten")).ToContainTextAsync("Zoek op een sessie-id");
        await VastleggenAsync(page, journey, "09-sessies-zoekfout", "servicedesk: zoekfout");
    }

    [Fact]
    public async Task The_public_list_of_qualified_schools_is_searchable_and_counts_schools_per_region()
    {
        const string journey = "central-openbaar";
        var page = await browser.NewPageAsync();
        await page.GotoAsync(keten.Url("/scholen"));
        await Expect(page.Locator("main")).ToContainTextAsync(DemoSchools.Vo.Naam);
        await Expect(page.Locator("main")).Not.ToContainTextAsync("OSO Testschool");
        await Expect(page.Locator("#regio ~ div table")).ToContainTextAsync("Utrecht");
        await VastleggenAsync(page, journey, "01-scholen", "gekwalificeerde scholen");
        await page.FillAsync("#zoek", DemoSchools.Po.Brin);
        await page.ClickAsync("form[role=search] button");
        await Expect(page.Locator("#resultaten")).ToHaveTextAsync(new Regex("^1 van de \\d+ scholen gevonden$"));
        await VastleggenAsync(page, journey, "02-gezocht", "gekwalificeerde scholen, gezocht");

        var telefoon = await browser.NewPageAsync("phone");
        await telefoon.GotoAsync(keten.Url("/"));
        await VastleggenAsync(telefoon, journey, "03-home-telefoon", "home (telefoon)");
        await telefoon.GotoAsync(keten.Url("/inloggen"));
        await VastleggenAsync(telefoon, journey, "04-inloggen-telefoon", "inloggen (telefoon)");
        await telefoon.GotoAsync(keten.Url("/scholen"));
        await VastleggenAsync(telefoon, journey, "05-scholen-telefoon", "gekwalificeerde scholen (telefoon)");
    }
}
