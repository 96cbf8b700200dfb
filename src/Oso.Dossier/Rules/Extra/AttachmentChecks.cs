using System.IO.Compression;
using Oso.Dossier.Validation;
using Oso.Dossier.Xml;

namespace Oso.Dossier.Rules.Extra;

/// <summary>EXTRA.BijlageGeenBase64 and EXTRA.BijlageGeenZip: an attachment's <c>bestandsinhoud</c> is a base64-encoded ZIP.</summary>
internal static class AttachmentChecks
{
    public static readonly ExtraRule GeenBase64 = new("EXTRA.BijlageGeenBase64", "Een bijlage waarvan de inhoud geen geldige base64-tekst is.");
    public static readonly ExtraRule GeenZip = new("EXTRA.BijlageGeenZip", "Een bijlage die geen ZIP-bestand is.");

    public static void Check(XmlElementNode e, List<Melding> found)
    {
        // read as binary by the schema-aware reader; otherwise (no schema, misplaced element) from the text
        var base64 = e.Base64 ?? Base64Text.FromText(e.Text);
        if (!base64.TryDecode(out var content))
        {
            found.Add(GeenBase64.At(e, "De inhoud van de bijlage is geen geldige base64-tekst; de ontvangende school kan het bestand niet openen."));
            return;
        }
        if (!IsZip(content))
            found.Add(GeenZip.At(e, "De inhoud van de bijlage is geen ZIP-bestand (de gegevensset verwacht een gezipt bestand); de ontvangende school kan het bestand waarschijnlijk niet openen."));
    }

    private static bool IsZip(byte[] content)
    {
        // local file header "PK\x03\x04", then a central directory System.IO.Compression can read
        if (content.Length < 4 || content[0] != 'P' || content[1] != 'K' || content[2] != 3 || content[3] != 4) return false;
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            return zip.Entries.Count > 0;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}
