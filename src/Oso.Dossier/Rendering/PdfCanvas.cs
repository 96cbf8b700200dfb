using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.UniversalAccessibility;

namespace Oso.Dossier.Rendering;

/// <summary>
/// Lays out tagged text on A4 pages: wraps lines, starts a new page when the next line does not fit, and keeps the
/// structure tree right across pages — a leaf element (a paragraph, a heading, a cell) that would run over a page is
/// ended and continued as a second element of the same kind on the next page, so every marked-content sequence stays on
/// one page. Everything that is not content (borders, backgrounds, the page footer) is drawn as an artifact.
/// </summary>
internal sealed class PdfCanvas : IDisposable
{
    public const double Left = 50, Right = 545, Top = 50, Bottom = 790, Width = Right - Left;
    private const double FooterY = 815;

    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

    private readonly PdfDocument _document;
    private readonly string _footer;
    private XGraphics? _gfx;

    public PdfCanvas(PdfDocument document, string footer)
    {
        _document = document;
        _footer = footer;
        Structure = UAManager.ForDocument(document).StructureBuilder;
        Body = new XFont(PdfFonts.Family, 9.5, XFontStyleEx.Regular, Unicode);
        Strong = new XFont(PdfFonts.Family, 9.5, XFontStyleEx.Bold, Unicode);
        Small = new XFont(PdfFonts.Family, 8, XFontStyleEx.Regular, Unicode);
        Headings = [new XFont(PdfFonts.Family, 17, XFontStyleEx.Bold, Unicode), new XFont(PdfFonts.Family, 13.5, XFontStyleEx.Bold, Unicode),
            new XFont(PdfFonts.Family, 11, XFontStyleEx.Bold, Unicode)];
    }

    public StructureBuilder Structure { get; }
    public XFont Body { get; }
    public XFont Strong { get; }
    public XFont Small { get; }
    public XFont[] Headings { get; }
    public PdfPage Page { get; private set; } = null!;
    public double Y { get; set; }
    public int PageNumber { get; private set; }

    public static readonly XBrush Ink = new XSolidBrush(XColor.FromArgb(0x1a, 0x1a, 0x1a));
    public static readonly XBrush Navy = new XSolidBrush(XColor.FromArgb(0x0b, 0x25, 0x45));
    public static readonly XBrush AlertInk = new XSolidBrush(XColor.FromArgb(0x5c, 0x0a, 0x0d));
    public static readonly XPen Rule = new(XColor.FromArgb(0xc9, 0xd3, 0xdf), 0.75);

    public XGraphics Gfx => _gfx ?? throw new InvalidOperationException("No page yet.");

    public static double LineHeight(XFont font) => font.Size * 1.35;

    public void NewPage()
    {
        _gfx?.Dispose();
        Page = _document.AddPage();
        Page.Size = PageSize.A4;
        _gfx = XGraphics.FromPdfPage(Page);
        PageNumber++;
        Y = Top;
        Artifact(g => g.DrawString($"{_footer} — pagina {PageNumber}", Small, Ink, new XRect(Left, FooterY - 10, Width, 12), XStringFormats.TopLeft));
    }

    /// <summary>True when <paramref name="height"/> more fits on this page.</summary>
    public bool Fits(double height) => Y + height <= Bottom;

    /// <summary>Starts a new page unless <paramref name="height"/> fits (or the page is still empty).</summary>
    public void Reserve(double height)
    {
        if (!Fits(height) && Y > Top) NewPage();
    }

    /// <summary>Draws what is not content (a border, a background) outside the structure tree.</summary>
    public void Artifact(Action<XGraphics> draw)
    {
        Structure.BeginArtifact();
        draw(Gfx);
        Structure.End();
    }

    /// <summary>
    /// One leaf element: its lines from the current position, at <paramref name="x"/>. When a line does not fit, the
    /// element ends, a page starts and the element goes on as a new one of the same kind.
    /// </summary>
    public void Leaf(PdfBlockLevelElementTag tag, IReadOnlyList<(string Text, XFont Font)> lines, double x, XBrush brush, Action<PdfStructureElementRef>? configure = null)
    {
        Structure.BeginElement(tag);
        configure?.Invoke(new PdfStructureElementRef(Structure));
        foreach (var (text, font) in lines)
        {
            var height = LineHeight(font);
            if (!Fits(height))
            {
                Structure.End();
                NewPage();
                Structure.BeginElement(tag);
                configure?.Invoke(new PdfStructureElementRef(Structure));
            }
            Gfx.DrawString(text, font, brush, new XRect(x, Y, Right - x, height), XStringFormats.TopLeft);
            Y += height;
        }
        Structure.End();
    }

    /// <summary>Lines of text no wider than <paramref name="width"/>: at spaces, and within a word that is wider than a line.</summary>
    public List<string> Wrap(string? text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' '))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (Measure(candidate, font) <= width) { line = candidate; continue; }
                if (line.Length > 0) lines.Add(line);
                line = word;
                while (line.Length > 1 && Measure(line, font) > width)
                {
                    var cut = line.Length - 1;
                    while (cut > 1 && Measure(line[..cut], font) > width) cut--;
                    lines.Add(line[..cut]);
                    line = line[cut..];
                }
            }
            lines.Add(line);
        }
        return lines;
    }

    public double Measure(string text, XFont font) => Gfx.MeasureString(text.Length == 0 ? " " : text, font).Width;

    public void Dispose() => _gfx?.Dispose();
}

/// <summary>Sets attributes on the structure element just begun (a table header cell's scope).</summary>
internal readonly struct PdfStructureElementRef(StructureBuilder structure)
{
    /// <summary>The scope of a <c>TH</c>: <c>/Row</c> or <c>/Column</c> (PDF/UA asks for it).</summary>
    public void Scope(string scope)
    {
        var attributes = new PdfDictionary();
        attributes.Elements.SetName("/O", "/Table");
        attributes.Elements.SetName("/Scope", scope);
        structure.CurrentStructureElement.Elements["/A"] = attributes;
    }
}
