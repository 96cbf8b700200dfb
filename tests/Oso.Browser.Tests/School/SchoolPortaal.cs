using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Oso.Testing;
using Oso.Browser.Tests.Infrastructure;
using Oso.Cli.Up;
using Oso.School.Bron;
using Oso.School.Crypto;
using Oso.School.Storage;
using static Microsoft.Playwright.Assertions;

namespace Oso.Browser.Tests.School;

/// <summary>
/// A demo chain for the School portal's journeys (one per test class), with the TOTP keys staff enrolled in it, and the
/// steps journeys repeat: signing in (first-time two-factor set-up included), finding a demo pupil, reading the dev
/// mail folder, reading what the node stored.
/// </summary>
public sealed partial class SchoolPortaal : IAsyncLifetime
{
    public const string Wachtwoord = "Demo-OpenOSO-2026!";
    public const string PoMedewerker = "po-medewerker@openoso.demo";
    public const string PoBeheerder = "po-beheerder@openoso.demo";
    public const string VoMedewerker = "vo-medewerker@openoso.demo";

    private readonly ChainFixture _chain = new();
    private readonly ConcurrentDictionary<string, string> _keys = new(StringComparer.OrdinalIgnoreCase);

    public DemoChain Chain => _chain.Chain;

    public Uri Portal => _chain.SchoolPortal;

    public string MailDirectory => Path.Combine(Path.GetFullPath(Chain.Options.DataDirectory), "school", "outbox-mail");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(BrowserFixture.Chromium)) return; // the tests skip; no chain needed
        await _chain.InitializeAsync();
    }

    public ValueTask DisposeAsync() => _chain.DisposeAsync();

    public string Url(string path) => new Uri(Portal, path).ToString();

    /// <summary>
    /// Signs in with password and TOTP. The first time, the enrolment page shows the key (screenshot and WCAG scan when a
    /// journey is given); a code is never used twice (the node refuses that), so a second sign-in waits for the next step.
    /// </summary>
    public async Task SignInAsync(IPage page, string email, string? journey = null)
    {
        await page.GotoAsync(Url("/inloggen"));
        await page.FillAsync("#email", email);
        await page.FillAsync("#wachtwoord", Wachtwoord);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync(new Regex("/inloggen/code"));
        if (await page.Locator("#tweestaps-sleutel").CountAsync() > 0)
        {
            _keys[email] = (await page.InnerTextAsync("#tweestaps-sleutel")).Replace(" ", "", StringComparison.Ordinal);
            await Expect(page.Locator("main img.qr[src^='data:image/png;base64,']")).ToBeVisibleAsync();
            if (journey is not null)
            {
                await page.ScreenshotAsync(journey, "00-tweestaps-instellen");
                await page.AssertAccessibleAsync("tweestapsverificatie instellen");
            }
        }
        else if (journey is not null)
        {
            await page.AssertAccessibleAsync("code invullen");
        }
        var firstTime = await page.Locator("#tweestaps-sleutel").CountAsync() > 0;
        await page.FillAsync("#code", await CodeAsync(email));
        await page.ClickAsync("main button[type=submit]");
        if (firstTime)
        {
            // the recovery codes, shown once after set-up
            await Expect(page.Locator("#herstelcodes li")).ToHaveCountAsync(10);
            if (journey is not null)
            {
                await page.ScreenshotAsync(journey, "00-herstelcodes");
                await page.AssertAccessibleAsync("herstelcodes");
            }
            await page.ClickAsync("#verder");
        }
        await Expect(page).Not.ToHaveURLAsync(new Regex("/inloggen"));
    }

    /// <summary>A code from a step not used before for this account (waits for the next step when needed).</summary>
    public Task<string> CodeAsync(string email) => TotpCodes.NextAsync(_keys[email]);

    /// <summary>The node's id of a demo pupil of the primary school (by LAS number).</summary>
    public async Task<Guid> PupilAsync(string lasId) =>
        await Chain.School.Services.GetRequiredService<BronDossiers>().FindPupilAsync(DemoSchools.Po.Brin, lasId) ?? throw new InvalidOperationException(lasId);

    /// <summary>What the primary school holds of a pupil's identity (name, birth date, BSN), as staff of the new school would be told.</summary>
    public async Task<PupilIdentity> IdentityAsync(Guid pupil)
    {
        var services = Chain.School.Services;
        await using var db = services.GetRequiredService<SchoolStore>().Read();
        var row = await db.Pupils.AsNoTracking().FirstAsync(p => p.Id == pupil);
        return services.GetRequiredService<ProtectedDossiers>().Json<PupilIdentity>(DemoSchools.Po.Brin, row.Identity, ProtectedDossiers.Contexts.PupilIdentity(pupil));
    }

    /// <summary>The current released version of a pupil's dossier.</summary>
    public async Task<(int Version, Oso.Dossier.Model.Dossier Dossier)> ReleasedAsync(Guid pupil)
    {
        var services = Chain.School.Services;
        await using var db = services.GetRequiredService<SchoolStore>().Read();
        var release = await db.Releases.AsNoTracking().Where(r => r.PupilId == pupil && r.SupersededAt == null).SingleAsync();
        await using var xml = services.GetRequiredService<ProtectedDossiers>().ReleaseXml(services.GetRequiredService<SchoolStore>(), release);
        return (release.Version, Oso.Dossier.DossierReader.ReadDossier(xml));
    }

    /// <summary>Waits for the mail to an address in the node's pickup directory and returns the parents' link in it.</summary>
    public async Task<string> ParentLinkFromMailAsync(string address)
    {
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(30);
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            if (Directory.Exists(MailDirectory))
                foreach (var file in Directory.GetFiles(MailDirectory, "*.eml"))
                {
                    var text = await File.ReadAllTextAsync(file);
                    if (!text.Contains("To: " + address, StringComparison.Ordinal)) continue;
                    var link = LinkPattern().Match(text);
                    Assert.True(link.Success, "De e-mail bevat geen persoonlijke link:\n" + text);
                    return link.Value;
                }
            await Task.Delay(200);
        }
        throw new TimeoutException("Geen e-mail aan " + address + " in " + MailDirectory);
    }

    /// <summary>Waits until the node's mail folder holds a parents' link for each of <paramref name="addresses"/>, and returns them.</summary>
    public async Task<IReadOnlyList<string>> ParentLinksFromMailAsync(IReadOnlyCollection<string> addresses)
    {
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(60);
        while (true)
        {
            var links = Directory.Exists(MailDirectory)
                ? Directory.GetFiles(MailDirectory, "*.eml").Select(File.ReadAllText)
                    .Where(t => !t.Contains("Herinnering", StringComparison.Ordinal) && addresses.Any(a => t.Contains("To: " + a + "\r\n", StringComparison.Ordinal)))
                    .Select(t => LinkPattern().Match(t)).Where(m => m.Success).Select(m => m.Value).ToList()
                : [];
            if (links.Count >= addresses.Count) return links;
            if (TimeProvider.System.GetUtcNow() > deadline) throw new TimeoutException($"{links.Count} van {addresses.Count} links in {MailDirectory}");
            await Task.Delay(200);
        }
    }

    [GeneratedRegex(@"https://\S+/ouders#code=[A-Za-z0-9_-]+")]
    private static partial Regex LinkPattern();
}
