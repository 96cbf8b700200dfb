using Oso.Dossier.Model;

namespace Oso.Dossier.Rendering;

/// <summary>Inzage by the parents, the current school with the pupil's school career, and the transfer advice.</summary>
internal static class SchoolSections
{
    /// <summary>
    /// Comes first in the dossier: whether the parents saw the dossier and agree with it. Their disagreement and
    /// their view are shown prominently.
    /// </summary>
    public static void Inzage(DocumentBuilder h, Ouderinzage? inzage)
    {
        if (inzage is null) return;
        h.Section(1, "inzage", "Inzage door ouders", () =>
        {
            if (inzage.Voorlopigdossier)
                h.Paragraph("Dit is een voorlopig dossier: de school kan het nog aanvullen.", ParagraphKind.Notice);
            if (inzage.Akkoord?.Value == "Nee")
            {
                h.Alert(inzage.Redennietakkoord is null ? "Ouders zijn het niet eens met het dossier." : "Ouders zijn het niet eens met het dossier:",
                    inzage.Redennietakkoord);
            }
            var seen = inzage.Inzage switch
            {
                true => inzage.Inzagedatum is { } d ? "ja, op " + DutchFormat.Date(d) : "ja",
                false => "nee",
                null => null,
            };
            var akkoord = inzage.Akkoord?.Value switch
            {
                "Ja" => "ja, ouders zijn het eens met het dossier",
                "Nee" => "nee (zie hierboven)",
                "Onbekend" => "onbekend",
                null => null,
                _ => inzage.Akkoord?.Display,
            };
            h.Facts(
                ("Ingezien door ouders", seen),
                ("Akkoord", akkoord),
                ("Toestemming voor overdracht", DutchFormat.Lower(inzage.Toestemming?.Display)));
        });
    }

    public static void School(DocumentBuilder h, Huidigeschool school)
    {
        h.Section(1, "school", "School", () =>
        {
            h.Heading(2, "Huidige school", "huidige-school");
            h.Facts(
                ("Naam", school.Naam),
                ("BRIN en vestiging", DutchFormat.Join(" ", school.Brincode, school.Vestigingscode)),
                ("Soort school", DutchFormat.Join(", ", DutchFormat.SchoolSoort(school.Soort), school.Type)),
                ("Adres", DutchFormat.JoinOrNull("; ", school.Adreslijst.Select(DutchFormat.Address))),
                ("Contact", DutchFormat.JoinOrNull("; ", school.Communicatielijst.Select(DutchFormat.Communication))),
                ("Directeur", school.Naamdirecteur),
                ("Website", school.Website));
            var loopbaan = school.Leerling.Schoolloopbaanlijst;
            if (loopbaan.Count == 0) return;
            h.Heading(2, "Schoolloopbaan", "schoolloopbaan");
            h.Table("Schoolloopbaan", ["Schooljaar", "Groep of leerjaar", "Klas", "School", "Periode", "Onderwijs"],
                loopbaan.Select(s => (IReadOnlyList<string?>)
                [
                    s.Schooljaar,
                    s.Jaargroep.Display,
                    DutchFormat.Join(" – ", s.Groepscode, s.Groepsnaam),
                    DutchFormat.Join(" ", s.Brincode, s.Vestigingscode),
                    DutchFormat.Period(s.Begindatum, s.Einddatum),
                    DutchFormat.Join(", ", DutchFormat.SchoolSoort(s.Schoolsoort), s.Schooltype, s.Voelementomschrijving, s.Schoolsoortomschrijving),
                ]));
        });
    }

    public static void Overstapadvies(DocumentBuilder h, Overstapadvies? advies)
    {
        if (advies is null) return;
        h.Section(1, "overstapadvies", "Overstapadvies", () =>
        {
            h.Facts(
                ("Schooladvies", advies.Advies?.Display),
                ("Herzien advies", advies.Herzienadvies?.Display),
                ("Motivatie herzien advies", advies.MotivatieHerzienadvies),
                ("Wens ouders", advies.Wensouders?.Display),
                ("Wens leerling", advies.Wensleerling?.Display),
                ("Profiel", advies.Profiel?.Display),
                ("Argumentatie", advies.Argumentatie),
                ("Contact gewenst", DutchFormat.YesNo(advies.Contactnodig)),
                ("Contactpersoon", DutchFormat.JoinOrNull(", ", [advies.Contactpersoon, advies.Contacttelefoon, advies.Contactemail])),
                ("Aandachtspunten", advies.Aandachtspunten));
        });
    }
}
