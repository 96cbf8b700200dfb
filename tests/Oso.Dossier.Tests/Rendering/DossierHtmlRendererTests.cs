using System.Xml;
using System.Xml.Linq;
using Oso.Dossier.Model;
using Oso.Dossier.Rendering;
using Oso.Testing;

namespace Oso.Dossier.Tests.Rendering;

public sealed class DossierHtmlRendererTests
{
    private const string Script = "<script>alert('x')</script>";
    private const string EncodedScript = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;";

    [Theory]
    [MemberData(nameof(StandardFiles.ExampleNames), MemberType = typeof(StandardFiles))]
    public void Every_official_example_renders_as_a_well_formed_Dutch_page_with_the_pupil_and_without_attachment_content(string example)
    {
        var dossier = Read(example);

        var page = DossierHtmlRenderer.RenderPage(dossier);

        var html = Parse(page);
        Assert.Equal("nl", html.Root!.Attribute("lang")?.Value);
        Assert.Single(html.Descendants("h1"));
        Assert.Contains(dossier.Huidigeschool.Leerling.Achternaam, page);
        foreach (var document in Documents(dossier))
            Assert.DoesNotContain(document.Bestandsinhoud.ToString().Trim()[..24], page);
        Assert.DoesNotContain("<script", page);
        Assert.DoesNotContain("bestandsinhoud", page);
    }

    [Theory]
    [MemberData(nameof(StandardFiles.ExampleNames), MemberType = typeof(StandardFiles))]
    public void Headings_never_skip_a_level_and_every_table_header_has_a_scope(string example)
    {
        var html = Parse(DossierHtmlRenderer.RenderPage(Read(example)));

        var levels = html.Descendants().Where(e => e.Name.LocalName is ['h', >= '1' and <= '6']).Select(e => e.Name.LocalName[1] - '0').ToList();
        Assert.Equal(1, levels[0]);
        for (var i = 1; i < levels.Count; i++)
            Assert.True(levels[i] <= levels[i - 1] + 1, $"heading h{levels[i]} follows h{levels[i - 1]}");
        Assert.All(html.Descendants("th"), th => Assert.Contains(th.Attribute("scope")?.Value, new[] { "col", "row" }));
        Assert.All(html.Descendants("table"), table => Assert.NotNull(table.Element("caption")));
        Assert.All(html.Descendants("section"), s => Assert.NotNull(html.Descendants().SingleOrDefault(e => (string?)e.Attribute("id") == (string?)s.Attribute("aria-labelledby"))));
    }

    [Fact]
    public void The_POVO_example_shows_the_pupil_the_advice_and_the_parents_disagreement_first()
    {
        var page = DossierHtmlRenderer.RenderPage(Read("OV_POVO_full"));

        Assert.Contains("<title>Overstapdossier: Daan van de Berg</title>", page);
        // the meaning of the advice codes is not public: said in words, never a bare number
        Assert.Contains("<dt>Schooladvies</dt>\n<dd>code 40 (betekenis niet openbaar)</dd>", page);
        Assert.Contains("<dt>Wens ouders</dt>\n<dd>code 42 (betekenis niet openbaar)</dd>", page);
        Assert.Contains("<dt>Relatie tot het kind</dt>\n<dd>Vader</dd>", page);
        Assert.Contains("<dt>Geslacht</dt>\n<dd>Man</dd>", page); // Daan: 2 = man in the standard
        Assert.Contains("<dt>Soort overstap</dt>\n<dd>Basisonderwijs naar voortgezet onderwijs</dd>", page);
        Assert.Contains("Waar je extra op moet letten is dat ...", page);
        Assert.Contains("<dd>17 maart 2003</dd>", page);
        var alert = Parse(page).Descendants("div").Single(d => (string?)d.Attribute("class") == "alert");
        Assert.Equal("Ouders zijn het niet eens met het dossier: Teveel zorggegevens in het dossier", Normalize(alert.Value));
        Assert.True(page.IndexOf("Inzage door ouders", StringComparison.Ordinal) < page.IndexOf("<h2 id=\"oso-leerling\">", StringComparison.Ordinal));
    }

