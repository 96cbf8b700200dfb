using System.Text;
using System.Xml.Linq;
using Oso.Dossier.Rendering;
using Oso.Testing;

namespace Oso.Dossier.Tests.Rendering;

public sealed class DossierPdfRendererTests
{
    [Theory]
    [MemberData(nameof(StandardFiles.ExampleNames), MemberType = typeof(StandardFiles))]
    public void Every_official_example_becomes_a_tagged_Dutch_PDF_with_the_title_the_pupil_and_embedded_fonts(string example)
    {
        var dossier = Read(example);

        var pdf = DossierPdfRenderer.Render(dossier);

        var info = PdfTools.Info(pdf);
        Assert.Equal(DossierHtmlTitle(dossier), info["Title"]);
        Assert.Equal("yes", info["Tagged"]);
        Assert.Equal("595 x 842 pts (A4)", info["Page size"]);
        var raw = Encoding.Latin1.GetString(pdf);
        Assert.Contains("/StructTreeRoot", raw);
        Assert.Contains("/Marked true", raw);
        Assert.Contains("/Lang(nl-NL)", raw);
        Assert.Contains("/DisplayDocTitle true", raw);
        Assert.Contains("/Outlines", raw);
        Assert.All(PdfTools.Fonts(pdf), font => Assert.Matches(@"\byes\s+yes\s+yes\b", font)); // embedded, subset, with a ToUnicode map
        var text = PdfTools.Text(pdf);
        Assert.Contains(dossier.Huidigeschool.Leerling.Achternaam, text);
        Assert.Contains("Leerling", text);
    }

    [Theory]
    [MemberData(nameof(StandardFiles.ExampleNames), MemberType = typeof(StandardFiles))]
    public void The_PDF_carries_every_label_and_value_of_the_HTML_view(string example)
    {
        var dossier = Read(example);
        var html = XDocument.Parse(DossierHtmlRenderer.RenderPage(dossier));
        // the page footer is drawn where a page ends, which can be inside a value that runs over
        var text = PdfTools.Squeeze(System.Text.RegularExpressions.Regex.Replace(PdfTools.Text(DossierPdfRenderer.Render(dossier)),
            @"Overstapdossier, vertrouwelijk — pagina \d+", ""));

        var shown = html.Descendants().Where(e => e.Name.LocalName is "dt" or "dd" or "th" or "td" or "caption" or "h1" or "h2" or "h3" or "p" or "strong")
            .Where(e => !e.Elements().Any(c => c.Name.LocalName is "strong" or "span"))
            .Select(e => PdfTools.Squeeze(e.Value)).Where(v => v.Length > 0).Distinct().ToList();
        Assert.NotEmpty(shown);
        Assert.All(shown, value => Assert.Contains(value, text));
    }

    [Fact]
    public void The_BSN_follows_the_one_rule_and_codes_without_a_public_meaning_say_so()
    {
        var dossier = Read("OV_POVO_full");

        var text = PdfTools.Text(DossierPdfRenderer.Render(dossier));
        var full = PdfTools.Text(DossierPdfRenderer.Render(dossier, new DossierRenderOptions { ShowFullPgn = true }));

        Assert.Contains("*****6728", text);
        Assert.DoesNotContain("269326728", text);
        Assert.Contains("269326728", full);
        Assert.Contains("Basisonderwijs naar voortgezet onderwijs", text);
        Assert.Contains("code 40 (betekenis niet openbaar)", text);
        Assert.Contains("Vader", text);
    }

    [Fact]
    public void A_long_dossier_runs_over_pages_with_a_footer_on_each()
    {
        var dossier = Read("OV_VOVO_full");

        var pdf = DossierPdfRenderer.Render(dossier);

        var pages = int.Parse(PdfTools.Info(pdf)["Pages"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(pages > 2, $"{pages} pages");
        Assert.Contains($"pagina {pages}", PdfTools.Text(pdf));
    }

    private static string DossierHtmlTitle(Oso.Dossier.Model.Dossier dossier) =>
        XDocument.Parse(DossierHtmlRenderer.RenderPage(dossier)).Descendants("title").Single().Value;

    private static Oso.Dossier.Model.Dossier Read(string example) => DossierReader.ReadDossier(File.OpenRead(StandardFiles.Example(example)));
}
