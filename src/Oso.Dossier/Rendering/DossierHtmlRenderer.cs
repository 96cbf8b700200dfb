using Oso.Dossier.Codes;
using Oso.Dossier.Model;

namespace Oso.Dossier.Rendering;

/// <summary>
/// A readable Dutch HTML view of an overstapdossier for school staff and parents: a standalone page (embedded CSS,
/// no scripts, fonts or other external resources; prints well and fits a phone) or an <c>&lt;article&gt;</c>
/// fragment for a portal. Everything from the dossier is HTML-encoded (dossier content is untrusted input);
/// attachments are listed by name, description and size, never with their content. The output depends only on the
/// dossier and the options: no clock, no culture, no machine.
/// </summary>
public static class DossierHtmlRenderer
{
    /// <summary>The CSS the fragment expects, for a portal to serve (the page embeds it). All rules are scoped to <c>.oso-dossier</c>.</summary>
    public static string StyleSheet => RenderingStyles.Css;

    /// <summary>A complete HTML document (<c>&lt;!DOCTYPE html&gt;</c>, <c>lang="nl"</c>, embedded CSS).</summary>
    public static string RenderPage(Model.Dossier dossier, DossierRenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        options ??= DossierRenderOptions.Default;
        options.Check();
        var h = new HtmlBuilder(options.HeadingLevel, options.IdPrefix);
        h.Raw("<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\" />\n")
            .Raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n")
            // no script may run even if something slipped through the encoding; only the embedded style applies
            .Raw("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\" />\n")
            .Raw("<meta name=\"robots\" content=\"noindex, nofollow\" />\n")
            .Start("title").Text(Title(dossier)).End("title")
            .Raw("<style>\n").Raw(RenderingStyles.Css).Raw("</style>\n</head>\n<body>\n<main>\n");
        WriteArticle(h, dossier, options);
        h.Raw("</main>\n</body>\n</html>\n");
        return h.ToString();
    }

    /// <summary>The dossier as one <c>&lt;article class="oso-dossier" lang="nl"&gt;</c>, to embed in a page that serves <see cref="StyleSheet"/>.</summary>
    public static string RenderFragment(Model.Dossier dossier, DossierRenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        options ??= DossierRenderOptions.Default;
        options.Check();
        var h = new HtmlBuilder(options.HeadingLevel, options.IdPrefix);
        WriteArticle(h, dossier, options);
        return h.ToString();
    }

    private static string Title(Model.Dossier dossier)
    {
        var l = dossier.Huidigeschool.Leerling;
        return $"{dossier.Overdrachtsoort.Display}: {DutchFormat.Name(l.Voornaam, l.Roepnaam, l.Voorvoegsel, l.Achternaam)}";
    }

    private static void WriteArticle(HtmlBuilder h, Model.Dossier dossier, DossierRenderOptions options)
    {
        h.Start("article", "oso-dossier", $"lang=\"nl\" aria-labelledby=\"{h.Id("titel")}\"");
        h.Start("header").Heading(0, Title(dossier), "titel");
        WriteMetadata(h, dossier.Metadata);
        h.End("header");

        SchoolSections.Inzage(h, dossier.Inzage);
        PersonSections.Leerling(h, dossier.Huidigeschool.Leerling, options);
        PersonSections.Verzorgers(h, dossier.Huidigeschool.Leerling);
        SchoolSections.School(h, dossier.Huidigeschool);
        PersonSections.Vve(h, dossier.Huidigeschool.Leerling);
        SchoolSections.Overstapadvies(h, dossier.Huidigeschool.Leerling.Overstapadvies);
        ResultSections.Eindtoets(h, dossier.Huidigeschool.Leerling.EindtoetsBasisonderwijs);
        ResultSections.Toetsen(h, dossier.Huidigeschool.Leerling.Toetslijst);
        SupportSections.Onderwijsondersteuning(h, dossier.Huidigeschool.Leerling.Onderwijsondersteuning);
        SupportSections.Verzuim(h, dossier.Huidigeschool.Leerling.Verzuim);
        ResultSections.Cijferlijsten(h, dossier.Huidigeschool.Leerling.Cijferlijstlijst);
        VoSections.VoResultaten(h, dossier.Huidigeschool.Leerling);
        AttachmentSection.Bijlagen(h, dossier.Huidigeschool.Leerling, options);
        h.End("article");
    }

    private static void WriteMetadata(HtmlBuilder h, Metadata m)
    {
        h.Facts(
            ("Soort overstap", m.Overstap?.Display),
            ("Datum van het dossier", DutchFormat.Date(m.Datum)),
            ("Inhoud", m.Deeldossier.Display),
            ("Leerlingadministratie", DutchFormat.Join(" ", m.Pakketnaam, m.Pakketversie)),
            ("Gegevensset", "OSO " + m.Standaardversie),
            ("Niet meegeleverd (uitgezet door de school)", SwitchedOff(m.CategorieUitlevering)));
    }

    /// <summary>The categories the school switched off (OPT-UIT), so that a reader knows the data exists but was not sent.</summary>
    private static string? SwitchedOff(CategorieUitlevering? c)
    {
        if (c is null) return null;
        (string Name, Code<Categorie> Value)[] all =
        [
            ("ouderinzage", c.CatOuderinzage), ("ouders/verzorgers", c.CatOudersverzorgers), ("VVE", c.CatVve),
            ("schoolloopbaan", c.CatSchoolloopbaan), ("overstapadvies", c.CatOverstapadvies),
            ("onderwijsondersteuning", c.CatOnderwijsondersteuning), ("verzuim", c.CatVerzuim), ("eindtoets", c.CatEindtoetsbo),
            ("toetsresultaten", c.CatToetsresultaten), ("handelingsplannen", c.CatHandelingsplannen),
            ("cijferlijsten", c.CatCijferlijsten), ("VO-MBO", c.CatVombo), ("bijlagen", c.CatBijlagedocs),
        ];
        return DutchFormat.JoinOrNull(", ", all.Where(a => a.Value.Value == Categorie.OptUit).Select(a => a.Name));
    }
}
