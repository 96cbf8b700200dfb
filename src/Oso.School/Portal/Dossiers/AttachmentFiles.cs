using System.IO.Compression;
using Oso.Dossier.Model;

namespace Oso.School.Portal.Dossiers;

/// <summary>One file inside an attachment (the standard wraps each attachment in a base64-encoded ZIP).</summary>
/// <param name="Name">The file's name, cleaned, with the extension of what it really is.</param>
/// <param name="Size">Its size.</param>
public sealed record AttachmentFile(string Name, long Size);

/// <summary>
/// Opens attachments for staff: decodes the base64 ZIP, lists its files, and hands one out with a content type decided
/// from its bytes — never from its name — and a name whose extension says what it is (a "verslag.pdf" that is really
/// HTML downloads as "verslag.pdf.bin"). ZIPs are read with limits (entries, sizes, compression ratio), so a hostile one
/// cannot exhaust the node.
/// </summary>
public static class AttachmentFiles
{
    /// <summary>The largest file handed out.</summary>
    public const long MaxFileBytes = 50 * 1024 * 1024;

    private const int MaxEntries = 100;
    private const int MaxRatio = 200;

    /// <summary>The files in the attachment, or a Dutch reason it cannot be opened.</summary>
    public static (IReadOnlyList<AttachmentFile> Files, string? Error) List(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var (files, _, error) = Read(document, null);
        return (files, error);
    }

    /// <summary>File <paramref name="index"/> of the attachment: its bytes, name and content type; or a Dutch reason.</summary>
    public static (byte[]? Content, string Name, string MediaType, string? Error) Open(Document document, int index)
    {
        ArgumentNullException.ThrowIfNull(document);
        var (files, content, error) = Read(document, index);
        if (error is not null || content is null) return (null, "", "", error ?? "Dit bestand bestaat niet in de bijlage.");
        return (content, files[index].Name, ContentTypes.Detect(content).MediaType, null);
    }

    private static (IReadOnlyList<AttachmentFile> Files, byte[]? Content, string? Error) Read(Document document, int? open)
    {
        if (!document.Bestandsinhoud.TryDecode(out var zipBytes)) return ([], null, "De inhoud van de bijlage is geen geldige base64-tekst.");
        try
        {
            using var zip = new ZipArchive(new MemoryStream(zipBytes), ZipArchiveMode.Read);
            var entries = zip.Entries.Where(e => !e.FullName.EndsWith('/')).ToList();
            if (entries.Count == 0) return ([], null, "De bijlage is leeg.");
            if (entries.Count > MaxEntries) return ([], null, $"De bijlage bevat meer dan {MaxEntries} bestanden.");
            var files = new List<AttachmentFile>();
            byte[]? content = null;
            for (var i = 0; i < entries.Count; i++)
            {
                var entry = entries[i];
                if (entry.Length > MaxFileBytes || (entry.CompressedLength > 0 && entry.Length / Math.Max(1, entry.CompressedLength) > MaxRatio))
                    return ([], null, "Een bestand in de bijlage is te groot om te openen.");
                // the name says what it is: read the first bytes (all of it for the file asked for)
                var bytes = ReadAll(entry, i == open ? entry.Length : 64 * 1024);
                var (_, extension) = ContentTypes.Detect(bytes);
                var name = Attachments.CleanName(entry.Name) ?? Attachments.CleanName(document.Bestandsnaam) ?? "bijlage";
                if (!string.Equals(Path.GetExtension(name), extension, StringComparison.OrdinalIgnoreCase)
                    && !(extension == ".jpg" && Path.GetExtension(name).Equals(".jpeg", StringComparison.OrdinalIgnoreCase)))
                    name += extension;
                files.Add(new AttachmentFile(name, entry.Length));
                if (i == open) content = bytes;
            }
            return (files, content, open is { } o && (o < 0 || o >= files.Count) ? "Dit bestand bestaat niet in de bijlage." : null);
        }
        catch (InvalidDataException)
        {
            return ([], null, "De bijlage is geen leesbaar ZIP-bestand.");
        }
    }

    private static byte[] ReadAll(ZipArchiveEntry entry, long max)
    {
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while (buffer.Length < max && (read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, max - buffer.Length))) > 0)
            buffer.Write(chunk, 0, read);
        return buffer.ToArray();
    }
}
