using System.Text;

namespace Oso.Dossier.Rendering;

/// <summary>
/// Writes HTML. Everything that comes from a dossier goes through <see cref="Text"/> (encoded); markup, tag names,
/// classes and ids are constants of the renderer. The output is also well-formed XML (every element closed, only
/// the XML entities), so tests can parse it.
/// </summary>
internal sealed class HtmlBuilder(int headingLevel, string idPrefix)
{
    private readonly StringBuilder _html = new(16 * 1024);

    /// <summary>A position in the output, to drop a block that turned out to be empty.</summary>
    public int Mark => _html.Length;

    /// <summary>Drops everything written after <paramref name="mark"/>.</summary>
    public void Rewind(int mark) => _html.Length = mark;

    public HtmlBuilder Raw(string trustedMarkup)
    {
        _html.Append(trustedMarkup);
        return this;
    }

    /// <summary>Appends text from the dossier, HTML-encoded.</summary>
    public HtmlBuilder Text(string? untrusted)
    {
        Encode(_html, untrusted);
        return this;
    }

    /// <summary>An id unique within the page (prefixed, so that several dossiers can share a page).</summary>
    public string Id(string name) => idPrefix + "-" + name;

    public HtmlBuilder Start(string tag, string? cssClass = null, string? trustedAttributes = null)
    {
        _html.Append('<').Append(tag);
        if (cssClass is not null) _html.Append(" class=\"").Append(cssClass).Append('"');
        if (trustedAttributes is not null) _html.Append(' ').Append(trustedAttributes);
        _html.Append('>');
        return this;
    }

    public HtmlBuilder End(string tag)
    {
        _html.Append("</").Append(tag).Append('>').Append('\n');
        return this;
    }

    /// <summary><c>&lt;tag class="…"&gt;encoded text&lt;/tag&gt;</c>.</summary>
    public HtmlBuilder Element(string tag, string? untrusted, string? cssClass = null)
    {
        Start(tag, cssClass);
        Text(untrusted);
        return End(tag);
    }

    /// <summary>A heading, <paramref name="depth"/> levels below the dossier's main heading (0 = the main heading).</summary>
    public HtmlBuilder Heading(int depth, string untrusted, string? id = null)
    {
        var tag = "h" + Math.Min(6, headingLevel + depth);
        Start(tag, null, id is null ? null : $"id=\"{Id(id)}\"");
        Text(untrusted);
        return End(tag);
    }

    /// <summary>The blocks of a <see cref="DossierDocument"/>.</summary>
    public void Blocks(IEnumerable<Block> blocks)
    {
        foreach (var block in blocks)
        {
            switch (block)
            {
                case SectionBlock section:
                    Start("section", null, $"aria-labelledby=\"{Id(section.Id)}\"");
                    Heading(section.Depth, section.Title, section.Id);
                    Blocks(section.Body);
                    End("section");
                    break;
                case HeadingBlock heading:
                    Heading(heading.Depth, heading.Text, heading.Id);
                    break;
                case FactsBlock facts:
                    Facts(facts.Facts);
                    break;
                case TableBlock table:
                    Table(table.Caption, table.Headers, table.Rows, table.Links);
                    break;
                case ParagraphBlock { Kind: ParagraphKind.Alert } alert:
                    Start("div", "alert").Start("p").Element("strong", alert.Lead);
                    if (alert.Text is not null) Element("span", alert.Text, "text");
                    End("p").End("div");
                    break;
                case ParagraphBlock paragraph:
                    Element("p", paragraph.Text, paragraph.Kind == ParagraphKind.Notice ? "notice" : null);
                    break;
            }
        }
    }

    /// <summary>A description list of label/value pairs.</summary>
    public HtmlBuilder Facts(IReadOnlyList<Fact> facts)
    {
        if (facts.Count == 0) return this;
        Start("dl", "facts");
        foreach (var fact in facts)
        {
            Start("div").Element("dt", fact.Label);
            Element("dd", fact.Value).End("div");
        }
        return End("dl");
    }

    /// <summary>
    /// A table with a caption and column headers; the first cell of each row is a row header. Wrapped in a
    /// focusable, labelled region so that a wide table scrolls on a phone and can be reached with the keyboard.
    /// Nothing is written when there are no rows. With <paramref name="links"/>, each row's header is a link to the
    /// address at the row's position (an address the caller made, encoded as an attribute).
    /// </summary>
    public HtmlBuilder Table(string caption, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows, IReadOnlyList<string?>? links = null)
    {
        var mark = Mark;
        Start("div", "table-wrap", "role=\"region\" tabindex=\"0\" aria-label=\"" + Attribute(caption) + "\"");
        Start("table").Element("caption", caption);
        Start("thead").Start("tr");
        foreach (var header in headers) Start("th", null, "scope=\"col\"").Text(header).End("th");
        End("tr").End("thead").Start("tbody");
        var any = false;
        var index = 0;
        foreach (var row in rows)
        {
            any = true;
            Start("tr");
            for (var i = 0; i < row.Count; i++)
            {
                if (i > 0) Element("td", row[i]);
                else if (links is not null && index < links.Count && links[index] is { } link)
                    Start("th", null, "scope=\"row\"").Start("a", null, "href=\"" + Attribute(link) + "\"").Text(row[i]).Raw("</a>").End("th");
                else Start("th", null, "scope=\"row\"").Text(row[i]).End("th");
            }
            index++;
            End("tr");
        }
        if (!any)
        {
            Rewind(mark);
            return this;
        }
        End("tbody").End("table").End("div");
        return this;
    }

    public override string ToString() => _html.ToString();

    /// <summary>Encodes text for an attribute value in double quotes.</summary>
    public static string Attribute(string? untrusted)
    {
        var sb = new StringBuilder(untrusted?.Length ?? 0);
        Encode(sb, untrusted);
        return sb.ToString();
    }

    /// <summary>
    /// Encodes the five HTML-significant characters and drops control characters other than tab and line breaks
    /// (which cannot occur in XML 1.0 anyway). Letters outside ASCII stay readable (the page is UTF-8).
    /// </summary>
    private static void Encode(StringBuilder sb, string? text)
    {
        if (text is null) return;
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                case '\t' or '\n' or '\r': sb.Append(c); break;
                default:
                    if (!char.IsControl(c)) sb.Append(c);
                    break;
            }
        }
    }
}
