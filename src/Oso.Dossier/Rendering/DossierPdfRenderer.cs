using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.UniversalAccessibility;

namespace Oso.Dossier.Rendering;

/// <summary>
/// The dossier as a tagged, accessible PDF for print (parent meetings, the archive): the same content and labels as
/// <see cref="DossierHtmlRenderer"/>, written from the same <see cref="DossierDocument"/>. Tagged in the manner of PDF/UA:
/// a structure tree (Document › Sect › H2, P, L/LI/Lbl/LBody for facts, Table/THead/TBody/TR/TH/TD with scopes), language
/// nl-NL, the title shown in the window, a bookmark per section, real text in DejaVu Sans (embedded subset, with a
/// ToUnicode map, so it can be searched, copied and read aloud); borders and the page footer are artifacts. Attachments are
/// listed, never included. The fonts come from the machine (see <see cref="PdfFonts"/>).
/// </summary>
public static class DossierPdfRenderer
{
    /// <summary>The PDF as bytes.</summary>
    /// <exception cref="InvalidOperationException">The DejaVu Sans font is not installed (the message says how to install it).</exception>
    public static byte[] Render(Model.Dossier dossier, DossierRenderOptions? options = null)
    {
        using var stream = new MemoryStream();
        Render(dossier, stream, options);
        return stream.ToArray();
    }

    /// <summary>Writes the PDF to <paramref name="output"/>.</summary>
    /// <exception cref="InvalidOperationException">The DejaVu Sans font is not installed (the message says how to install it).</exception>
    public static void Render(Model.Dossier dossier, Stream output, DossierRenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        ArgumentNullException.ThrowIfNull(output);
        options ??= DossierRenderOptions.Default;
        options.Check();
        PdfFonts.EnsureInstalled();
        var view = DossierView.Build(dossier, options);

        using var pdf = new PdfDocument();
        pdf.Info.Title = view.Title;
        pdf.Info.Subject = "Overstapdossier (OSO)";
        pdf.Info.Creator = "OpenOSO";
        pdf.ViewerPreferences.DisplayDocTitle = true;
        // the dates in the PDF's own metadata would make the bytes depend on the clock
        pdf.Info.CreationDate = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var ua = UAManager.ForDocument(pdf);
        ua.SetDocumentLanguage("nl-NL");

        using (var canvas = new PdfCanvas(pdf, "Overstapdossier, vertrouwelijk"))
        {
            canvas.NewPage();
            new Writer(canvas, pdf).Write(view);
        }
        pdf.Save(output, closeStream: false);
    }

    private sealed class Writer(PdfCanvas c, PdfDocument pdf)
    {
        private const double Gap = 6, LabelWidth = 150, CellPadding = 3;
        private PdfOutline? _section;

        public void Write(DossierDocument view)
        {
            c.Structure.BeginElement(PdfGroupingElementTag.Article);
            Heading(0, view.Title, outline: false);
            pdf.Outlines.Add(view.Title, c.Page, true);
            Facts(view.Metadata);
            Rule();
            Blocks(view.Blocks);
            c.Structure.End();
        }

        private void Blocks(IEnumerable<Block> blocks)
        {
            foreach (var block in blocks)
            {
                switch (block)
                {
                    case SectionBlock s:
                        c.Structure.BeginElement(PdfGroupingElementTag.Section);
                        Heading(1, s.Title, outline: true);
                        Blocks(s.Body);
                        c.Structure.End();
                        c.Y += Gap;
                        break;
                    case HeadingBlock h:
                        Heading(2, h.Text, outline: true);
                        break;
                    case FactsBlock f:
                        Facts(f.Facts);
                        break;
                    case TableBlock t:
                        Table(t);
                        break;
                    case ParagraphBlock p:
                        Paragraph(p);
                        break;
                }
            }
        }

        private void Heading(int depth, string text, bool outline)
        {
            var font = c.Headings[Math.Min(depth, 2)];
            var lines = c.Wrap(text, font, PdfCanvas.Width);
            // a heading never stands alone at the bottom of a page
            c.Reserve(PdfCanvas.LineHeight(font) * lines.Count + 3 * PdfCanvas.LineHeight(c.Body));
            c.Y += depth == 0 ? 0 : Gap;
            var tag = depth switch { 0 => PdfBlockLevelElementTag.Heading1, 1 => PdfBlockLevelElementTag.Heading2, _ => PdfBlockLevelElementTag.Heading3 };
            if (outline)
            {
                var parent = depth == 1 || _section is null ? pdf.Outlines : _section.Outlines;
                var item = parent.Add(text, c.Page, true);
                item.Top = c.Y;
                if (depth == 1) _section = item;
            }
            c.Leaf(tag, lines.Select(l => (l, font)).ToList(), PdfCanvas.Left, PdfCanvas.Navy);
            if (depth == 1) Rule();
            c.Y += 2;
        }

