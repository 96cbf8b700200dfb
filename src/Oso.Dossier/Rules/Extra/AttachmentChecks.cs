using System.Buffers;
using System.Buffers.Text;
using System.IO.Compression;
using Oso.Dossier.Validation;
using Oso.Dossier.Xml;

namespace Oso.Dossier.Rules.Extra;

/// <summary>EXTRA.BijlageGeenBase64 and EXTRA.BijlageGeenZip: an attachment's <c>bestandsinhoud</c> is a base64-encoded ZIP.</summary>
internal static class AttachmentChecks
{
    public static readonly ExtraRule GeenBase64 = new("EXTRA.BijlageGeenBase64", "Een bijlage waarvan de inhoud geen geldige base64-tekst is.");
    public static readonly ExtraRule GeenZip = new("EXTRA.BijlageGeenZip", "Een bijlage die geen ZIP-bestand is.");

    // end of central directory record: 22 bytes, followed by a comment of at most 65,535 bytes
    private static ReadOnlySpan<byte> EndOfCentralDirectory => "PK\x05\x06"u8;
    private const int EndRecordReach = 22 + ushort.MaxValue;

    public static void Check(XmlElementNode e, List<Melding> found)
    {
        // read as binary by the schema-aware reader; otherwise (no schema, misplaced element) from the text
        var base64 = e.Base64 ?? Base64Text.FromText(e.Text);
        var rented = Decode(base64, out var length);
        try
        {
            if (rented is null)
                found.Add(GeenBase64.At(e, "De inhoud van de bijlage is geen geldige base64-tekst; de ontvangende school kan het bestand niet openen."));
            else if (!IsZip(rented, length))
                found.Add(GeenZip.At(e, "De inhoud van de bijlage is geen (volledig) ZIP-bestand, terwijl de gegevensset een gezipt bestand verwacht; de ontvangende school kan het bestand waarschijnlijk niet openen."));
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    // A pooled buffer with the content, or null when the text is not base64. Line-broken text goes through
    // Base64Text.TryDecode; a single line (the usual case) is decoded in place of the text, vectorized.
    private static byte[]? Decode(Base64Text base64, out int length)
    {
        length = 0;
        var ascii = base64.Ascii;
        if (ascii.Length != base64.Length) return null; // not ASCII, so not base64
        byte[] buffer;
        if (ascii.IndexOfAny(" \t\r\n"u8) < 0)
        {
            buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, Base64.GetMaxDecodedFromUtf8Length(ascii.Length)));
            if (Base64.DecodeFromUtf8(ascii, buffer, out var consumed, out length) == OperationStatus.Done && consumed == ascii.Length) return buffer;
            ArrayPool<byte>.Shared.Return(buffer);
            return null;
        }
        if (!base64.TryDecode(out var content)) return null;
        buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, content.Length));
        content.CopyTo(buffer, 0);
        length = content.Length;
        return buffer;
    }

    private static bool IsZip(byte[] buffer, int length)
    {
        var content = buffer.AsSpan(0, length);
        // a local file header first, and an end record near the end (a cut-off archive has none)
        if (!content.StartsWith("PK\x03\x04"u8)) return false;
        if (content[Math.Max(0, length - EndRecordReach)..].LastIndexOf(EndOfCentralDirectory) < 0) return false;
        try
        {
            using var zip = new ZipArchive(new MemoryStream(buffer, 0, length, writable: false), ZipArchiveMode.Read);
            return zip.Entries.Count > 0;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}
