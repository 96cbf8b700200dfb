using PdfSharp.Fonts;

namespace Oso.Dossier.Rendering;

/// <summary>
/// The PDF's font: DejaVu Sans (regular and bold), embedded as a subset in every PDF. It is read from the machine, not
/// shipped in the assembly: Debian's <c>fonts-dejavu-core</c> puts it in <c>/usr/share/fonts/truetype/dejavu</c> (test.sh
/// installs it); <c>OSO_PDF_FONTS</c> names another directory holding <c>DejaVuSans.ttf</c> and <c>DejaVuSans-Bold.ttf</c>.
/// DejaVu covers every Latin letter a Dutch or foreign name needs (ë, ç, ł, ş, …), so no text falls back to another font.
/// </summary>
internal sealed class PdfFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string Regular = "DejaVuSans.ttf";
    private const string Bold = "DejaVuSans-Bold.ttf";

    private static readonly string[] Directories =
        ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/dejavu-sans-fonts", "/usr/local/share/fonts/dejavu"];

    private static readonly Lock Gate = new();
    private static bool _installed;

    private readonly string _directory;

    private PdfFonts(string directory) => _directory = directory;

    /// <summary>Makes PDFsharp use these fonts (once per process); throws with the way to install them when they are missing.</summary>
    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (_installed) return;
            var directory = Find() ?? throw new InvalidOperationException(
                "Het lettertype DejaVu Sans (DejaVuSans.ttf en DejaVuSans-Bold.ttf) is niet gevonden, dus er kan geen PDF worden gemaakt. "
                + "Installeer het (Debian/Ubuntu: apt-get install fonts-dejavu-core) of zet OSO_PDF_FONTS op de map met die bestanden.");
            GlobalFontSettings.FontResolver ??= new PdfFonts(directory);
            _installed = true;
        }
    }

    private static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable("OSO_PDF_FONTS");
        var candidates = string.IsNullOrWhiteSpace(configured) ? Directories : [configured, .. Directories];
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, Regular)) && File.Exists(Path.Combine(d, Bold)));
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
        // one family serves every request; italics are never used
        new(isBold ? Bold : Regular);

    public byte[]? GetFont(string faceName) =>
        faceName is Regular or Bold ? File.ReadAllBytes(Path.Combine(_directory, faceName)) : null;
}
