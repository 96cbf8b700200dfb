using Oso.Dossier.Model;

namespace Oso.Dossier.Rendering;

/// <summary>
/// Every attachment in the dossier, wherever it hangs, with what it belongs to and its size; never its content. With
/// <see cref="DossierRenderOptions.AttachmentLink"/> each name links to where the reader may open it.
/// </summary>
internal static class AttachmentSection
{
    public static void Bijlagen(DocumentBuilder h, Leerling l, DossierRenderOptions options)
    {
        var all = DossierAttachments.All(l);
        if (all.Count == 0) return;
        h.Section(1, "bijlagen", "Bijlagen", () =>
        {
            var shown = options.AttachmentLink is null
                ? (all.Count == 1 ? "Deze weergave toont de naam en de grootte, niet de inhoud." : "Deze weergave toont de namen en de grootte, niet de inhoud.")
                : "Open een bijlage met de link bij de naam: hij wordt gedownload.";
            h.Paragraph((all.Count == 1 ? "Bij het dossier hoort 1 bijlage. " : $"Bij het dossier horen {all.Count} bijlagen. ") + shown);
            h.Table("Bijlagen", ["Bestand", "Omschrijving", "Hoort bij", "Grootte"],
                all.Select(a => (IReadOnlyList<string?>)
                    [a.Document.Bestandsnaam, a.Document.Omschrijving, a.Context, DutchFormat.FileSize(a.Document.Bestandsinhoud.DecodedLength)]),
                options.AttachmentLink is { } link ? all.Select((_, i) => link(i)).ToList() : null);
        });
    }
}
