using Oso.Dossier.Model;

namespace Oso.Dossier.Rendering;

/// <summary>Support (diagnoses, plans, OPP, TLV, arrangements, LWOO, RVC) and absence.</summary>
internal static class SupportSections
{
    public static void Onderwijsondersteuning(DocumentBuilder h, Onderwijsondersteuning? o)
    {
        if (o is null) return;
        h.Section(1, "ondersteuning", "Onderwijsondersteuning", () =>
        {
            h.Facts(
                ("Toelichting onderwijsbehoeften", o.ToelichtingOnderwijsbehoeften is { } t ? "bijlage: " + t.Bestandsnaam : null),
                ("Medicijngebruik dat het leren beïnvloedt", DutchFormat.YesNo(o.Medicijngebruik)));

            h.Table("Diagnoses", ["Diagnose", "Codes", "Datum", "Vastgesteld door", "Bijlagen"],
                o.Diagnose.Select(d => (IReadOnlyList<string?>)
                [
                    d.Naam ?? DutchFormat.JoinOrNull(", ", d.Code.Select(c => c.Display)),
                    DutchFormat.JoinOrNull("; ", d.Code.Select(c => c.Label is null ? c.Value : $"{c.Value} ({c.Label})")),
                    DutchFormat.Date(d.Datum),
                    DutchFormat.Join(", ", d.Doorwie, d.Instantie),
                    Files(d.Document),
                ]));

            h.Table("Handelingsplannen", ["Gericht op", "Periode", "Bijlage"],
                o.Handelingsplan.Select(p => (IReadOnlyList<string?>)[p.Isgerichtop, DutchFormat.Period(p.Startdatum, p.Einddatum), p.Document?.Bestandsnaam]));

            if (o.Opp is { } opp)
            {
                h.Heading(2, "Ontwikkelingsperspectief (OPP)", "opp");
                h.Facts(("Periode", DutchFormat.Period(opp.OppIngangdatum, opp.OppEinddatum)), ("Bijlagen", Files(opp.Document)));
            }

            h.Table("Toelaatbaarheidsverklaringen (TLV)", ["Beschikkingsnummer", "Samenwerkingsverband", "Categorie", "Periode", "Bijlage"],
                o.Tlv.Select(t => (IReadOnlyList<string?>)
                    [t.Tlvbeschikkingsnummer, t.Tlvswvnummer, t.Tlvcategorie.Display, DutchFormat.Period(t.Tlvingangdatum, t.Tlveinddatum), t.Document?.Bestandsnaam]));

            h.Table("Arrangementen", ["Arrangement", "Beschikkingsnummer", "Periode"],
                o.ArrangementCluster12.Select(a => (IReadOnlyList<string?>)
                        [DutchFormat.Join(" ", "Cluster 1 of 2", a.ArrangementBrin, a.ArrangementVestigingscode), null, DutchFormat.Period(a.ArrangementDatum, null)])
                    .Concat(o.ArrangementPao.Select(a => (IReadOnlyList<string?>)
                        [a.ArrangementKenmerk ?? "Arrangement passend onderwijs", a.ArrangementBeschikkingsnr, DutchFormat.Period(a.ArrangementDatum, a.ArrangementEinddatum)]))
                    .ToList());

            if (o.Lwoo is { } lwoo)
            {
                h.Heading(2, "Leerwegondersteunend onderwijs (LWOO)", "lwoo");
                h.Facts(
                    ("Periode", DutchFormat.Period(lwoo.LwooIngangdatum, lwoo.LwooEinddatum)),
                    ("Samenwerkingsverband", lwoo.LwooSwvnummer),
                    ("Beschikkingsnummer", lwoo.LwooBeschikkingsnummer),
                    ("Bijlage", lwoo.Document?.Bestandsnaam));
            }

            if (o.Rvc is { } rvc)
            {
                h.Heading(2, "Regionale verwijzingscommissie (RVC)", "rvc");
                h.Facts(
                    ("Indicatie", rvc.Rvcindicatie?.Display),
                    ("Datum", DutchFormat.Date(rvc.Rvcdatum)),
                    ("Centrale problematiek", rvc.Centraleproblematiek),
                    ("Maatregelen", rvc.Maatregelen),
                    ("Deelgenomen aan onderzoek", DutchFormat.YesNo(rvc.Signaleringlwoopro.Deelgenomenaanonderzoek)),
                    ("Leerachterstand", DutchFormat.YesNo(rvc.Signaleringlwoopro.Leerachterstand)),
                    ("Lage score eindtoets", DutchFormat.YesNo(rvc.Signaleringlwoopro.Lagescoreeindtoets)),
                    ("Bijlagen", Files(rvc.Document)));
            }
        });
    }

    public static void Verzuim(DocumentBuilder h, Verzuim? v)
    {
        if (v is null) return;
        h.Section(1, "verzuim", "Verzuim", () =>
        {
            h.Facts(
                ("Geoorloofd verzuim", Amount(v.Dagdelengeoorloofd, v.Urengeoorloofd)),
                ("Ongeoorloofd verzuim", Amount(v.Dagdelenongeoorloofd, v.Urenongeoorloofd)),
                ("Meer dan 25% verzuim", DutchFormat.YesNo(v.Meerdan25percent)),
                ("Frequentie", DutchFormat.Number(v.Frequentie)),
                ("Contact met leerplichtambtenaar", DutchFormat.YesNo(v.Contactleerplicht)),
                ("RMC-melding", DutchFormat.YesNo(v.Rmcmelding)),
                ("Bijlagen", Files(v.DocumentLijst)));
        });
    }

    private static string? Amount(long? dagdelen, long? uren) => DutchFormat.JoinOrNull(", ",
        [dagdelen is { } d ? $"{DutchFormat.Number(d)} {(d == 1 ? "dagdeel" : "dagdelen")}" : null,
         uren is { } u ? $"{DutchFormat.Number(u)} uur" : null]);

    private static string? Files(IReadOnlyList<Document> documents) =>
        DutchFormat.JoinOrNull(", ", documents.Select(d => d.Bestandsnaam));
}
