namespace Oso.Dossier.Model;

/// <summary>
/// Every attachment (<c>document</c>) of a pupil's dossier, wherever it hangs, in one fixed order (support, verzuim,
/// eindtoets, toetsen, overige documenten), each with what it belongs to. The position in this list identifies an
/// attachment within one version of a dossier (a portal links to "attachment 3 of this dossier").
/// </summary>
public static class DossierAttachments
{
    /// <summary>The attachments of <paramref name="leerling"/>, with their context in Dutch ("Diagnose: dyslexie").</summary>
    public static IReadOnlyList<(Document Document, string Context)> All(Leerling leerling)
    {
        ArgumentNullException.ThrowIfNull(leerling);
        return Collect(leerling).ToList();
    }

    private static IEnumerable<(Document Document, string Context)> Collect(Leerling l)
    {
        if (l.Onderwijsondersteuning is { } o)
        {
            if (o.ToelichtingOnderwijsbehoeften is { } t) yield return (t, "Toelichting onderwijsbehoeften");
            foreach (var d in o.Diagnose)
                foreach (var doc in d.Document) yield return (doc, Join("Diagnose", d.Naam));
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

    private static string Join(string first, string? second) => string.IsNullOrWhiteSpace(second) ? first : first + ": " + second.Trim();
}
