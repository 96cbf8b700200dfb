using System.IO.Compression;
using Oso.Dossier.Model;
using Oso.Dossier.Xml;

namespace Oso.Dossier.Building;

/// <summary>
/// Makes a <see cref="Document"/> (a bijlage) from a file's bytes, the way the gegevensset wants it: the content as a
/// base64-encoded ZIP. For a <see cref="DossierBuilder"/> and for the documents of other blocks (a handelingsplan, a
/// diagnose, the eindtoets).
/// </summary>
public static class Attachment
{
    // a fixed time stamp for the ZIP entry, so the same file gives the same bytes (ZipArchive would take the clock)
    private static readonly DateTimeOffset EntryTime = new(2000, 1, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// A bijlage holding <paramref name="inhoud"/>. Content that is already a ZIP archive (it starts with a local file
    /// header, <c>PK\x03\x04</c>) is kept as it is; anything else is zipped as one entry named after the file.
    /// </summary>
    /// <param name="bestandsnaam">The file name the receiving school sees, e.g. <c>handelingsplan.pdf</c>.</param>
    /// <param name="inhoud">The file's bytes.</param>
    /// <param name="omschrijving">What the document is, e.g. <c>Onderzoeksverslag dyslexie</c>; optional.</param>
    public static Document Create(string bestandsnaam, ReadOnlySpan<byte> inhoud, string? omschrijving = null)
    {
        ArgumentNullException.ThrowIfNull(bestandsnaam);
        return new Document
        {
            Bestandsnaam = bestandsnaam,
            Omschrijving = omschrijving,
            Bestandsinhoud = Base64Text.Encode(IsZip(inhoud) ? inhoud : Zip(bestandsnaam, inhoud)),
        };
    }

    private static bool IsZip(ReadOnlySpan<byte> content) => content.StartsWith("PK\x03\x04"u8);

    private static byte[] Zip(string bestandsnaam, ReadOnlySpan<byte> content)
    {
        // only the name: a path in an entry name would unpack into directories
        var entryName = Path.GetFileName(bestandsnaam.Replace('\\', '/'));
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var entry = archive.CreateEntry(string.IsNullOrWhiteSpace(entryName) ? "bijlage" : entryName, CompressionLevel.Optimal);
            entry.LastWriteTime = EntryTime;
            using var stream = entry.Open();
            stream.Write(content);
        }
        return buffer.ToArray();
    }
}
