namespace Oso.Dossier.Rendering;

/// <summary>
/// What a reader sees of a dossier, independent of the output format: the title, the facts about the dossier, and the
/// sections in order. The HTML and the PDF are both written from this one tree, so they carry the same content and the
/// same labels.
/// </summary>
internal sealed record DossierDocument(string Title, IReadOnlyList<Fact> Metadata, IReadOnlyList<Block> Blocks);

/// <summary>A label and its value.</summary>
internal sealed record Fact(string Label, string Value);

/// <summary>One part of the document.</summary>
internal abstract record Block;

/// <summary>A section with a heading, <paramref name="Depth"/> levels below the document's title.</summary>
internal sealed record SectionBlock(int Depth, string Id, string Title, IReadOnlyList<Block> Body) : Block;

/// <summary>A heading inside a section.</summary>
internal sealed record HeadingBlock(int Depth, string Text, string Id) : Block;

/// <summary>Label/value pairs (a description list).</summary>
internal sealed record FactsBlock(IReadOnlyList<Fact> Facts) : Block;

/// <summary>
/// A table: caption, column headers, rows whose first cell names the row; with <paramref name="Links"/>, the address
/// each row's name links to in HTML (the PDF has no links).
/// </summary>
internal sealed record TableBlock(string Caption, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string?>> Rows,
    IReadOnlyList<string?>? Links = null) : Block;

/// <summary>How a paragraph stands out.</summary>
internal enum ParagraphKind
{
    /// <summary>Plain text.</summary>
    Normal,

    /// <summary>A notice the reader should not miss (a provisional dossier).</summary>
    Notice,

    /// <summary>An alert: the parents disagree. <see cref="ParagraphBlock.Lead"/> is the strong first sentence.</summary>
    Alert,
}

/// <summary>A paragraph; an alert has a strong lead and the parents' own words as <see cref="Text"/>.</summary>
internal sealed record ParagraphBlock(ParagraphKind Kind, string? Lead, string? Text) : Block;

/// <summary>
/// Records the blocks of a document. Sections, facts and tables without content are left out, as a reader has nothing to
/// see there.
/// </summary>
internal sealed class DocumentBuilder
{
    private List<Block> _current = [];

    public IReadOnlyList<Block> Blocks => _current;

    /// <summary>A section with a heading; left out entirely when <paramref name="body"/> adds nothing.</summary>
    public void Section(int depth, string id, string title, Action body)
    {
        var outer = _current;
        _current = [];
        body();
        var inner = _current;
        _current = outer;
        if (inner.Count > 0) _current.Add(new SectionBlock(depth, id, title, inner));
    }

    public DocumentBuilder Heading(int depth, string text, string id)
    {
        _current.Add(new HeadingBlock(depth, text, id));
        return this;
    }

    /// <summary>Label/value pairs; pairs without a value are left out, and so is an empty list.</summary>
    public DocumentBuilder Facts(params ReadOnlySpan<(string Label, string? Value)> facts)
    {
        var list = new List<Fact>(facts.Length);
        foreach (var (label, value) in facts)
            if (!string.IsNullOrWhiteSpace(value)) list.Add(new Fact(label, value));
        if (list.Count > 0) _current.Add(new FactsBlock(list));
        return this;
    }

    /// <summary>A table; nothing when there are no rows. <paramref name="links"/>: the address of each row's name, if any.</summary>
    public DocumentBuilder Table(string caption, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows, IReadOnlyList<string?>? links = null)
    {
        var list = rows.ToList();
        if (list.Count > 0) _current.Add(new TableBlock(caption, headers, list, links));
        return this;
    }

    public DocumentBuilder Paragraph(string text, ParagraphKind kind = ParagraphKind.Normal)
    {
        _current.Add(new ParagraphBlock(kind, null, text));
        return this;
    }

    public DocumentBuilder Alert(string lead, string? text)
    {
        _current.Add(new ParagraphBlock(ParagraphKind.Alert, lead, text));
        return this;
    }
}