        private void Rule()
        {
            var y = c.Y + 1;
            c.Artifact(g => g.DrawLine(PdfCanvas.Rule, PdfCanvas.Left, y, PdfCanvas.Right, y));
            c.Y += 4;
        }

        /// <summary>Label/value pairs as a list: each item a label (Lbl) and its value (LBody), side by side.</summary>
        private void Facts(IReadOnlyList<Fact> facts)
        {
            if (facts.Count == 0) return;
            c.Structure.BeginElement(PdfBlockLevelElementTag.List);
            var valueX = PdfCanvas.Left + LabelWidth + 8;
            foreach (var fact in facts)
            {
                var label = c.Wrap(fact.Label, c.Strong, LabelWidth);
                var value = c.Wrap(fact.Value, c.Body, PdfCanvas.Right - valueX);
                var line = PdfCanvas.LineHeight(c.Body);
                c.Reserve(Math.Min(Math.Max(label.Count, value.Count), 4) * line);
                c.Structure.BeginElement(PdfBlockLevelElementTag.ListItem);
                var top = c.Y;
                c.Leaf(PdfBlockLevelElementTag.Label, label.Select(l => (l, c.Strong)).ToList(), PdfCanvas.Left, PdfCanvas.Ink);
                var afterLabel = (c.PageNumber, c.Y);
                var page = c.PageNumber;
                c.Y = top;
                c.Leaf(PdfBlockLevelElementTag.ListBody, value.Select(l => (l, c.Body)).ToList(), valueX, PdfCanvas.Ink);
                if (c.PageNumber == page) c.Y = Math.Max(c.Y, afterLabel.Y);
                c.Structure.End();
                c.Y += 2;
            }
            c.Structure.End();
            c.Y += Gap;
        }

        private void Paragraph(ParagraphBlock p)
        {
            var indent = p.Kind == ParagraphKind.Normal ? 0 : 10;
            var width = PdfCanvas.Width - 2 * indent;
            var lines = new List<(string, XFont)>();
            if (p.Lead is not null) lines.AddRange(c.Wrap(p.Lead, c.Strong, width).Select(l => (l, c.Strong)));
            if (p.Text is not null) lines.AddRange(c.Wrap(p.Text, c.Body, width).Select(l => (l, c.Body)));
            var height = lines.Sum(l => PdfCanvas.LineHeight(l.Item2)) + (indent > 0 ? 8 : 0);
            c.Reserve(height);
            if (p.Kind != ParagraphKind.Normal && c.Fits(height))
            {
                var box = new XRect(PdfCanvas.Left, c.Y, PdfCanvas.Width, height);
                var alert = p.Kind == ParagraphKind.Alert;
                c.Artifact(g =>
                {
                    g.DrawRectangle(new XSolidBrush(alert ? XColor.FromArgb(0xfd, 0xec, 0xea) : XColor.FromArgb(0xee, 0xf2, 0xf6)), box);
                    if (alert) g.DrawRectangle(new XPen(XColor.FromArgb(0xa4, 0x16, 0x1a), 1.5), box);
                    else g.DrawLine(new XPen(XColor.FromArgb(0x0b, 0x25, 0x45), 3), box.Left, box.Top, box.Left, box.Bottom);
                });
                c.Y += 4;
            }
            c.Leaf(PdfBlockLevelElementTag.Paragraph, lines, PdfCanvas.Left + indent, p.Kind == ParagraphKind.Alert ? PdfCanvas.AlertInk : PdfCanvas.Ink);
            c.Y += indent > 0 ? 4 + Gap : Gap;
        }

        private void Table(TableBlock t)
        {
            var widths = ColumnWidths(t);
            var caption = c.Wrap(t.Caption, c.Strong, PdfCanvas.Width);
            var header = Cells(t.Headers, widths, c.Strong);
            c.Reserve(PdfCanvas.LineHeight(c.Strong) * caption.Count + Height(header) * 2);
            c.Structure.BeginElement(PdfBlockLevelElementTag.Table);
            c.Structure.BeginElement(PdfGroupingElementTag.Caption);
            c.Leaf(PdfBlockLevelElementTag.Paragraph, caption.Select(l => (l, c.Strong)).ToList(), PdfCanvas.Left, PdfCanvas.Ink);
            c.Structure.End();
            c.Structure.BeginElement(PdfBlockLevelElementTag.TableHeadRowGroup);
            Row(header, widths, PdfBlockLevelElementTag.TableHeaderCell, "/Column", shade: true);
            c.Structure.End();
            c.Structure.BeginElement(PdfBlockLevelElementTag.TableBodyRowGroup);
            foreach (var row in t.Rows)
            {
                var cells = Cells(row, widths, c.Body);
                if (!c.Fits(Height(cells)) && c.Y > PdfCanvas.Top)
                {
                    c.NewPage();
                    // the column headers again, for the reader of paper; not content a second time
                    RepeatHeader(header, widths);
                }
                Row(cells, widths, null, null, shade: false);
            }
            c.Structure.End();
            c.Structure.End();
            c.Y += Gap;
        }

