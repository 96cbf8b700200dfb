using Oso.Dossier.Codes;
using Oso.Dossier.Model;

namespace Oso.Dossier.Profiles;

/// <summary>
/// Applies a transfer profile to a dossier before it leaves the school: sets overdrachtsoort, overstap and
/// categorie_uitlevering, and removes the data of every category the profile forbids (VERBODEN) or the school
/// switched off (OPT-UIT). What is forbidden never leaves: it is removed from the model, not hidden.
/// </summary>
public static class CategoryFilter
{
    /// <summary>The dossier as it may be delivered under <paramref name="profile"/>.</summary>
    /// <param name="dossier">The released dossier.</param>
    /// <param name="profile">The transfer's profile.</param>
    /// <param name="optOut">OPTIONEEL categories the school switched off (others in this set are ignored).</param>
    public static Model.Dossier Apply(Model.Dossier dossier, OverstapProfile profile, IReadOnlySet<Category>? optOut = null)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        ArgumentNullException.ThrowIfNull(profile);
        var marks = Enum.GetValues<Category>().ToDictionary(c => c, c => profile[c] switch
        {
            Requirement.Verplicht => Categorie.Verplicht,
            Requirement.Verboden => Categorie.Verboden,
            _ => optOut?.Contains(c) == true ? Categorie.OptUit : Categorie.Optioneel,
        });
        var result = dossier;
        foreach (var (category, mark) in marks)
            if (mark is Categorie.Verboden or Categorie.OptUit) result = Remove(result, category);

