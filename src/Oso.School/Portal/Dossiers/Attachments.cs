using System.IO.Compression;
using System.Text;
using Oso.Dossier.Model;
using Oso.Dossier.Xml;

namespace Oso.School.Portal.Dossiers;

/// <summary>
/// Attachments staff add in the portal. The standard carries each as a base64-encoded ZIP (<c>bestandsinhoud</c>):
/// the uploaded file is checked (size, and type by its first bytes, not by its name) and wrapped in a ZIP of one entry.
/// </summary>
public static class Attachments
{
    /// <summary>The largest file accepted.</summary>
    public const long MaxBytes = 10 * 1024 * 1024;

    /// <summary>What staff may attach, in words.</summary>
    public const string Allowed = "PDF, Word (.docx), OpenDocument-tekst (.odt), JPEG, PNG of platte tekst (.txt)";

    /// <summary>What may be uploaded: the extension, and the type its content must be.</summary>
    private static readonly Dictionary<string, string> Uploadable = new(StringComparer.Ordinal)
    {
        [".pdf"] = ContentTypes.Pdf, [".png"] = ContentTypes.Png, [".jpg"] = ContentTypes.Jpeg, [".jpeg"] = ContentTypes.Jpeg,
        [".docx"] = ContentTypes.Docx, [".odt"] = ContentTypes.Odt, [".txt"] = ContentTypes.Text,
    };

    /// <summary>A document from an upload, or a Dutch reason why not.</summary>
    public static (Document? Document, string? Error) FromUpload(string? fileName, byte[] content, string? omschrijving, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(content);
        var name = CleanName(fileName);
        if (name is null) return (null, "Kies een bestand om bij te voegen.");
        if (content.Length == 0) return (null, "Het bestand is leeg.");
        if (content.Length > MaxBytes) return (null, "Het bestand is groter dan 10 MB.");
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (!Uploadable.TryGetValue(extension, out var expected)) return (null, $"Dit soort bestand kan niet mee. Toegestaan: {Allowed}.");
        if (ContentTypes.Detect(content).MediaType != expected) return (null, $"De inhoud van het bestand past niet bij ‘{extension}’. Toegestaan: {Allowed}.");
        if (omschrijving is { Length: > 200 }) return (null, "De omschrijving is te lang (hoogstens 200 tekens).");
        return (new Document
        {
            Bestandsnaam = name,
            Omschrijving = string.IsNullOrWhiteSpace(omschrijving) ? null : omschrijving.Trim(),
            Bestandsinhoud = Base64Text.Encode(Zip(name, content, now)),
        }, null);
    }

    /// <summary>A text note as a document (a ZIP with one .txt entry).</summary>
    public static Document FromText(string fileName, string text, string omschrijving, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new Document
        {
            Bestandsnaam = fileName, Omschrijving = omschrijving,
            Bestandsinhoud = Base64Text.Encode(Zip(fileName, Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\n")), now)),
        };
    }

    /// <summary>The text of a document that is a ZIP of one .txt entry (as <see cref="FromText"/> makes), or null.</summary>
    public static string? ReadText(Document? document)
    {
        if (document is null || !document.Bestandsinhoud.TryDecode(out var bytes)) return null;
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            if (zip.Entries.Count != 1 || !zip.Entries[0].Name.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) || zip.Entries[0].Length > 1_000_000) return null;
            using var reader = new StreamReader(zip.Entries[0].Open(), Encoding.UTF8);
            return reader.ReadToEnd();
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>The size of a document's content, for people.</summary>
    public static string Size(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var bytes = document.Bestandsinhoud.DecodedLength ?? 0;
        return bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024):0.0} MB".Replace('.', ',') : $"{Math.Max(1, bytes / 1024)} kB";
    }

    private static byte[] Zip(string name, byte[] content, DateTimeOffset now)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
            entry.LastWriteTime = now;
            using var stream = entry.Open();
            stream.Write(content);
        }
        return buffer.ToArray();
    }

    /// <summary>A file name without a path, control or reserved characters, at most 120 characters; null when nothing is left.</summary>
    internal static string? CleanName(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/'));
        name = new string(name.Where(c => !char.IsControl(c) && c is not ('/' or ':' or '*' or '?' or '"' or '<' or '>' or '|')).ToArray()).Trim();
        if (name.Length == 0) return null;
        return name.Length > 120 ? name[..80] + Path.GetExtension(name) : name;
    }
}
