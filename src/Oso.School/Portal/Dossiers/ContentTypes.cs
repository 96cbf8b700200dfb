using System.IO.Compression;
using System.Text;

namespace Oso.School.Portal.Dossiers;

/// <summary>
/// What a file is, decided from its first bytes (and, for a ZIP, its entries) — never from its name: PDF, PNG, JPEG,
/// GIF, Word (.docx), OpenDocument text (.odt), Excel (.xlsx), plain UTF-8 text; anything else is
/// <c>application/octet-stream</c>.
/// </summary>
public static class ContentTypes
{
    /// <summary>PDF.</summary>
    public const string Pdf = "application/pdf";
    /// <summary>PNG.</summary>
    public const string Png = "image/png";
    /// <summary>JPEG.</summary>
    public const string Jpeg = "image/jpeg";
    /// <summary>GIF.</summary>
    public const string Gif = "image/gif";
    /// <summary>Word.</summary>
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    /// <summary>Excel.</summary>
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /// <summary>OpenDocument text.</summary>
    public const string Odt = "application/vnd.oasis.opendocument.text";
    /// <summary>Plain UTF-8 text.</summary>
    public const string Text = "text/plain; charset=utf-8";
    /// <summary>Unknown bytes.</summary>
    public const string Unknown = "application/octet-stream";

    /// <summary>The media type and the extension that belongs to it.</summary>
    public static (string MediaType, string Extension) Detect(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith("%PDF-"u8)) return (Pdf, ".pdf");
        if (content.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return (Png, ".png");
        if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return (Jpeg, ".jpg");
        if (content.StartsWith("GIF87a"u8) || content.StartsWith("GIF89a"u8)) return (Gif, ".gif");
        if (content.StartsWith("PK\u0003\u0004"u8)) return Office(content.ToArray());
        if (content.Length > 0 && IsText(content)) return (Text, ".txt");
        return (Unknown, ".bin");
    }

    private static (string, string) Office(byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read);
            if (zip.GetEntry("mimetype") is { Length: < 200 } mimetype)
            {
                using var reader = new StreamReader(mimetype.Open(), Encoding.ASCII);
                if (reader.ReadToEnd().Trim() == Odt) return (Odt, ".odt");
            }
            if (zip.GetEntry("[Content_Types].xml") is not null)
            {
                if (zip.GetEntry("word/document.xml") is not null) return (Docx, ".docx");
                if (zip.GetEntry("xl/workbook.xml") is not null) return (Xlsx, ".xlsx");
            }
        }
        catch (InvalidDataException)
        {
            // not a readable ZIP
        }
        return (Unknown, ".bin");
    }

    private static bool IsText(ReadOnlySpan<byte> content)
    {
        if (content.Contains((byte)0)) return false;
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(content);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
