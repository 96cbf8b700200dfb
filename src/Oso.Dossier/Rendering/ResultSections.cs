using Oso.Dossier.Model;

namespace Oso.Dossier.Rendering;

/// <summary>The end-of-primary test, the pupil-tracking (LOVS) tests and the report cards.</summary>
internal static class ResultSections
{
    public static void Eindtoets(DocumentBuilder h, EindtoetsBasisonderwijs? eindtoets)
    {
        if (eindtoets is null) return;
        h.Section(1, "eindtoets", "Eindtoets of doorstroomtoets", () =>
        {
            var r = eindtoets.Eindtoetsresultaat;
            h.Facts(
                ("Deelgenomen", DutchFormat.YesNo(eindtoets.Deelgenomen)),
                ("Toets", DutchFormat.JoinOrNull(" – ", [r?.Toetsomschrijving, r?.Toetssoort.Display])),
                ("Niveau", r?.Toetsniveau.Display),
                ("Datum afname", DutchFormat.Date(r?.DatumAfname)),
                ("Wettelijke ontheffing", DutchFormat.Lower(r?.WettelijkeOntheffing?.Display)),
                ("Standaardscore", DutchFormat.Number(r?.Standaardscore)),
                ("Toetsadvies", r?.ToetsAdvies));
            if (r is null) return;
            var rows = new List<IReadOnlyList<string?>>();
            foreach (var o in r.Onderdelen)
            {
                var onderdeel = o.Onderdeelomschrijving ?? o.Onderdeelcode.Display;
                rows.Add([onderdeel, o.OndReferentieniveau?.Display]);
                foreach (var d in o.Domeinen ?? [])
                {
                    var domein = d.Domeinomschrijving ?? d.Domeincode.Display;
                    // the standard's own examples repeat the part in the domain ("Nederlandse taal - Lezen")
                    rows.Add([domein.StartsWith(onderdeel, StringComparison.Ordinal) ? domein : $"{onderdeel} – {domein}", d.DomReferentieniveau?.Display]);
                }
            }
            h.Table("Eindtoets per onderdeel", ["Onderdeel", "Referentieniveau"], rows);
        });
    }

    public static void Toetsen(DocumentBuilder h, IReadOnlyList<Toets> toetsen)
    {
        if (toetsen.Count == 0) return;
        h.Section(1, "toetsen", "Toetsresultaten", () =>
        {
            var rows = new List<IReadOnlyList<string?>>();
            foreach (var t in toetsen.OrderBy(t => t.Afname.Afnamedatum))
            {
                var name = t.Toetsidentificatie.Toetsnaam ?? t.Toetsidentificatie.Eldtoetscode;
                rows.Add(
                [
                    DutchFormat.Join(" ", name, t.Toetsidentificatie.Toetsversie),
                    DutchFormat.Date(t.Afname.Afnamedatum),
                    t.Afname.Jaargroep?.Display,
                    t.Toetsidentificatie.Leergebied,
                    Score(t.Resultaat),
                    ReferenceScores(t.Resultaat),
                    DutchFormat.Join(", ", t.Afname.Afgenomendoor?.Naammedewerker, t.Afname.Afgenomendoor?.Functie, t.Opmerking),
                ]);
                foreach (var o in t.Toetsonderdeel)
                    rows.Add([$"{name} – {o.Onderdeelnaam ?? o.Eldonderdeelcode}", null, null, null, Score(o.Resultaat), ReferenceScores(o.Resultaat), null]);
            }
            h.Table("Toetsresultaten (leerlingvolgsysteem)", ["Toets", "Datum", "Groep", "Leergebied", "Score", "Referentiescores", "Afname en opmerking"], rows);
        });
    }

    public static void Cijferlijsten(DocumentBuilder h, IReadOnlyList<Cijferlijst> lijsten)
    {
        if (lijsten.Count == 0) return;
        h.Section(1, "cijferlijsten", "Cijferlijsten", () =>
        {
            for (var i = 0; i < lijsten.Count; i++)
            {
                var lijst = lijsten[i];
                var title = DutchFormat.Join(", ", "Cijferlijst " + lijst.Jaargroep.Display, lijst.Periode, DutchFormat.Date(lijst.Afnamedatum));
                h.Heading(2, title, "cijferlijst-" + (i + 1));
                foreach (var groep in lijst.CijferlijstTypelijst.Groepen)
                {
                    var rows = groep.Onderdeel.Select(o => (IReadOnlyList<string?>)
                            [o.Naam, o.Score.Waarde, o.Score.Kwalificatie, DutchFormat.Date(o.Afnamedatum), DutchFormat.Join(", ", o.Jaargroep?.Display, o.Periode)])
                        .Concat(groep.Score.Select(s => (IReadOnlyList<string?>)["Totaal", s.Waarde, s.Kwalificatie, null, null]));
                    h.Table(groep.Naam, ["Onderdeel", "Cijfer", "Beoordeling", "Datum", "Groep en periode"], rows.ToList());
                }
            }
        });
    }

    /// <summary><c>vaardigheidsscore 103 (schaal 118); 36 goed van 40</c>.</summary>
    internal static string? Score(Resultaat r)
    {
        var parts = new List<string?>();
        if (r.Toetsscore is { } s)
        {
            if (s.Vaardigheidsscore is { } v)
                parts.Add($"vaardigheidsscore {DutchFormat.Number(v)}{(s.Codevaardigheidsschaal is { } c ? $" (schaal {c})" : "")}");
            if (s.Aantalgoed is { } goed)
                parts.Add(s.Aantalopgaven is { } n ? $"{goed} goed van {n}" : $"{goed} goed");
            else if (s.Aantalopgaven is { } opgaven)
                parts.Add($"{opgaven} opgaven");
            if (s.Aantalfout is { } fout) parts.Add($"{fout} fout");
            if (s.Aantalgelezen is { } gelezen) parts.Add($"{gelezen} gelezen");
            if (s.Tijd is { } tijd) parts.Add($"tijd {DutchFormat.Number(tijd)}");
            if (s.Betrouwbaarheidsinterval is { } bi)
                parts.Add($"betrouwbaarheidsinterval {DutchFormat.Number(bi.Bivlaag)}–{DutchFormat.Number(bi.Bivhoog)}");
        }
        if (r.Document is { } doc) parts.Add("bijlage: " + doc.Bestandsnaam);
        return DutchFormat.JoinOrNull("; ", parts);
    }

    /// <summary><c>Didactische leeftijdsequivalent: 60; IV: III (Geen nadere kwalificatie)</c>; the group when it is not the national one.</summary>
    internal static string? ReferenceScores(Resultaat r) =>
        DutchFormat.JoinOrNull("; ", r.Referentiescore.Select(s =>
        {
            var text = $"{s.Codereferentiescore.Display}: {s.Waarde}";
            if (s.Kwalificatie is { } k) text += $" ({k})";
            if (s.Codevergelijkingsgroep.Value != "Landelijk") text += $", vergeleken met {s.Codevergelijkingsgroep.Display}";
            return text;
        }));
}
