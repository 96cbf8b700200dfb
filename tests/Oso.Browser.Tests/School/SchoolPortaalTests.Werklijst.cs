using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Oso.Browser.Tests.Infrastructure;
using Oso.Cli.Up;
using Oso.School.Audit;
using Oso.School.Bron;
using Oso.School.Parents;
using Oso.School.Storage;
using Oso.Synthetic;
using static Microsoft.Playwright.Assertions;

namespace Oso.Browser.Tests.School;

/// <summary>The worklist: a primary school takes a whole group 8 from concept to released in a handful of clicks.</summary>
public sealed partial class SchoolPortaalTests
{
    [Fact]
    public async Task A_primary_school_takes_a_group_8_of_24_pupils_from_concept_to_released_in_seven_clicks()
    {
        const string journey = "school-groep-8";
        var (pupils, addresses) = await DeliverGroupAsync("8B", 24);
        var page = await browser.NewPageAsync();
        await portal.SignInAsync(page, SchoolPortaal.PoBeheerder, journey);
        var clicks = 0;
        var staffTime = Stopwatch.StartNew();
        async Task Click(ILocator target)
        {
            clicks++;
            await target.ClickAsync();
        }

        await Expect(page.Locator("#voortgang-groepen")).ToContainTextAsync("Groep 8B");
        await page.ScreenshotAsync(journey, "01-overzicht");
        await page.AssertAccessibleAsync("overzicht met voortgang per groep");
        await page.AssertWordsAsync("overzicht met voortgang per groep");

        await Click(page.Locator("nav").GetByRole(AriaRole.Link, new() { Name = "Dossiers", Exact = true }));
        await Click(page.Locator("#groepentabel").GetByRole(AriaRole.Link, new() { Name = "Groep 8B", Exact = true }));
        await Expect(page.Locator("#aantal")).ToContainTextAsync("24 dossiers gevonden");
        await Expect(page.Locator("#dossiers tbody tr", new() { HasText = "concept" })).ToHaveCountAsync(24);
        await page.ScreenshotAsync(journey, "02-groep-8b");
        await page.AssertAccessibleAsync("de dossiers van groep 8B");
        await page.AssertWordsAsync("de dossiers van groep 8B");

        await Click(page.Locator("#bulk-ouderlinks"));
        await Expect(page.Locator("#plan-samenvatting")).ToContainTextAsync("24 van de 24 leerlingen krijgen een persoonlijke link");
        await Expect(page.Locator("#plan-samenvatting")).ToBeFocusedAsync();
        await page.ScreenshotAsync(journey, "03-links-bevestigen");
        await page.AssertAccessibleAsync("links naar ouders: bevestigen");
        await page.AssertWordsAsync("links naar ouders: bevestigen");
        await Click(page.Locator("#bevestigen"));
        await Expect(page.Locator("#taakstatus")).ToContainTextAsync("Klaar.", new() { Timeout = 60_000 }); // the page follows the progress itself
        await Expect(page.Locator("#taakstatus")).ToContainTextAsync("24 links verstuurd");
        await page.ScreenshotAsync(journey, "04-links-verstuurd");
        await page.AssertAccessibleAsync("links naar ouders: klaar");
        staffTime.Stop();

        // the parents answer from their mail (one on a phone in the browser, the others as quickly through the same service)
        var mailed = await portal.ParentLinksFromMailAsync(addresses);
        var links = portal.Chain.School.Services.GetRequiredService<ParentLinks>();
        var phone = await browser.NewPageAsync("phone");
        await phone.GotoAsync(mailed[0], new() { WaitUntil = WaitUntilState.Commit });
        await phone.WaitForURLAsync(new Regex("/ouders/dossier$"));
        await phone.CheckAsync("#akkoord-ja");
        await phone.ClickAsync("#versturen");
        await Expect(phone.Locator("[role=status]")).ToBeVisibleAsync();
        foreach (var link in mailed.Skip(1))
        {
            var opened = await links.OpenAsync(new Uri(link).Fragment["#code=".Length..]);
            if (opened is OpenResult.Opened o) await links.AnswerAsync(o.LinkId, new ParentAnswer("Ja", null, null, null));
        }

        staffTime.Start();
        await Click(page.Locator("#terug"));
        await Expect(page.Locator("#dossiers tbody tr", new() { HasText = "ingezien" })).ToHaveCountAsync(24);
        await Click(page.Locator("#bulk-vrijgeven"));
        await Expect(page.Locator("#plan-samenvatting")).ToContainTextAsync("24 van de 24 dossiers worden vrijgegeven");
        await page.ScreenshotAsync(journey, "05-vrijgeven-bevestigen");
        await page.AssertAccessibleAsync("vrijgeven: bevestigen");
        await Click(page.Locator("#bevestigen"));
        await Expect(page.Locator("#taakstatus")).ToContainTextAsync("Klaar.", new() { Timeout = 60_000 });
        await Expect(page.Locator("#taakstatus")).ToContainTextAsync("24 vrijgegeven");
        staffTime.Stop();
        await page.ScreenshotAsync(journey, "06-vrijgegeven");
        await page.AssertAccessibleAsync("vrijgeven: klaar");
        await page.AssertWordsAsync("vrijgeven: klaar");

        Assert.Equal(7, clicks);
        await using (var db = portal.Chain.School.Services.GetRequiredService<SchoolStore>().Read())
            Assert.Equal(24, await db.Releases.CountAsync(r => pupils.Contains(r.PupilId) && r.SupersededAt == null));
        await page.GotoAsync(portal.Url("/scholen/91PO"));
        await Expect(page.Locator("#voortgang-groepen tr", new() { HasText = "Groep 8B" })).ToContainTextAsync("24 van 24 vrijgegeven");
        // for the report: the clicks and the time the staff member spent (the parents' part not counted)
        TestContext.Current.SendDiagnosticMessage($"Groep 8 (24 leerlingen) van concept tot vrijgegeven: {clicks} klikken na het inloggen, {staffTime.Elapsed.TotalSeconds:F1} s in de browser.");
        await File.WriteAllTextAsync(Path.Combine(PageChecks.ScreenshotDirectory, journey, "klikken.txt"),
            $"{clicks} klikken, {staffTime.Elapsed.TotalSeconds:F1} s\n");
    }

