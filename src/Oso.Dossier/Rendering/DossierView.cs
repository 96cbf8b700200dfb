using Oso.Dossier.Codes;
using Oso.Dossier.Model;

namespace Oso.Dossier.Rendering;

/// <summary>Builds the <see cref="DossierDocument"/> of a dossier: what the HTML view and the PDF both show, in Dutch words.</summary>
internal static class DossierView
{
    public static DossierDocument Build(Model.Dossier dossier, DossierRenderOptions options)
    {
        var h = new DocumentBuilder();
        var leerling = dossier.Huidigeschool.Leerling;
        SchoolSections.Inzage(h, dossier.Inzage);
        PersonSections.Leerling(h, leerling, options);
        PersonSections.Verzorgers(h, leerling);
        SchoolSections.School(h, dossier.Huidigeschool);
        PersonSections.Vve(h, leerling);
        SchoolSections.Overstapadvies(h, leerling.Overstapadvies);
        ResultSections.Eindtoets(h, leerling.EindtoetsBasisonderwijs);
        ResultSections.Toetsen(h, leerling.Toetslijst);
        SupportSections.Onderwijsondersteuning(h, leerling.Onderwijsondersteuning);
        SupportSections.Verzuim(h, leerling.Verzuim);
        ResultSections.Cijferlijsten(h, leerling.Cijferlijstlijst);
        VoSections.VoResultaten(h, leerling);
        AttachmentSection.Bijlagen(h, leerling, options);
        return new DossierDocument(Title(dossier), Metadata(dossier.Metadata), h.Blocks);
    }

    public static string Title(Model.Dossier dossier)
    {
        var l = dossier.Huidigeschool.Leerling;
        return $"{dossier.Overdrachtsoort.Display}: {DutchFormat.Name(l.Voornaam, l.Roepnaam, l.Voorvoegsel, l.Achternaam)}";
    }

    private static List<Fact> Metadata(Metadata m)
    {
        (string Label, string? Value)[] facts =
        [
            ("Soort overstap", m.Overstap?.Display),
            ("Datum van het dossier", DutchFormat.Date(m.Datum)),
            ("Inhoud", m.Deeldossier.Display),
            ("Leerlingadministratie", DutchFormat.Join(" ", m.Pakketnaam, m.Pakketversie)),
            ("Gegevensset", "OSO " + m.Standaardversie),
            ("Niet meegeleverd (uitgezet door de school)", SwitchedOff(m.CategorieUitlevering)),
        ];
        return facts.Where(f => !string.IsNullOrWhiteSpace(f.Value)).Select(f => new Fact(f.Label, f.Value!)).ToList();
    }

    /// <summary>The categories the school switched off (OPT-UIT), so that a reader knows the data exists but was not sent.</summary>
    private static string? SwitchedOff(CategorieUitlevering? c)
    {
        if (c is null) return null;
        (string Name, Code<Categorie> Value)[] all =
        [
            ("ouderinzage", c.CatOuderinzage), ("ouders/verzorgers", c.CatOudersverzorgers), ("VVE", c.CatVve),
            ("schoolloopbaan", c.CatSchoolloopbaan), ("overstapadvies", c.CatOverstapadvies),
            ("onderwijsondersteuning", c.CatOnderwijsondersteuning), ("verzuim", c.CatVerzuim), ("eindtoets", c.CatEindtoetsbo),
            ("toetsresultaten", c.CatToetsresultaten), ("handelingsplannen", c.CatHandelingsplannen),
            ("cijferlijsten", c.CatCijferlijsten), ("VO-MBO", c.CatVombo), ("bijlagen", c.CatBijlagedocs),
        ];
        return DutchFormat.JoinOrNull(", ", all.Where(a => a.Value.Value == Categorie.OptUit).Select(a => a.Name));
    }
}
