using Oso.Dossier.Model;

namespace Oso.Dossier.Rendering;

/// <summary>Results in secondary education and the transfer to mbo (the category VO-MBO).</summary>
internal static class VoSections
{
    public static void VoResultaten(DocumentBuilder h, Leerling l)
    {
        h.Section(1, "vo", "Resultaten voortgezet onderwijs", () =>
        {
            var examen = l.Examenresultaat;
            var overig = l.Overigvombo;
            h.Facts(
                ("Bevorderd naar", l.Bevorderd is { } b ? DutchFormat.Join(", ", b.Leerjaar is { } lj ? "leerjaar " + lj.Display : null, b.Elementcode is { } e ? "elementcode " + e : null) : null),
                ("Diploma", examen?.Soortdiploma),
                ("Examenjaar", DutchFormat.Number(examen?.Examenjaar)),
                ("Uitslag", DutchFormat.JoinOrNull(", ", [examen?.Examenuitslag?.Display, DutchFormat.Date(examen?.Datumuitslag)])),
                ("Certificaten", DutchFormat.JoinOrNull(", ", l.Certificaat)),
                ("Gekozen vervolgopleiding", overig?.Keuzevervolgopleiding),
                ("Beroepskeuzetest", DutchFormat.YesNo(overig?.Beroepskeuzetest)),
                ("Portfolio", DutchFormat.YesNo(overig?.Portfolio)),
                ("Persoonlijk ontwikkelingsplan", DutchFormat.YesNo(overig?.Pop)),
                ("Motivatiebrief", DutchFormat.YesNo(overig?.Motivatiebrief)),
                ("LOB-dossier", DutchFormat.YesNo(overig?.Lobdossier)));

            h.Table("Vakken en resultaten", ["Vak", "Afgerond", "Examenvak", "Resultaat"],
                l.Resultaatvakkenvo.Select(v => (IReadOnlyList<string?>)
                [
                    DutchFormat.Join(" – ", v.Vakcode, v.Vakleergebied),
                    v.Afgerond ? DutchFormat.Join(", ", "ja", DutchFormat.Date(v.Datumafgerond)) : "nee",
                    DutchFormat.YesNo(v.Examenvak),
                    Result(v),
                ]));

            h.Table("Competenties", ["Competentie", "Categorie", "Referentie", "Status"],
                l.Competenties.Select(c => (IReadOnlyList<string?>)[c.Competentiebeschrijving ?? c.Competentiereferentie, c.Competentiecategorie, c.Competentiereferentie, c.Competentiestatus]));

            h.Table("Stages", ["Stage", "Functie of rol", "Instelling", "Periode", "Beoordeling"],
                l.Stage.Select(s => (IReadOnlyList<string?>)[s.Soortstage ?? "Stage", s.Functierol, s.Instelling?.Naam, DutchFormat.Period(s.Begindatum, s.Einddatum), s.Beoordeling]));
        });
    }

    private static string? Result(Resultaatvakkenvo v) => DutchFormat.JoinOrNull("; ",
    [
        DutchFormat.Lower(v.Beoordelingexamenvak?.Display),
        v.Exameneindcijfer is { } eind ? "eindcijfer " + DutchFormat.Number(eind) : null,
        v.Cijferce is { } ce ? "centraal examen " + DutchFormat.Number(ce) : null,
        v.Eindcijferse is { } se ? "schoolexamen " + DutchFormat.Number(se) : null,
        v.Cijferse.Count > 0 ? "cijfers schoolexamen " + string.Join(", ", v.Cijferse.Select(c => DutchFormat.Number(c))) : null,
        v.Rapportcijfer is { } r ? "rapportcijfer " + DutchFormat.Number(r) : null,
        v.Werkstuk is { } w ? $"werkstuk '{w.Werkstuktitel}': {w.Werkstukbeoordeling}" : null,
    ]);
}
