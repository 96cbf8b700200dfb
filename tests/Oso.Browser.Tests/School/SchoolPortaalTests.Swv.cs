using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Oso.Browser.Tests.Infrastructure;
using Oso.Cli.Up;
using Oso.Dossier;
using Oso.School.Audit;
using Oso.School.Bron;
using Oso.School.Crypto;
using Oso.School.Storage;
using Oso.Synthetic;
using static Microsoft.Playwright.Assertions;

namespace Oso.Browser.Tests.School;

/// <summary>
/// The SWV flow in the browser: the primary school's staff choose the samenwerkingsverband from the register and send the
/// dossier; the SWV's staff find it on their page, send a terugkoppeling (a wrong one first) and see it arrive; the
/// school's staff read the decision.
/// </summary>
public sealed partial class SchoolPortaalTests
{
    [Fact]
    public async Task PO_staff_send_a_dossier_to_the_SWV_whose_staff_send_a_terugkoppeling_that_the_school_reads()
    {
        const string journey = "school-swv";
        const string besluit = "Toelaatbaar tot het speciaal basisonderwijs (browsertest).";
        var services = portal.Chain.School.Services;
        var po = DemoSchools.Po.Brin;
        var swv = DemoSchools.Swv.Brin;

        // a pupil whose dossier has what an SWV dossier needs (POSWV), seen by the parents and released
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var bron = services.GetRequiredService<BronDossiers>();
        var dossier = SyntheticTerugkoppeling.WithSupport(SyntheticDossiers.Create(SyntheticProfile.Povo, 4242, today,
            new SyntheticOptions { School = DemoSchools.SyntheticSchool(DemoSchools.Po) }), SyntheticProfile.Poswv, 4242, today);
        var pupil = Assert.IsType<DeliveryResult.Stored>(await bron.DeliverAsync(po, "SWV4242", dossier, Actor.Node)).PupilId;
        Assert.IsType<InzageResult.Recorded>(await bron.RecordInzageAsync(po, pupil, new InzageInput(today, "Ja", null, null), Actor.Node));
        Assert.IsType<ReleaseResult.Released>(await bron.ReleaseAsync(po, pupil, null, Actor.Node));

        // the school's staff: from the pupil's page to the choice of the SWV (the only one of the school, chosen already)
        var page = await browser.NewPageAsync();
        await portal.SignInAsync(page, SchoolPortaal.PoMedewerker);
        await page.GotoAsync(portal.Url($"/scholen/{po}/dossiers/{pupil}"));
        await page.ClickAsync("#naar-swv");
        await Expect(page).ToHaveURLAsync(new Regex($"/dossiers/{pupil}/swv$"));
        await Expect(page.Locator($"#swv-{swv}")).ToBeCheckedAsync();
        await Expect(page.Locator($"label[for=swv-{swv}]")).ToContainTextAsync(DemoSchools.Swv.Naam);
        await page.ScreenshotAsync(journey, "01-school-kiest-swv");
        await page.AssertAccessibleAsync("samenwerkingsverband kiezen");
        await page.AssertWordsAsync("samenwerkingsverband kiezen");
        await page.ClickAsync("#swv-versturen");
        await Expect(page.Locator("#bericht-eerder")).ToContainTextAsync("Het dossier gaat naar");
        await Expect(page.Locator("#bericht-eerder")).ToBeFocusedAsync();
        for (var i = 0; i < 300 && !(await page.InnerTextAsync("#swv-verzendingen")).Contains("opgehaald door", StringComparison.Ordinal); i++)
        {
            await Task.Delay(200);
            await page.ReloadAsync();
        }
        await Expect(page.Locator("#swv-verzendingen")).ToContainTextAsync("opgehaald door het samenwerkingsverband");
        await page.ScreenshotAsync(journey, "02-school-swv-opgehaald");
        await page.AssertAccessibleAsync("swv-dossier opgehaald");

        // the SWV's staff: the dossier on their page, a terugkoppeling that is not one, then a real one
        Guid receipt;
        byte[] received;
        await using (var db = services.GetRequiredService<SchoolStore>().Read())
        {
            var koppelsleutel = (await db.SwvSendings.AsNoTracking().SingleAsync(s => s.PupilId == pupil)).Koppelsleutel!.Value;
            var row = await db.SwvReceipts.AsNoTracking().SingleAsync(r => r.Koppelsleutel == koppelsleutel);
            (receipt, received) = (row.Id, services.GetRequiredService<ProtectedDossiers>().Xml(swv, row.Xml!, ProtectedDossiers.Contexts.SwvReceived(row.Id)));
        }
        const string email = "swv-medewerker-browser@openoso.demo";
        Assert.IsType<Oso.School.Staff.StaffResult.Added>(await services.GetRequiredService<Oso.School.Staff.StaffAccounts>()
            .AddAsync(swv, email, "Medewerker van het samenwerkingsverband", Oso.School.Staff.StaffRol.Medewerker, SchoolPortaal.Wachtwoord, Actor.Node));
        var swvPage = await browser.NewPageAsync();
        await portal.SignInAsync(swvPage, email);
        await swvPage.Locator("nav").GetByRole(AriaRole.Link, new() { Name = "Swv-dossiers", Exact = true }).ClickAsync();
        await Expect(swvPage.Locator($"#swv-dossiers a[href$='/swv/{receipt}']")).ToBeVisibleAsync();
        await swvPage.ScreenshotAsync(journey, "03-swv-dossiers");
        await swvPage.AssertAccessibleAsync("swv-dossiers bij het samenwerkingsverband");
        await swvPage.ClickAsync($"#swv-dossiers a[href$='/swv/{receipt}']");
        await Expect(swvPage.Locator("#handtekening")).ToContainTextAsync("ondertekend door systeem");
        await swvPage.FillAsync("#terugkoppeling", "<geen/>");
        await swvPage.ClickAsync("#versturen");
        await Expect(swvPage.Locator(".error-summary")).ToContainTextAsync("Er is niets verstuurd");
        await swvPage.AssertAccessibleAsync("terugkoppeling geweigerd (foutoverzicht)");
        var terugkoppeling = DossierWriter.ToBytes(SyntheticTerugkoppeling.For(DossierReader.Read(new MemoryStream(received)).Dossier!,
            DemoSchools.SyntheticSchool(DemoSchools.Swv), "SWV-B1", today, besluit));
        await swvPage.FillAsync("#terugkoppeling", System.Text.Encoding.UTF8.GetString(terugkoppeling));
        await swvPage.ClickAsync("#versturen");
        await Expect(swvPage.Locator("#uitkomst")).ToContainTextAsync("Verstuurd:");
        await Expect(swvPage.Locator("#pogingen")).ToContainTextAsync("aangekomen bij de school");
        await swvPage.ScreenshotAsync(journey, "04-swv-terugkoppeling-verstuurd");
        await swvPage.AssertAccessibleAsync("terugkoppeling verstuurd");

        // the school's staff read the decision
        await page.GotoAsync(portal.Url($"/scholen/{po}/swv"));
        var link = page.Locator("#swv-verzendingen a[href*='/swv/terugkoppelingen/']").Last;
        await link.ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync(besluit);
        await page.ScreenshotAsync(journey, "05-school-leest-terugkoppeling");
        await page.AssertAccessibleAsync("terugkoppeling gelezen door de school");
    }
}
