using Oso.Dossier.Model;

namespace Oso.Dossier.Profiles;

/// <summary>Where a category's element sits in a <c>dossier</c>.</summary>
public enum CategoryParent
{
    /// <summary>A child of the root <c>dossier</c>.</summary>
    Dossier,
    /// <summary>A child of <c>dossier/huidigeschool/leerling</c>.</summary>
    Leerling,
    /// <summary>A child of <c>dossier/huidigeschool/leerling/onderwijsondersteuning</c>.</summary>
    Onderwijsondersteuning,
}

/// <summary>
/// One element that carries a category's data: its place and name in the XML, and the same element in the model (is it
/// there, and the dossier without it). The one definition of what each category is: <see cref="CategoryFilter.Apply"/>
/// removes from the model by these rows and <see cref="CategoryFilter.Copy"/> leaves the XML elements out by the same
/// rows — what leaves the school is decided in one place.
/// </summary>
/// <param name="Category">The category the element belongs to.</param>
/// <param name="Parent">The element it is a child of.</param>
/// <param name="Name">Its local name in the gegevensset namespace.</param>
/// <param name="Has">True when the model holds the element.</param>
/// <param name="Without">The dossier without it.</param>
public sealed record CategoryElement(Category Category, CategoryParent Parent, string Name, Func<Model.Dossier, bool> Has, Func<Model.Dossier, Model.Dossier> Without);

