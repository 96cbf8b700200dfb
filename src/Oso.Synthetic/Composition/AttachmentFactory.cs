using System.IO.Compression;
using System.Text;
using Oso.Dossier.Model;
using Oso.Dossier.Xml;

namespace Oso.Synthetic.Composition;

/// <summary>
/// Attachments: a real ZIP (as the standard wants for <c>bestandsinhoud</c>) holding one text file of random
/// content, sized so that the ZIP is the requested size. The content is random so that the size is real (it does
/// not shrink when compressed again); the entry's date is the reference date, so the bytes are deterministic. All
/// choices here come from a random stream of its own, so the attachment size never changes the pupil.
/// </summary>
internal sealed class AttachmentFactory(int seed, long size, DateOnly date)
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz eaoin\n";

    private readonly Random _random = new(seed);

    /// <summary>An attachment with probability <paramref name="probability"/>, or none (always none when the size is 0).</summary>
    public Document? Maybe(string fileName, string omschrijving, string pupilName, double probability) =>
        size > 0 && _random.NextDouble() < probability ? Create(fileName, omschrijving, pupilName) : null;

    /// <summary>One or two general documents for <c>overigdocumentlijst</c>.</summary>
    public List<Document> Overige(string pupilName)
    {
        if (size <= 0) return [];
        var first = _random.Next(DutchData.Documents.Length);
        var count = _random.Next(1, 3);
        var list = new List<Document>();
        for (var i = 0; i < count; i++)
        {
            var (fileName, omschrijving) = DutchData.Documents[(first + i) % DutchData.Documents.Length];
            list.Add(Create(fileName, omschrijving, pupilName));
        }
        return list;
    }

    private Document Create(string fileName, string omschrijving, string pupilName) => new()
    {
        Bestandsnaam = fileName,
        Omschrijving = omschrijving,
        Bestandsinhoud = Base64Text.Encode(Zip(fileName, pupilName)),
    };

    /// <summary>A ZIP of <c>size</c> bytes (as near as the format allows): built once, then again with the content corrected by the difference.</summary>
    internal byte[] Zip(string entryName, string pupilName)
    {
        var header = Encoding.UTF8.GetBytes($"Synthetisch document '{entryName}' voor {pupilName} (OpenOSO testgegevens; de inhoud is willekeurig).\n\n");
        var content = new byte[Math.Max(header.Length, size)];
        _random.NextBytes(content);
        for (var i = 0; i < content.Length; i++) content[i] = (byte)Alphabet[content[i] % Alphabet.Length];
        header.CopyTo(content, 0);

        var overhead = 2 * Encoding.UTF8.GetByteCount(entryName) + 98;
        var length = (int)Math.Clamp(size - overhead, 0, content.Length);
        var zip = Build(entryName, content.AsSpan(0, length));
        var corrected = (int)Math.Clamp(length + (size - zip.Length), 0, content.Length);
        return corrected == length ? zip : Build(entryName, content.AsSpan(0, corrected));
    }

    private byte[] Build(string entryName, ReadOnlySpan<byte> content)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var entry = archive.CreateEntry(entryName, CompressionLevel.NoCompression);
            entry.LastWriteTime = new DateTimeOffset(date.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
            using var stream = entry.Open();
            stream.Write(content);
        }
        return buffer.ToArray();
    }
}