    [Fact]
    public void Attachments_are_listed_with_name_description_context_and_a_Dutch_size()
    {
        var html = Parse(DossierHtmlRenderer.RenderPage(Read("OV_POVO_full")));

        var table = html.Descendants("table").Single(t => t.Element("caption")?.Value == "Bijlagen");
        var rows = table.Descendants("tr").Skip(1).Select(r => r.Elements().Select(c => c.Value).ToArray()).ToList();
        Assert.Equal(15, rows.Count);
        Assert.Contains(["diagram.png", "diagram leerresultaten", "Overige documenten", "5,6 kB"], rows);
        Assert.Contains(["groepsplan.txt", "Groepsplan", "Overige documenten", "183 bytes"], rows);
        Assert.Contains(["opp.docx", "ontwikkelingsperspectiefplan", "Ontwikkelingsperspectief", "21,0 kB"], rows);
        Assert.Contains(["drem8.jpg", "drempelonderzoek technisch lezen", "Toets: Drempelonderzoek 678 2010 Technisch lezen", "43,3 kB"], rows);
    }

    [Fact]
    public void Script_in_any_text_field_comes_out_encoded()
    {
        var dossier = Read("OV_POVO_full");
        var leerling = dossier.Huidigeschool.Leerling;
        var hostile = dossier with
        {
            Inzage = dossier.Inzage! with { Redennietakkoord = Script },
            Huidigeschool = dossier.Huidigeschool with
            {
                Naam = Script,
                Leerling = leerling with
                {
                    Achternaam = Script,
                    Overstapadvies = leerling.Overstapadvies! with { Aandachtspunten = Script },
                    Overigdocumentlijst = [leerling.Overigdocumentlijst[0] with { Bestandsnaam = Script, Omschrijving = "\"><img src=x onerror=alert(1)>" }],
                },
            },
        };

        var page = DossierHtmlRenderer.RenderPage(hostile);
        var fragment = DossierHtmlRenderer.RenderFragment(hostile);

        foreach (var html in new[] { page, fragment })
        {
            Assert.DoesNotContain("<script>", html);
            Assert.DoesNotContain("<img", html);
            Assert.Contains(EncodedScript, html);
            Assert.Contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;", html);
        }
        Assert.Contains($"<title>Overstapdossier: Daan van de {EncodedScript}</title>", page);
        Parse(page); // still well-formed
    }

    [Fact]
    public void The_PGN_shows_only_its_last_four_digits_unless_asked_for_in_full()
    {
        var dossier = Read("OV_POVO_full");

        var masked = DossierHtmlRenderer.RenderPage(dossier);
        var full = DossierHtmlRenderer.RenderPage(dossier, new DossierRenderOptions { ShowFullPgn = true });

        Assert.Contains("<dt>BSN</dt>\n<dd>*****6728</dd>", masked);
        Assert.DoesNotContain("269326728", masked);
        Assert.Contains("<dt>BSN</dt>\n<dd>269326728</dd>", full);
    }

    [Fact]
    public void Absent_sections_are_left_out_and_switched_off_categories_are_named()
    {
        var page = DossierHtmlRenderer.RenderPage(Read("OV_BB_opt_out"));

        Assert.DoesNotContain("Inzage door ouders", page);
        Assert.DoesNotContain("Toetsresultaten", page);
        Assert.DoesNotContain("Bijlagen", page);
        Assert.DoesNotContain("<section aria-labelledby=\"oso-verzorgers\">", page);
        Assert.Contains("<dt>Niet meegeleverd (uitgezet door de school)</dt>", page);
        Assert.Contains("toetsresultaten", page);
        Assert.Contains("<h1 id=\"oso-titel\">Overdracht binnen BRIN: ", page);
    }

    [Fact]
    public void The_fragment_is_one_article_with_the_chosen_heading_level_and_id_prefix()
    {
        var fragment = DossierHtmlRenderer.RenderFragment(Read("OV_POVO_full"), new DossierRenderOptions { HeadingLevel = 2, IdPrefix = "d1" });

        var article = XElement.Parse(fragment);
        Assert.Equal("article", article.Name.LocalName);
        Assert.Equal("nl", (string?)article.Attribute("lang"));
        Assert.Equal("d1-titel", (string?)article.Attribute("aria-labelledby"));
        Assert.Empty(article.Descendants("h1"));
        Assert.Equal("d1-titel", (string?)article.Descendants("h2").First().Attribute("id"));
        Assert.DoesNotContain("<style", fragment);
        Assert.StartsWith(".oso-dossier{", DossierHtmlRenderer.StyleSheet);
    }

