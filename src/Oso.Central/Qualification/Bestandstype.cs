namespace Oso.Central.Qualification;

/// <summary>Recognises evidence documents by their content (not by the name or the browser's claim).</summary>
internal static class Bestandstype
{
    /// <summary>The content type, or null when the content is not an accepted kind or does not fit the name's extension.</summary>
    public static string? Herken(string? naam, ReadOnlySpan<byte> inhoud)
    {
        var extensie = Path.GetExtension(naam ?? "").ToLowerInvariant();
        if (Begint(inhoud, "%PDF-"u8)) return extensie is ".pdf" or "" ? "application/pdf" : null;
        if (Begint(inhoud, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return extensie is ".png" or "" ? "image/png" : null;
        if (Begint(inhoud, [0xFF, 0xD8, 0xFF])) return extensie is ".jpg" or ".jpeg" or "" ? "image/jpeg" : null;
        if (Begint(inhoud, "PK\x03\x04"u8))
            return extensie switch
            {
                ".docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                ".xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ".odt" => "application/vnd.oasis.opendocument.text",
                _ => null,
            };
        return null;
    }

    /// <summary>A safe file name to keep: no directories, at most 200 characters.</summary>
    public static string Naam(string? naam)
    {
        var kort = Path.GetFileName(naam ?? "").Trim();
        kort = new string(kort.Where(c => !char.IsControl(c)).ToArray());
        if (kort.Length == 0) kort = "bewijs";
        return kort.Length <= 200 ? kort : kort[^200..];
    }

    private static bool Begint(ReadOnlySpan<byte> inhoud, ReadOnlySpan<byte> magie) => inhoud.StartsWith(magie);
}