    /// <summary>A new group delivered by the LAS as concept: synthetic group 8 pupils with their parents' e-mail addresses, not yet seen by the parents.</summary>
    private async Task<(IReadOnlyList<Guid> Pupils, IReadOnlyList<string> Addresses)> DeliverGroupAsync(string groep, int count)
    {
        var services = portal.Chain.School.Services;
        var bron = services.GetRequiredService<BronDossiers>();
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var dossiers = SyntheticDossiers.Many(SyntheticProfile.Povo, count * 2, seed: 88, today,
                new SyntheticOptions { School = DemoSchools.SyntheticSchool(DemoSchools.Po), AttachmentSize = 4 * 1024 })
            .Where(d => d.Huidigeschool.Leerling.Verzorger.Count > 0 && d.Huidigeschool.Leerling.Schoolloopbaanlijst.Count > 0).Take(count).ToList();
        Assert.Equal(count, dossiers.Count);
        var ids = new List<Guid>();
        for (var i = 0; i < dossiers.Count; i++)
        {
            var stored = await bron.DeliverAsync(DemoSchools.Po.Brin, $"G{groep}-{i:00}", DemoSchools.InGroep(dossiers[i] with { Inzage = null }, groep),
                Actor.Las(portal.Chain.State.Po.LasClientId));
            ids.Add(Assert.IsType<DeliveryResult.Stored>(stored).PupilId);
        }
        return (ids, dossiers.SelectMany(d => ParentAddresses.Of(d).Select(a => a.Email)).Distinct(StringComparer.OrdinalIgnoreCase).ToList());
    }
}
