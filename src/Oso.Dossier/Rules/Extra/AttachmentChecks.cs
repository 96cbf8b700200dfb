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
        // validation reads without keeping attachments: then only the facts gathered while streaming are known
        if (e.Base64 is null && e.Attachment is { } facts)
        {
            Report(e, facts.IsBase64, facts.LooksLikeZip, found);
            return;
        }
        // read as binary by the schema-aware reader; otherwise (no schema, misplaced element) from the text
        var rented = Decode(e.Base64 ?? Base64Text.FromText(e.Text), out var length);
        try
        {
            Report(e, rented is not null, rented is not null && IsZip(rented, length), found);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static void Report(XmlElementNode e, bool base64, bool zip, List<Melding> found)
    {
        if (!base64)
            found.Add(GeenBase64.At(e, "De inhoud van de bijlage is geen geldige base64-tekst; de ontvangende school kan het bestand niet openen."));
        else if (!zip)
            found.Add(GeenZip.At(e, "De inhoud van de bijlage is geen (volledig) ZIP-bestand, terwijl de gegevensset een gezipt bestand verwacht; de ontvangende school kan het bestand waarschijnlijk niet openen."));
    }

    // A pooled buffer with the content, or null when the text is not base64. Text on one line (the usual
    // case) is decoded in one vectorized call; line-broken text goes through Base64Text.TryDecode.
    private static byte[]? Decode(Base64Text base64, out int length)
    {
        length = 0;
        if (!base64.IsAscii) return null;
        var ascii = ArrayPool<byte>.Shared.Rent(Math.Max(1, base64.Length));
        try
        {
            var text = ascii.AsSpan(0, base64.Length);
            base64.CopyAsciiTo(text);
            byte[] buffer;
            if (text.IndexOfAny(" \t\r\n"u8) < 0)
            {
                buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, Base64.GetMaxDecodedFromUtf8Length(text.Length)));
                if (Base64.DecodeFromUtf8(text, buffer, out var consumed, out length) == OperationStatus.Done && consumed == text.Length) return buffer;
                ArrayPool<byte>.Shared.Return(buffer);
                return null;
            }
            if (!base64.TryDecode(out var content)) return null;
            buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, content.Length));
            content.CopyTo(buffer, 0);
            length = content.Length;
            return buffer;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(ascii);
        }
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
