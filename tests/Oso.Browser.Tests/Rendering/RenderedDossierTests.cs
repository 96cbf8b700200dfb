using Oso.Browser.Tests.Infrastructure;
using Oso.Dossier.Rendering;
using Oso.Synthetic;

namespace Oso.Browser.Tests.Rendering;

[Collection(BrowserCollection.Name)]
public sealed class RenderedDossierTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("povo-niet-akkoord", "desktop")]
    [InlineData("vovo", "phone")]
    public async Task A_rendered_dossier_is_readable_and_meets_WCAG_21_AA(string pupil, string viewport)
    {
        var dossier = SyntheticDossiers.Fixed(pupil, new DateOnly(2026, 4, 1), new SyntheticOptions { AttachmentSize = 2048 });
        var page = await browser.NewPageAsync(viewport);

        await page.SetContentAsync(DossierHtmlRenderer.RenderPage(dossier));

        await page.ScreenshotAsync("dossierweergave", $"{pupil}-{viewport}");
        Assert.Equal("nl", await page.GetAttributeAsync("html", "lang"));
        Assert.True(await page.Locator("h1").CountAsync() == 1);
        var fixedPupil = SyntheticDossiers.FixedPupils.Single(p => p.Key == pupil);
        Assert.Contains(fixedPupil.Achternaam, await page.InnerTextAsync("body"));
        await page.AssertAccessibleAsync("dossierweergave " + pupil);
    }
}
