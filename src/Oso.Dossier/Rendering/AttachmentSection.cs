using Oso.Dossier.Model;

namespace Oso.Dossier.Rendering;

/// <summary>Every attachment in the dossier, wherever it hangs, with what it belongs to and its size; never its content.</summary>
internal static class AttachmentSection
{
    public static void Bijlagen(DocumentBuilder h, Leerling l)
    {
        var all = Collect(l).ToList();
        if (all.Count == 0) return;
        h.Section(1, "bijlagen", "Bijlagen", () =>
        {
            h.Paragraph(all.Count == 1
                ? "Bij het dossier hoort 1 bijlage. Deze weergave toont de naam en de grootte, niet de inhoud."
                : $"Bij het dossier horen {all.Count} bijlagen. Deze weergave toont de namen en de grootte, niet de inhoud.");
            h.Table("Bijlagen", ["Bestand", "Omschrijving", "Hoort bij", "Grootte"],
                all.Select(a => (IReadOnlyList<string?>)
                    [a.Document.Bestandsnaam, a.Document.Omschrijving, a.Context, DutchFormat.FileSize(a.Document.Bestandsinhoud.DecodedLength)]));
        });
    }

    private static IEnumerable<(Document Document, string Context)> Collect(Leerling l)
    {
        if (l.Onderwijsondersteuning is { } o)
        {
            if (o.ToelichtingOnderwijsbehoeften is { } t) yield return (t, "Toelichting onderwijsbehoeften");
            foreach (var d in o.Diagnose)
                foreach (var doc in d.Document) yield return (doc, DutchFormat.Join(": ", "Diagnose", d.Naam));
            foreach (var p in o.Handelingsplan)
                if (p.Document is { } doc) yield return (doc, "Handelingsplan: " + p.Isgerichtop);
            foreach (var doc in o.Opp?.Document ?? []) yield return (doc, "Ontwikkelingsperspectief");
            foreach (var t2 in o.Tlv)
                if (t2.Document is { } doc) yield return (doc, "Toelaatbaarheidsverklaring " + t2.Tlvbeschikkingsnummer);
            if (o.Lwoo?.Document is { } lwoo) yield return (lwoo, "LWOO");
            foreach (var doc in o.Rvc?.Document ?? []) yield return (doc, "RVC");
        }
        foreach (var doc in l.Verzuim?.DocumentLijst ?? []) yield return (doc, "Verzuim");
        foreach (var doc in l.EindtoetsBasisonderwijs?.Document ?? []) yield return (doc, "Eindtoets");
        foreach (var toets in l.Toetslijst)
        {
            var name = toets.Toetsidentificatie.Toetsnaam ?? toets.Toetsidentificatie.Eldtoetscode;
            if (toets.Resultaat.Document is { } doc) yield return (doc, "Toets: " + name);
            foreach (var o2 in toets.Toetsonderdeel)
                if (o2.Resultaat.Document is { } d2) yield return (d2, $"Toets: {name} – {o2.Onderdeelnaam ?? o2.Eldonderdeelcode}");
        }
        foreach (var doc in l.Overigdocumentlijst) yield return (doc, "Overige documenten");
    }
}
