using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Oso.Browser.Tests.Infrastructure;
using Oso.Cli.Demo;
using Oso.Cli.Up;
using Oso.School.LasApi;
using static Microsoft.Playwright.Assertions;
using static Oso.Browser.Tests.Central.PortaalKeten;

namespace Oso.Browser.Tests.Central;

/// <summary>The operator revokes a school in the beheer pages; its next transfer is refused, and both the servicedesk and the school see why.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SchoolIngetrokkenTests(BrowserFixture browser, PortaalKeten keten) : IClassFixture<PortaalKeten>
{
    private const string Journey = "central-school-ingetrokken";
    private const string Reden = "Informatiebeveiliging niet meer op orde (audit mei 2026)";

    [Fact]
    public async Task The_operator_revokes_a_school_and_its_next_transfer_is_refused_with_the_reason_in_the_trace()
    {
        var vo = DemoSchools.Vo.Brin;
        var page = await browser.NewPageAsync();
        await keten.InloggenAsync(page, Beheer);

        // 1. the operator revokes 92VO (first without a reason)
        await page.GotoAsync(keten.Url("/beheer/scholen"));
        await page.FillAsync("#zoek", vo);
        await page.ClickAsync("form[role=search] button");
        await VastleggenAsync(page, Journey, "01-scholen-gezocht", "beheer: scholen gezocht");
        await page.ClickAsync($"main a[href='/beheer/scholen/{vo}']");
        await Expect(page.Locator("#deelname")).ToHaveTextAsync("Neemt deel");
        await VastleggenAsync(page, Journey, "02-school", "beheer: school");
        await page.ClickAsync("form[action*='handler=Intrekken'] button");
        await Expect(page.Locator("#fouten")).ToContainTextAsync("Geef de reden");
        await VastleggenAsync(page, Journey, "03-intrekken-zonder-reden", "beheer: intrekken zonder reden");
        await page.FillAsync("#reden", Reden);
        await page.ClickAsync("form[action*='handler=Intrekken'] button");
        await Expect(page.Locator("[role=status]")).ToContainTextAsync("De deelname is ingetrokken");
        await Expect(page.Locator("#deelname")).ToHaveTextAsync("Ingetrokken");
        await VastleggenAsync(page, Journey, "04-ingetrokken", "beheer: school ingetrokken");

        // 2. 92VO's LAS asks for a pupil's dossier from 91PO: the Traffic Center refuses it
        using var anchor = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(keten.Chain.Central.TrustAnchorPemPath, TestContext.Current.CancellationToken));
        using var las = new LasApiClient(keten.Chain.School.PortalUrl, vo, keten.Chain.State.Vo.LasSleutel, anchor);
        var ct = TestContext.Current.CancellationToken;
        var aanmelding = await las.RegisterAsync(new AanmeldingDto("999991000", new DateOnly(2014, 5, 1), DemoSchools.Po.Brin, "Test Leerling", null), ct);
        var aanvraag = await las.WaitForRequestAsync(await las.RequestAsync(aanmelding, null, ct), TimeSpan.FromSeconds(60), ct);
        Assert.Equal("NietGekwalificeerd", aanvraag.Resultaat);

        // 3. the servicedesk finds the refusal by BRIN and reads the trace
        await page.GotoAsync(keten.Url("/beheer/sessies"));
        await page.FillAsync("#zoek", vo);
        await page.ClickAsync("form[role=search] button");
        var rij = page.Locator("tbody tr", new() { HasText = "NietGekwalificeerd" });
        await Expect(rij).ToHaveCountAsync(1);
        await VastleggenAsync(page, Journey, "05-servicedesk-sessies", "servicedesk: sessies van de school");
        await rij.Locator("a").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/beheer/sessies/[0-9a-f-]{36}$"));
        var trace = page.Locator("main");
        await Expect(trace).ToContainTextAsync("Geweigerd");
        await Expect(trace).ToContainTextAsync("NietGekwalificeerd");
        await Expect(trace).ToContainTextAsync($"De deelname van school {vo}");
        await Expect(trace).ToContainTextAsync(Reden);
        await Expect(trace).ToContainTextAsync("De doelschool");
        await VastleggenAsync(page, Journey, "06-servicedesk-trace", "servicedesk: trace");
        await OpTelefoonAsync(page, Journey, "06-servicedesk-trace", "servicedesk: trace");

        // 4. the school sees it too, in Mijn OSO
        var school = await browser.NewPageAsync();
        await keten.InloggenAsync(school, Vo);
        await Expect(school.Locator("main")).ToContainTextAsync("Deelname ingetrokken");
        await VastleggenAsync(school, Journey, "07-mijn-oso-ingetrokken", "Mijn OSO, ingetrokken");
        await school.ClickAsync("main a[href='/mijn-oso/overdrachten']");
        var sessie = school.Locator("tbody tr", new() { HasText = "NietGekwalificeerd" });
        await Expect(sessie).ToContainTextAsync("doel");
        await VastleggenAsync(school, Journey, "08-mijn-oso-overdrachten", "Mijn OSO: overdrachten");
        await OpTelefoonAsync(school, Journey, "08-mijn-oso-overdrachten", "Mijn OSO: overdrachten");
        await sessie.Locator("a").ClickAsync();
        await Expect(school.Locator("main")).ToContainTextAsync(Reden);
        await Expect(school.Locator("main")).ToContainTextAsync($"De doelschool ({vo}, uw school)");
        await VastleggenAsync(school, Journey, "09-mijn-oso-trace", "Mijn OSO: trace");
        await school.GotoAsync(keten.Url("/mijn-oso/aansluiting"));
        await VastleggenAsync(school, Journey, "10-mijn-oso-aansluiting", "Mijn OSO: mandaten en aanleverpunten");

        // another id than its own: not found, in Dutch
        var response = await school.GotoAsync(keten.Url($"/mijn-oso/overdrachten/{Guid.NewGuid()}"));
        Assert.Equal(404, response!.Status);
        await Expect(school.Locator("h1")).ToHaveTextAsync("Niet gevonden");
        await VastleggenAsync(school, Journey, "11-niet-gevonden", "niet gevonden");
    }
}