        return result with
        {
            Overdrachtsoort = profile.Overdrachtsoort,
            Metadata = result.Metadata with
            {
                Overstap = profile.Overstap,
                CategorieUitlevering = new CategorieUitlevering
                {
                    CatMetadata = marks[Category.Metadata],
                    CatOuderinzage = marks[Category.Ouderinzage],
                    CatSchool = marks[Category.School],
                    CatLeerling = marks[Category.Leerling],
                    CatOudersverzorgers = marks[Category.Oudersverzorgers],
                    CatVve = marks[Category.Vve],
                    CatSchoolloopbaan = marks[Category.Schoolloopbaan],
                    CatOverstapadvies = marks[Category.Overstapadvies],
                    CatOnderwijsondersteuning = marks[Category.Onderwijsondersteuning],
                    CatVerzuim = marks[Category.Verzuim],
                    CatEindtoetsbo = marks[Category.Eindtoetsbo],
                    CatToetsresultaten = marks[Category.Toetsresultaten],
                    CatHandelingsplannen = marks[Category.Handelingsplannen],
                    CatCijferlijsten = marks[Category.Cijferlijsten],
                    CatVombo = marks[Category.Vombo],
                    CatBijlagedocs = marks[Category.Bijlagedocs],
                },
            },
        };
    }

    /// <summary>The categories that have data in the dossier (metadata, school and leerling always do).</summary>
    public static IReadOnlySet<Category> Present(Model.Dossier dossier)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        var l = dossier.Huidigeschool.Leerling;
        var o = l.Onderwijsondersteuning;
        var present = new HashSet<Category> { Category.Metadata, Category.School, Category.Leerling };
        if (dossier.Inzage is not null) present.Add(Category.Ouderinzage);
        if (l.Verzorgersaansprakelijk is not null || l.Verzorger.Count > 0 || l.Aansprakelijkeinstelling is not null) present.Add(Category.Oudersverzorgers);
        if (l.Vanpeuterspeelzaal is not null || l.Naampeuterspeelzaal is not null || l.Voorschools is not null || l.Vroegschools.Count > 0) present.Add(Category.Vve);
        if (l.Schoolloopbaanlijst.Count > 0) present.Add(Category.Schoolloopbaan);
        if (l.Overstapadvies is not null) present.Add(Category.Overstapadvies);
        if (o is not null && (o.ToelichtingOnderwijsbehoeften is not null || o.Diagnose.Count > 0 || o.Medicijngebruik is not null || o.Opp is not null
            || o.Tlv.Count > 0 || o.ArrangementCluster12.Count > 0 || o.ArrangementPao.Count > 0 || o.Lwoo is not null || o.Rvc is not null))
            present.Add(Category.Onderwijsondersteuning);
        if (l.Verzuim is not null) present.Add(Category.Verzuim);
        if (l.EindtoetsBasisonderwijs is not null) present.Add(Category.Eindtoetsbo);
        if (l.Toetslijst.Count > 0) present.Add(Category.Toetsresultaten);
        if (o is not null && o.Handelingsplan.Count > 0) present.Add(Category.Handelingsplannen);
        if (l.Cijferlijstlijst.Count > 0) present.Add(Category.Cijferlijsten);
        if (l.Bevorderd is not null || l.Examenresultaat is not null || l.Resultaatvakkenvo.Count > 0 || l.Certificaat.Count > 0
            || l.Competenties.Count > 0 || l.Stage.Count > 0 || l.Overigvombo is not null) present.Add(Category.Vombo);
        if (l.Overigdocumentlijst.Count > 0) present.Add(Category.Bijlagedocs);
        return present;
    }

    /// <summary>The categories the profile requires that the dossier lacks (such a dossier cannot be delivered under it).</summary>
    public static IReadOnlyList<Category> MissingRequired(Model.Dossier dossier, OverstapProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var present = Present(dossier);
        return Enum.GetValues<Category>().Where(c => profile[c] == Requirement.Verplicht && !present.Contains(c)).ToList();
    }

    private static Model.Dossier Remove(Model.Dossier d, Category category)
    {
        var l = d.Huidigeschool.Leerling;
        var o = l.Onderwijsondersteuning;
        Leerling? changed = category switch
        {
            Category.Oudersverzorgers => l with { Verzorgersaansprakelijk = null, Verzorger = [], Aansprakelijkeinstelling = null },
            Category.Vve => l with { Vanpeuterspeelzaal = null, Naampeuterspeelzaal = null, Voorschools = null, Vroegschools = [] },
            Category.Schoolloopbaan => l with { Schoolloopbaanlijst = [] },
            Category.Overstapadvies => l with { Overstapadvies = null },
            Category.Onderwijsondersteuning => l with
            {
                Onderwijsondersteuning = NullWhenEmpty(o is null ? null : o with
                {
                    ToelichtingOnderwijsbehoeften = null, Diagnose = [], Medicijngebruik = null, Opp = null, Tlv = [],
                    ArrangementCluster12 = [], ArrangementPao = [], Lwoo = null, Rvc = null,
                }),
            },
            Category.Verzuim => l with { Verzuim = null },
            Category.Eindtoetsbo => l with { EindtoetsBasisonderwijs = null },
            Category.Toetsresultaten => l with { Toetslijst = [] },
            Category.Handelingsplannen => l with { Onderwijsondersteuning = NullWhenEmpty(o is null ? null : o with { Handelingsplan = [] }) },
            Category.Cijferlijsten => l with { Cijferlijstlijst = [] },
            Category.Vombo => l with
            {
                Bevorderd = null, Examenresultaat = null, Resultaatvakkenvo = [], Certificaat = [], Competenties = [], Stage = [], Overigvombo = null,
            },
            Category.Bijlagedocs => l with { Overigdocumentlijst = [] },
            _ => null,
        };
        if (category == Category.Ouderinzage) return d with { Inzage = null };
        return changed is null ? d : d with { Huidigeschool = d.Huidigeschool with { Leerling = changed } };
    }

    private static Onderwijsondersteuning? NullWhenEmpty(Onderwijsondersteuning? o) =>
        o is null || (o.ToelichtingOnderwijsbehoeften is null && o.Diagnose.Count == 0 && o.Medicijngebruik is null && o.Handelingsplan.Count == 0
            && o.Opp is null && o.Tlv.Count == 0 && o.ArrangementCluster12.Count == 0 && o.ArrangementPao.Count == 0 && o.Lwoo is null && o.Rvc is null)
            ? null : o;
}
