using Oso.Dossier.Codes;
using Oso.Dossier.Model;

namespace Oso.Dossier.Profiles;

/// <summary>
/// Applies a transfer profile to a dossier before it leaves the school: sets overdrachtsoort, overstap and
/// categorie_uitlevering, and removes the data of every category the profile forbids (VERBODEN) or the school
/// switched off (OPT-UIT). What is forbidden never leaves: it is removed from the model, not hidden.
/// </summary>
public static partial class CategoryFilter
{
    /// <summary>The dossier as it may be delivered under <paramref name="profile"/>.</summary>
    /// <param name="dossier">The released dossier.</param>
    /// <param name="profile">The transfer's profile.</param>
    /// <param name="optOut">OPTIONEEL categories the school switched off (others in this set are ignored).</param>
    public static Model.Dossier Apply(Model.Dossier dossier, OverstapProfile profile, IReadOnlySet<Category>? optOut = null)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        ArgumentNullException.ThrowIfNull(profile);
        var marks = Marks(profile, optOut);
        var result = dossier;
        var supportTouched = false;
        foreach (var element in CategoryElements.All)
        {
            if (marks[element.Category] is not (Categorie.Verboden or Categorie.OptUit)) continue;
            result = element.Without(result);
            supportTouched |= element.Parent == CategoryParent.Onderwijsondersteuning;
        }
        // onderwijsondersteuning left without any of its elements goes as a whole (as the streamed copy leaves it out)
        if (supportTouched && result.Huidigeschool.Leerling.Onderwijsondersteuning is not null
            && !CategoryElements.All.Any(e => e.Parent == CategoryParent.Onderwijsondersteuning && e.Has(result)))
            result = result with { Huidigeschool = result.Huidigeschool with { Leerling = result.Huidigeschool.Leerling with { Onderwijsondersteuning = null } } };

        return result with
        {
            Overdrachtsoort = profile.Overdrachtsoort,
            Metadata = result.Metadata with
            {
                Overstap = profile.Overstap,
                CategorieUitlevering = Uitlevering(marks),
            },
        };
    }

    /// <summary>What <c>categorie_uitlevering</c> says per category under <paramref name="profile"/> with <paramref name="optOut"/>.</summary>
    private static Dictionary<Category, string> Marks(OverstapProfile profile, IReadOnlySet<Category>? optOut) =>
        Enum.GetValues<Category>().ToDictionary(c => c, c => profile[c] switch
        {
            Requirement.Verplicht => Categorie.Verplicht,
            Requirement.Verboden => Categorie.Verboden,
            _ => optOut?.Contains(c) == true ? Categorie.OptUit : Categorie.Optioneel,
        });

    private static CategorieUitlevering Uitlevering(Dictionary<Category, string> marks) =>
        new CategorieUitlevering
        {
            CatMetadata = new(marks[Category.Metadata]),
            CatOuderinzage = new(marks[Category.Ouderinzage]),
            CatSchool = new(marks[Category.School]),
            CatLeerling = new(marks[Category.Leerling]),
            CatOudersverzorgers = new(marks[Category.Oudersverzorgers]),
            CatVve = new(marks[Category.Vve]),
            CatSchoolloopbaan = new(marks[Category.Schoolloopbaan]),
            CatOverstapadvies = new(marks[Category.Overstapadvies]),
            CatOnderwijsondersteuning = new(marks[Category.Onderwijsondersteuning]),
            CatVerzuim = new(marks[Category.Verzuim]),
            CatEindtoetsbo = new(marks[Category.Eindtoetsbo]),
            CatToetsresultaten = new(marks[Category.Toetsresultaten]),
            CatHandelingsplannen = new(marks[Category.Handelingsplannen]),
            CatCijferlijsten = new(marks[Category.Cijferlijsten]),
            CatVombo = new(marks[Category.Vombo]),
            CatBijlagedocs = new(marks[Category.Bijlagedocs]),
        };

    /// <summary>The categories that have data in the dossier (metadata, school and leerling always do).</summary>
    public static IReadOnlySet<Category> Present(Model.Dossier dossier)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        var present = new HashSet<Category> { Category.Metadata, Category.School, Category.Leerling };
        foreach (var element in CategoryElements.All)
            if (element.Has(dossier)) present.Add(element.Category);
        return present;
    }

    /// <summary>The categories the profile requires that the dossier lacks (such a dossier cannot be delivered under it).</summary>
    public static IReadOnlyList<Category> MissingRequired(Model.Dossier dossier, OverstapProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var present = Present(dossier);
        return Enum.GetValues<Category>().Where(c => profile[c] == Requirement.Verplicht && !present.Contains(c)).ToList();
    }
}
