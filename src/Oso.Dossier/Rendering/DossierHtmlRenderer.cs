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
        var document = DossierView.Build(dossier, options);
        var h = new HtmlBuilder(options.HeadingLevel, options.IdPrefix);
        h.Raw("<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\" />\n")
            .Raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n")
            // no script may run even if something slipped through the encoding; only the embedded style applies
            .Raw("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\" />\n")
            .Raw("<meta name=\"robots\" content=\"noindex, nofollow\" />\n")
            .Start("title").Text(document.Title).End("title")
            .Raw("<style>\n").Raw(RenderingStyles.Css).Raw("</style>\n</head>\n<body>\n<main>\n");
        WriteArticle(h, document);
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
        WriteArticle(h, DossierView.Build(dossier, options));
        return h.ToString();
    }

    private static void WriteArticle(HtmlBuilder h, DossierDocument document)
    {
        h.Start("article", "oso-dossier", $"lang=\"nl\" aria-labelledby=\"{h.Id("titel")}\"");
        h.Start("header").Heading(0, document.Title, "titel");
        h.Facts(document.Metadata);
        h.End("header");
        h.Blocks(document.Blocks);
        h.End("article");
    }
}
