using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Oso.Browser.Tests.Infrastructure;
using Oso.Cli.Up;
using Oso.School.Parents;
using static Microsoft.Playwright.Assertions;

namespace Oso.Browser.Tests.School;

/// <summary>Privacy on the pages: what parents are told about the data, and a correction request from parents to staff and back.</summary>
public sealed partial class SchoolPortaalTests
{
    [Fact]
    public async Task A_parent_reads_what_happens_with_the_data_and_asks_for_a_correction_that_staff_handle()
    {
        const string journey = "school-correctie";
        const string verzoek = "Het verzuim in februari was ziekte, geen ongeoorloofd verzuim.";
        const string uitkomst = "Aangepast in onze administratie; de volgende versie zegt ziekte.";
        var pupil = await portal.PupilAsync("LL1005");
        var created = await portal.Chain.School.Services.GetRequiredService<ParentLinks>()
            .CreateAsync(DemoSchools.Po.Brin, pupil, "ouder-correctie@voorbeeld.test", Oso.School.Audit.Actor.Node, mail: false);
        var token = Assert.IsType<ParentLinkResult.Created>(created).Token!;

        // the parents, on a phone: what happens with the data, then a request that is too empty, then a real one
        var parent = await browser.NewPageAsync("phone");
        await parent.GotoAsync(ParentMail.LinkUrl(portal.Portal, token).ToString(), new() { WaitUntil = WaitUntilState.Commit });
        await parent.WaitForURLAsync(new Regex("/ouders/dossier$"));
        await Expect(parent.Locator("#privacy")).ToHaveTextAsync("Wat gebeurt er met deze gegevens?");
        await Expect(parent.Locator("section[aria-labelledby=privacy]")).ToContainTextAsync("365 dagen na het einde van het schooljaar");
        await parent.Locator("#privacy").ScrollIntoViewIfNeededAsync();
        await parent.ScreenshotAsync(journey, "01-ouders-informatie-telefoon");
        await parent.AssertAccessibleAsync("ouders: informatie over de gegevens (telefoon)");
        await parent.ClickAsync("#correctie-versturen");
        await Expect(parent.Locator(".error-summary")).ToContainTextAsync("Schrijf op wat er niet klopt");
        await Expect(parent.Locator("#correctie-tekst")).ToHaveAttributeAsync("aria-invalid", "true");
        await parent.AssertAccessibleAsync("ouders: correctie zonder tekst (telefoon)");
        await parent.FillAsync("#correctie-tekst", verzoek);
        await parent.ClickAsync("#correctie-versturen");
        await Expect(parent.Locator("[role=status]")).ToContainTextAsync("Uw verzoek is naar de school gegaan");
        await Expect(parent.Locator("#correcties")).ToContainTextAsync("nog niet afgehandeld");
        await parent.ScreenshotAsync(journey, "02-ouders-verzoek-verstuurd-telefoon");
        await parent.AssertAccessibleAsync("ouders: correctie verstuurd (telefoon)");

        // staff, on a desktop: the open task on the pupil's page, handled
        var staff = await browser.NewPageAsync();
        await portal.SignInAsync(staff, SchoolPortaal.PoMedewerker);
        await staff.GotoAsync(portal.Url($"/scholen/91PO/dossiers/{pupil}#correcties"));
        await Expect(staff.Locator("#correcties-stand")).ToHaveTextAsync("Er is 1 open verzoek.");
        var task = staff.Locator("#correcties ~ article").First;
        await Expect(task).ToContainTextAsync(verzoek);
        await Expect(task.Locator(".status")).ToHaveTextAsync("open");
        await staff.ScreenshotAsync(journey, "03-school-open-verzoek");
        await staff.AssertAccessibleAsync("dossier met een open verzoek om correctie");
        await task.GetByRole(AriaRole.Button, new() { Name = "Afhandelen", Exact = true }).ClickAsync();
        await Expect(staff.Locator(".error-summary")).ToContainTextAsync("Schrijf op wat de school met het verzoek heeft gedaan");
        await staff.AssertAccessibleAsync("afhandelen zonder tekst");
        task = staff.Locator("#correcties ~ article").First;
        await task.Locator("textarea").FillAsync(uitkomst);
        await task.GetByRole(AriaRole.Button, new() { Name = "Afhandelen", Exact = true }).ClickAsync();
        await Expect(staff.Locator("#correcties-stand")).ToHaveTextAsync("Alle verzoeken zijn afgehandeld.");
        await Expect(staff.Locator("#correcties ~ article").First.Locator(".status")).ToHaveTextAsync("afgehandeld");
        await staff.ScreenshotAsync(journey, "04-school-afgehandeld");
        await staff.AssertAccessibleAsync("dossier met een afgehandeld verzoek");

        // the same task on a phone, and the parents read the outcome
        var phone = await browser.NewPageAsync("phone");
        await portal.SignInAsync(phone, SchoolPortaal.PoMedewerker);
        await phone.GotoAsync(portal.Url($"/scholen/91PO/dossiers/{pupil}#correcties"));
        await phone.ScreenshotAsync(journey, "05-school-verzoeken-telefoon");
        await phone.AssertAccessibleAsync("verzoeken om correctie (telefoon)");
        await parent.ReloadAsync();
        await Expect(parent.Locator("#correcties")).ToContainTextAsync(uitkomst);
        await parent.ScreenshotAsync(journey, "06-ouders-lezen-uitkomst-telefoon");
        await parent.AssertAccessibleAsync("ouders: uitkomst van het verzoek (telefoon)");
    }
}
