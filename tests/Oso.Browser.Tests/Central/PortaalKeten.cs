using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Oso.Testing;
using Oso.Browser.Tests.Infrastructure;
using Oso.Central;
using Oso.Central.Accounts;
using Oso.Cli.Up;
using static Microsoft.Playwright.Assertions;

namespace Oso.Browser.Tests.Central;

/// <summary>
/// A demo chain for the Central portal's journeys (one per test class), with the TOTP keys people enrolled in it, a
/// supplier account for the demo system, and the steps every journey repeats: signing in (with first-time 2FA set-up).
/// </summary>
public sealed class PortaalKeten : IAsyncLifetime
{
    public const string Wachtwoord = "Demo-OpenOSO-2026!";
    public const string Beheer = "beheer@openoso.demo";
    public const string Bestuur = "bestuur@openoso.demo";
    public const string Po = "po@openoso.demo";
    public const string Vo = "vo@openoso.demo";
    public const string Leverancier = "leverancier@openoso.test";

    private readonly ChainFixture _chain = new();
    private readonly ConcurrentDictionary<string, string> _sleutels = new(StringComparer.OrdinalIgnoreCase);

    public Uri Portaal => _chain.CentralPortal;

    public DemoChain Chain => _chain.Chain;

    public CentralAdmin Admin => _chain.Chain.Central.Admin;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(BrowserFixture.Chromium)) return; // the tests skip; no chain needed
        await _chain.InitializeAsync();
        // the demo has no supplier login (yet): one for the demo system
        _ = (await Admin.AddUserAsync(new NieuweGebruiker(Leverancier, "Lea Verancier", Wachtwoord, Rol.Leverancier, DemoChain.SysteemId))).Zeker;
    }

    public ValueTask DisposeAsync() => _chain.DisposeAsync();

    public string Url(string pad) => new Uri(Portaal, pad).ToString();

    /// <summary>A TOTP code for an account that enrolled in this chain, of a step it has not used (Central refuses a code twice).</summary>
    public Task<string> CodeAsync(string email) => TotpCodes.NextAsync(_sleutels[email]);

    /// <summary>
    /// Signs in with password and TOTP; the first time, sets up two-factor authentication with the key the enrolment
    /// page shows (screenshot and WCAG scan of the enrolment page when <paramref name="journey"/> is given).
    /// </summary>
    public async Task InloggenAsync(IPage page, string email, string? journey = null, string? stap = null)
    {
        await page.GotoAsync(Url("/inloggen"));
        await page.FillAsync("#email", email);
        await page.FillAsync("#wachtwoord", Wachtwoord);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync(new Regex("/(tweestaps|inloggen/code)"));
        if (page.Url.Contains("/tweestaps", StringComparison.Ordinal))
        {
            var sleutel = await page.GetAttributeAsync("#tweestaps-sleutel", "data-sleutel");
            Assert.False(string.IsNullOrEmpty(sleutel));
            _sleutels[email] = sleutel!;
            await Expect(page.Locator("main img[src^='data:image/png;base64,']")).ToBeVisibleAsync();
            if (journey is not null)
            {
                await page.ScreenshotAsync(journey, stap ?? "tweestaps");
                await page.AssertAccessibleAsync("tweestapsverificatie instellen");
            }
            await page.FillAsync("#code", await CodeAsync(email));
            await page.ClickAsync("main button[type=submit]");
            await Expect(page.Locator("[role=status]")).ToContainTextAsync("Tweestapsverificatie staat aan");
            await Expect(page.Locator("#herstelcodes li")).ToHaveCountAsync(10);
            if (journey is not null) await VastleggenAsync(page, journey, (stap ?? "tweestaps") + "-herstelcodes", "herstelcodes");
            await page.ClickAsync("#verder");
            return;
        }
        await page.FillAsync("#code", await CodeAsync(email));
        await page.ClickAsync("main button[type=submit]");
        await Expect(page).Not.ToHaveURLAsync(new Regex("/inloggen"));
    }

    /// <summary>Signs out through the form (photographing and scanning it when <paramref name="journey"/> is given).</summary>
    public async Task UitloggenAsync(IPage page, string? journey = null)
    {
        await page.GotoAsync(Url("/uitloggen"));
        if (journey is not null) await VastleggenAsync(page, journey, "uitloggen", "uitloggen");
        await page.ClickAsync("main button[type=submit]");
        await Expect(page.Locator("[role=status]")).ToContainTextAsync("U bent uitgelogd");
    }

    /// <summary>Screenshot, then a WCAG 2.1 AA scan.</summary>
    public static async Task VastleggenAsync(IPage page, string journey, string stap, string wat)
    {
        await page.ScreenshotAsync(journey, stap);
        await page.AssertAccessibleAsync(wat);
    }

    /// <summary>The same page at phone width: screenshot and scan, then back to desktop.</summary>
    public static async Task OpTelefoonAsync(IPage page, string journey, string stap, string wat)
    {
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(journey, stap + "-telefoon");
        await page.AssertAccessibleAsync(wat + " (telefoon)");
        // nothing may stick out sideways but tables, which scroll in their own region
        var breed = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(breed, wat + ": de pagina is op een telefoon breder dan het scherm.");
        await page.SetViewportSizeAsync(1280, 900);
    }
}