        private double[] ColumnWidths(TableBlock t)
        {
            var n = t.Headers.Count;
            var natural = new double[n];
            for (var i = 0; i < n; i++)
            {
                var longest = t.Rows.Select(r => i < r.Count ? r[i] ?? "" : "").Append(t.Headers[i])
                    .Max(text => text.Split('\n').Max(line => c.Measure(line, c.Body)));
                natural[i] = Math.Clamp(longest + 2 * CellPadding, 45, 220);
            }
            var scale = PdfCanvas.Width / natural.Sum();
            return natural.Select(w => w * scale).ToArray();
        }

        private List<List<string>> Cells(IReadOnlyList<string?> texts, double[] widths, XFont font) =>
            widths.Select((w, i) => c.Wrap(i < texts.Count ? texts[i] : null, font, w - 2 * CellPadding)).ToList();

        private double Height(List<List<string>> cells) => cells.Max(l => l.Count) * PdfCanvas.LineHeight(c.Body) + 2 * CellPadding;

        /// <summary>One row; a row taller than a page goes on as a second row on the next page.</summary>
        private void Row(List<List<string>> cells, double[] widths, PdfBlockLevelElementTag? allCells, string? scope, bool shade)
        {
            var line = PdfCanvas.LineHeight(c.Body);
            var fit = (int)Math.Floor((PdfCanvas.Bottom - c.Y - 2 * CellPadding) / line);
            var count = cells.Max(l => l.Count);
            if (count > fit && fit > 0)
            {
                Row(cells.Select(l => l.Take(fit).ToList()).ToList(), widths, allCells, scope, shade);
                c.NewPage();
                Row(cells.Select(l => l.Skip(fit).ToList()).ToList(), widths, allCells, scope, shade);
                return;
            }
            var top = c.Y;
            var height = count * line + 2 * CellPadding;
            c.Artifact(g =>
            {
                var x = PdfCanvas.Left;
                foreach (var w in widths)
                {
                    if (shade) g.DrawRectangle(new XSolidBrush(XColor.FromArgb(0xee, 0xf2, 0xf6)), x, top, w, height);
                    g.DrawRectangle(PdfCanvas.Rule, x, top, w, height);
                    x += w;
                }
            });
            c.Structure.BeginElement(PdfBlockLevelElementTag.TableRow);
            var left = PdfCanvas.Left;
            for (var i = 0; i < cells.Count; i++)
            {
                c.Y = top + CellPadding;
                var isHeader = allCells is not null || i == 0;
                var font = isHeader ? c.Strong : c.Body;
                var cellScope = scope ?? "/Row";
                c.Leaf(isHeader ? PdfBlockLevelElementTag.TableHeaderCell : PdfBlockLevelElementTag.TableDataCell,
                    cells[i].Where(l => l.Length > 0 || cells[i].Count == 1).Select(l => (l, font)).ToList(), left + CellPadding, PdfCanvas.Ink,
                    isHeader ? e => e.Scope(cellScope) : null);
                left += widths[i];
            }
            c.Structure.End();
            c.Y = top + height;
        }

        private void RepeatHeader(List<List<string>> header, double[] widths)
        {
            var top = c.Y;
            var height = Height(header);
            c.Artifact(g =>
            {
                var x = PdfCanvas.Left;
                for (var i = 0; i < widths.Length; i++)
                {
                    g.DrawRectangle(new XSolidBrush(XColor.FromArgb(0xee, 0xf2, 0xf6)), x, top, widths[i], height);
                    g.DrawRectangle(PdfCanvas.Rule, x, top, widths[i], height);
                    var y = top + CellPadding;
                    foreach (var l in header[i])
                    {
                        g.DrawString(l, c.Strong, PdfCanvas.Ink, new XRect(x + CellPadding, y, widths[i], PdfCanvas.LineHeight(c.Strong)), XStringFormats.TopLeft);
                        y += PdfCanvas.LineHeight(c.Body);
                    }
                    x += widths[i];
                }
            });
            c.Y = top + height;
        }
    }
}
