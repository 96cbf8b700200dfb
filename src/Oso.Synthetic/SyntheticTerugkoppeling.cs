using Oso.Dossier.Codes;
using Oso.Dossier.Model;

namespace Oso.Synthetic;

/// <summary>
/// A terugkoppeling (the gegevensset's <c>terugkoppeling</c> element) about a received dossier: who sends it (the
/// school block of the sender), the pupil as the sender matched them, and what was decided for the coming school year
/// (an arrangement, in the <c>tiperschooljaar</c> block). For demos and tests; valid against the official XSD.
/// </summary>
public static class SyntheticTerugkoppeling
{
    /// <summary>
    /// The pupil's dossier with the onderwijsondersteuning an SWV dossier requires (POSWV/VOSWV: VERPLICHT), composed as
    /// for <paramref name="swvProfile"/> when the dossier has none.
    /// </summary>
    public static Dossier.Model.Dossier WithSupport(Dossier.Model.Dossier dossier, SyntheticProfile swvProfile, int seed, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        var leerling = dossier.Huidigeschool.Leerling;
        // present as the rules count it (a toelichting, diagnose, OPP, TLV, arrangement…), not merely a non-empty element
        if (Oso.Dossier.Profiles.CategoryFilter.Present(dossier).Contains(Oso.Dossier.Profiles.Category.Onderwijsondersteuning)) return dossier;
        for (var next = seed; ; next++)
        {
            var support = SyntheticDossiers.Create(swvProfile, next, today).Huidigeschool.Leerling.Onderwijsondersteuning;
            var supported = dossier with { Huidigeschool = dossier.Huidigeschool with { Leerling = leerling with { Onderwijsondersteuning = support } } };
            if (Oso.Dossier.Profiles.CategoryFilter.Present(supported).Contains(Oso.Dossier.Profiles.Category.Onderwijsondersteuning)) return supported;
            if (next - seed > 1000) throw new InvalidOperationException("no synthetic onderwijsondersteuning for " + swvProfile.Name);
        }
    }

    /// <summary>A terugkoppeling from <paramref name="sender"/> about the pupil of <paramref name="dossier"/>.</summary>
    public static Terugkoppeling For(Dossier.Model.Dossier dossier, Dossier.Model.School sender, string leerlingId, DateOnly today, string besluit)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        var leerling = dossier.Huidigeschool.Leerling;
        var startYear = today.Month >= 8 ? today.Year : today.Year - 1;
        return new Terugkoppeling
        {
            Metadata = dossier.Metadata with { Datum = today, Overstap = null, CategorieUitlevering = null },
            Voschool = sender,
            Leerlingmatching = new Leerlingmatching
            {
                Leerlingid = leerlingId,
                Voornaam = leerling.Voornaam.Count > 0 ? leerling.Voornaam : [leerling.Roepnaam ?? "Onbekend"],
                Tussenvoegsel = leerling.Voorvoegsel,
                Achternaam = leerling.Achternaam,
                Geslacht = leerling.Geslacht ?? new Code<Geslacht>("0"),
                Geboortedatum = leerling.Geboortedatum ?? today.AddYears(-12),
            },
            Terugkoppelinformatie = new Terugkoppelinformatie
            {
                Tiperschooljaar =
                [
                    new Tiperschooljaar
                    {
                        Schooljaar = $"{startYear + 1}-{startYear + 2}",
                        Begindatum = new DateOnly(startYear + 1, 8, 1),
                        Einddatum = new DateOnly(startYear + 2, 7, 31),
                        Jaargroep = new Code<Jaargroep>("8"),
                        Iltcode = "ARR-01",
                        Iltomschrijving = besluit,
                    },
                ],
            },
        };
    }
}