/// <summary>The elements of every category (metadata, school and leerling have none: they are always delivered).</summary>
public static class CategoryElements
{
    /// <summary>Every row, in the standard's category order.</summary>
    public static IReadOnlyList<CategoryElement> All { get; } =
    [
        new(Category.Ouderinzage, CategoryParent.Dossier, "inzage", d => d.Inzage is not null, d => d with { Inzage = null }),

        L(Category.Oudersverzorgers, "verzorgersaansprakelijk", l => l.Verzorgersaansprakelijk is not null, l => l with { Verzorgersaansprakelijk = null }),
        L(Category.Oudersverzorgers, "verzorger", l => l.Verzorger.Count > 0, l => l with { Verzorger = [] }),
        L(Category.Oudersverzorgers, "aansprakelijkeinstelling", l => l.Aansprakelijkeinstelling is not null, l => l with { Aansprakelijkeinstelling = null }),

        L(Category.Vve, "vanpeuterspeelzaal", l => l.Vanpeuterspeelzaal is not null, l => l with { Vanpeuterspeelzaal = null }),
        L(Category.Vve, "naampeuterspeelzaal", l => l.Naampeuterspeelzaal is not null, l => l with { Naampeuterspeelzaal = null }),
        L(Category.Vve, "voorschools", l => l.Voorschools is not null, l => l with { Voorschools = null }),
        L(Category.Vve, "vroegschools", l => l.Vroegschools.Count > 0, l => l with { Vroegschools = [] }),

        L(Category.Schoolloopbaan, "schoolloopbaanlijst", l => l.Schoolloopbaanlijst.Count > 0, l => l with { Schoolloopbaanlijst = [] }),

        L(Category.Overstapadvies, "overstapadvies", l => l.Overstapadvies is not null, l => l with { Overstapadvies = null }),

        O(Category.Onderwijsondersteuning, "toelichting_onderwijsbehoeften", o => o.ToelichtingOnderwijsbehoeften is not null, o => o with { ToelichtingOnderwijsbehoeften = null }),
        O(Category.Onderwijsondersteuning, "diagnose", o => o.Diagnose.Count > 0, o => o with { Diagnose = [] }),
        O(Category.Onderwijsondersteuning, "medicijngebruik", o => o.Medicijngebruik is not null, o => o with { Medicijngebruik = null }),
        O(Category.Onderwijsondersteuning, "opp", o => o.Opp is not null, o => o with { Opp = null }),
        O(Category.Onderwijsondersteuning, "tlv", o => o.Tlv.Count > 0, o => o with { Tlv = [] }),
        O(Category.Onderwijsondersteuning, "arrangement_cluster12", o => o.ArrangementCluster12.Count > 0, o => o with { ArrangementCluster12 = [] }),
        O(Category.Onderwijsondersteuning, "arrangement_pao", o => o.ArrangementPao.Count > 0, o => o with { ArrangementPao = [] }),
        O(Category.Onderwijsondersteuning, "lwoo", o => o.Lwoo is not null, o => o with { Lwoo = null }),
        O(Category.Onderwijsondersteuning, "rvc", o => o.Rvc is not null, o => o with { Rvc = null }),

        L(Category.Verzuim, "verzuim", l => l.Verzuim is not null, l => l with { Verzuim = null }),

        L(Category.Eindtoetsbo, "eindtoets_basisonderwijs", l => l.EindtoetsBasisonderwijs is not null, l => l with { EindtoetsBasisonderwijs = null }),

        L(Category.Toetsresultaten, "toetslijst", l => l.Toetslijst.Count > 0, l => l with { Toetslijst = [] }),

        O(Category.Handelingsplannen, "handelingsplan", o => o.Handelingsplan.Count > 0, o => o with { Handelingsplan = [] }),

        L(Category.Cijferlijsten, "cijferlijstlijst", l => l.Cijferlijstlijst.Count > 0, l => l with { Cijferlijstlijst = [] }),

        L(Category.Vombo, "bevorderd", l => l.Bevorderd is not null, l => l with { Bevorderd = null }),
        L(Category.Vombo, "examenresultaat", l => l.Examenresultaat is not null, l => l with { Examenresultaat = null }),
        L(Category.Vombo, "resultaatvakkenvo", l => l.Resultaatvakkenvo.Count > 0, l => l with { Resultaatvakkenvo = [] }),
        L(Category.Vombo, "certificaat", l => l.Certificaat.Count > 0, l => l with { Certificaat = [] }),
        L(Category.Vombo, "competenties", l => l.Competenties.Count > 0, l => l with { Competenties = [] }),
        L(Category.Vombo, "stage", l => l.Stage.Count > 0, l => l with { Stage = [] }),
        L(Category.Vombo, "overigvombo", l => l.Overigvombo is not null, l => l with { Overigvombo = null }),

        L(Category.Bijlagedocs, "overigdocumentlijst", l => l.Overigdocumentlijst.Count > 0, l => l with { Overigdocumentlijst = [] }),
    ];

    /// <summary>The category of the element <paramref name="name"/> under <paramref name="parent"/>, or null when it belongs to none.</summary>
    public static Category? Of(CategoryParent parent, string name) =>
        s_byName.TryGetValue((parent, name), out var category) ? category : null;

    private static readonly Dictionary<(CategoryParent, string), Category> s_byName =
        All.ToDictionary(e => (e.Parent, e.Name), e => e.Category);

    private static CategoryElement L(Category category, string name, Func<Leerling, bool> has, Func<Leerling, Leerling> without) =>
        new(category, CategoryParent.Leerling, name, d => has(d.Huidigeschool.Leerling),
            d => d with { Huidigeschool = d.Huidigeschool with { Leerling = without(d.Huidigeschool.Leerling) } });

    private static CategoryElement O(Category category, string name, Func<Onderwijsondersteuning, bool> has, Func<Onderwijsondersteuning, Onderwijsondersteuning> without) =>
        new(category, CategoryParent.Onderwijsondersteuning, name,
            d => d.Huidigeschool.Leerling.Onderwijsondersteuning is { } o && has(o),
            d => d.Huidigeschool.Leerling.Onderwijsondersteuning is { } o
                ? d with { Huidigeschool = d.Huidigeschool with { Leerling = d.Huidigeschool.Leerling with { Onderwijsondersteuning = without(o) } } }
                : d);
}
