using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Oso.Browser.Tests.Infrastructure;

/// <summary>
/// One headless Debian Chromium for the whole test run, driven by Playwright (its driver ships in the NuGet package;
/// no browser download). ./test.sh installs chromium; without it the tests skip, or fail under OSO_REQUIRE_BROWSER=1.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("No browser.");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Chromium)) return;
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A fresh browser context and page (Dutch locale; the development CA's certificates accepted).</summary>
    public async Task<IPage> NewPageAsync(string? viewport = null)
    {
        if (_browser is null)
        {
            const string reason = "Chromium is not installed (/usr/bin/chromium); ./test.sh installs it.";
            if (Environment.GetEnvironmentVariable("OSO_REQUIRE_BROWSER") == "1") Assert.Fail(reason);
            Assert.Skip(reason);
        }
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "nl-NL",
            IgnoreHTTPSErrors = true,
            ViewportSize = viewport == "phone" ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            IsMobile = viewport == "phone",
        });
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>Screenshots of each journey step (kept in TestResults/screenshots) and WCAG 2.1 AA scans.</summary>
public static class PageChecks
{
    public static string ScreenshotDirectory { get; } = Path.Combine(Oso.Testing.StandardFiles.RepositoryRoot, "TestResults", "screenshots");

    public static async Task ScreenshotAsync(this IPage page, string journey, string step)
    {
        var directory = Path.Combine(ScreenshotDirectory, journey);
        Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, step + ".png"), FullPage = true });
    }

    /// <summary>
    /// The page fits its viewport: the document is no wider than the window (tables may scroll in their own region, the
    /// page itself never sideways). Measured on a phone at 390 px.
    /// </summary>
    public static async Task AssertFitsAsync(this IPage page, string what)
    {
        var sizes = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        var (scroll, width) = (sizes[0], sizes[1]);
        Assert.True(scroll <= width, $"{what}: de pagina is {scroll} px breed bij een scherm van {width} px (ze schuift opzij).");
    }

    /// <summary>
    /// Fails when the page shows a result code, rule id, XPath, GUID or ISO timestamp where a word belongs: the text a person
    /// sees, without <c>details</c> elements (where such identifiers wait for the supplier), checked by <see cref="Oso.Testing.UserFacingText"/>.
    /// </summary>
    public static async Task AssertWordsAsync(this IPage page, string what)
    {
        var visible = await page.EvaluateAsync<string>(
            // every text node outside details, scripts and styles, separated as the eye separates table cells
            "() => { const out = []; const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT); "
            + "while (w.nextNode()) { const n = w.currentNode; if (!n.parentElement.closest('details, script, style, template')) out.push(n.textContent); } "
            + "return out.join(' '); }");
        Oso.Testing.UserFacingText.AssertVisibleWords(visible, what);
    }

    /// <summary>Runs axe-core with the WCAG 2.0/2.1 A and AA rules; fails with a readable list of violations.</summary>
    public static async Task AssertAccessibleAsync(this IPage page, string what)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        if (result.Violations.Length == 0) return;
        var lines = result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} — {string.Join("; ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}");
        Assert.Fail($"{what}: {result.Violations.Length} WCAG-overtreding(en):\n" + string.Join("\n", lines));
    }
}