    [Fact]
    public void The_page_is_self_contained_and_forbids_scripts()
    {
        var page = DossierHtmlRenderer.RenderPage(Read("OV_VOVO_full"));

        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"nl\">", page);
        Assert.Contains("default-src 'none'; style-src 'unsafe-inline'", page);
        Assert.Contains("name=\"viewport\"", page);
        Assert.Contains("@media print", page);
        Assert.DoesNotContain("http://", page.Replace("http-equiv", ""));
        Assert.DoesNotContain("https://", page);
        Assert.DoesNotContain("@import", page);
        Assert.DoesNotContain("url(", page);
    }

    [Fact]
    public void Rendering_twice_gives_the_same_text()
    {
        var dossier = Read("PaO_VOSWV_full");

        Assert.Equal(DossierHtmlRenderer.RenderPage(dossier), DossierHtmlRenderer.RenderPage(dossier));
    }

    [Theory]
    [InlineData(0L, "0 bytes")]
    [InlineData(1L, "1 byte")]
    [InlineData(1023L, "1023 bytes")]
    [InlineData(5770L, "5,6 kB")]
    [InlineData(150L * 1024, "150 kB")]
    [InlineData(2L * 1024 * 1024, "2,0 MB")]
    [InlineData(123L * 1024 * 1024, "123 MB")]
    [InlineData(null, "onbekende grootte")]
    public void File_sizes_read_in_Dutch_notation(long? bytes, string expected) =>
        Assert.Equal(expected, DutchFormat.FileSize(bytes));

    [Fact]
    public void Addresses_read_the_Dutch_way()
    {
        var adres = new Adres { Soortadres = "gba", Straat = "Hoofdstraat", Nummer = "136", Toevoeging = "a", Postcode = "7311BA", Plaats = "Apeldoorn" };

        Assert.Equal("Hoofdstraat 136a, 7311 BA Apeldoorn", DutchFormat.Address(adres));
        Assert.Equal("Hoofdstraat 12 II, 1234 AB Apeldoorn", DutchFormat.Address(adres with { Nummer = "12", Toevoeging = "II", Postcode = "1234 AB" }));
        Assert.Equal("tegenover Hoofdstraat 136a, 7311 BA Apeldoorn, België", DutchFormat.Address(adres with { Aanduiding = "TO", Land = new WaardeMetOmschrijving { Waarde = "5010", Omschrijving = "België" } }));
    }

    [Theory]
    [InlineData(0, "oso")]
    [InlineData(4, "oso")]
    [InlineData(1, "")]
    [InlineData(1, "1abc")]
    [InlineData(1, "a\"b")]
    public void Invalid_options_are_refused(int headingLevel, string idPrefix) =>
        Assert.ThrowsAny<ArgumentException>(() => DossierHtmlRenderer.RenderFragment(Read("OV_POVO_full"), new DossierRenderOptions { HeadingLevel = headingLevel, IdPrefix = idPrefix }));

    private static Dossier.Model.Dossier Read(string example) => DossierReader.Read(StandardFiles.Example(example)).Dossier!;

    private static XDocument Parse(string page)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };
        using var reader = XmlReader.Create(new StringReader(page), settings);
        return XDocument.Load(reader);
    }

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static IEnumerable<Document> Documents(Dossier.Model.Dossier dossier)
    {
        var l = dossier.Huidigeschool.Leerling;
        var support = l.Onderwijsondersteuning;
        return l.Overigdocumentlijst
            .Concat(l.Verzuim?.DocumentLijst ?? [])
            .Concat(l.EindtoetsBasisonderwijs?.Document ?? [])
            .Concat(l.Toetslijst.SelectMany(t => new[] { t.Resultaat.Document }.Concat(t.Toetsonderdeel.Select(o => o.Resultaat.Document))).OfType<Document>())
            .Concat(support?.Diagnose.SelectMany(d => d.Document) ?? [])
            .Concat(support?.Opp?.Document ?? [])
            .Concat(new[] { support?.ToelichtingOnderwijsbehoeften, support?.Lwoo?.Document }.OfType<Document>())
            .Concat(support?.Handelingsplan.Select(h => h.Document).OfType<Document>() ?? [])
            .Concat(support?.Tlv.Select(t => t.Document).OfType<Document>() ?? []);
    }
}
