namespace Oso.Dossier.Profiles;

/// <summary>The 16 categories of <c>categorie_uitlevering</c>, in the standard's order.</summary>
public enum Category
{
    /// <summary>cat_metadata: metadata and overdrachtsoort.</summary>
    Metadata,
    /// <summary>cat_ouderinzage: the inzage block.</summary>
    Ouderinzage,
    /// <summary>cat_school: the current school.</summary>
    School,
    /// <summary>cat_leerling: the pupil's identity.</summary>
    Leerling,
    /// <summary>cat_oudersverzorgers: verzorgers, verzorgersaansprakelijk, aansprakelijkeinstelling.</summary>
    Oudersverzorgers,
    /// <summary>cat_vve: voor- en vroegschoolse educatie.</summary>
    Vve,
    /// <summary>cat_schoolloopbaan: the school history.</summary>
    Schoolloopbaan,
    /// <summary>cat_overstapadvies: the advice for the next school.</summary>
    Overstapadvies,
    /// <summary>cat_onderwijsondersteuning: support (except handelingsplannen).</summary>
    Onderwijsondersteuning,
    /// <summary>cat_verzuim: absence.</summary>
    Verzuim,
    /// <summary>cat_eindtoetsbo: the end-of-primary test.</summary>
    Eindtoetsbo,
    /// <summary>cat_toetsresultaten: LOVS test results.</summary>
    Toetsresultaten,
    /// <summary>cat_handelingsplannen: support plans.</summary>
    Handelingsplannen,
    /// <summary>cat_cijferlijsten: grade lists.</summary>
    Cijferlijsten,
    /// <summary>cat_vombo: VO results towards MBO.</summary>
    Vombo,
    /// <summary>cat_bijlagedocs: other attached documents.</summary>
    Bijlagedocs,
}

/// <summary>What a profile says of a category.</summary>
public enum Requirement
{
    /// <summary>Must be in the dossier.</summary>
    Verplicht,
    /// <summary>May be in the dossier; the school may switch it off (OPT-UIT).</summary>
    Optioneel,
    /// <summary>Must not be in the dossier.</summary>
    Verboden,
}

/// <summary>
/// A transfer profile (overstapprofiel): which categories a dossier for this kind of transfer must, may or must not
/// carry, the <c>overstap</c> code and the <c>overdrachtsoort</c>.
/// </summary>
/// <param name="Name">POPO, POVO, VOVO, BB, POSWV or VOSWV.</param>
/// <param name="Overstap">The value of metadata/overstap (codelijst 16).</param>
/// <param name="Overdrachtsoort">The value of overdrachtsoort (codelijst 29).</param>
/// <param name="Requirements">Per category.</param>
public sealed record OverstapProfile(string Name, string Overstap, string Overdrachtsoort, IReadOnlyDictionary<Category, Requirement> Requirements)
{
    /// <summary>The requirement for one category.</summary>
    public Requirement this[Category category] => Requirements[category];

    /// <summary>The category element name (<c>cat_vve</c>).</summary>
    public static string ElementName(Category category) => "cat_" + category.ToString().ToLowerInvariant();

    /// <inheritdoc />
    public override string ToString() => Name;

    /// <summary>The profile in words: "Basisonderwijs naar voortgezet onderwijs", "Overdracht binnen hetzelfde BRIN".</summary>
    public string Omschrijving => Overdrachtsoort == "overdrachtbinnenbrin"
        ? "Overdracht binnen hetzelfde BRIN"
        : Codes.Overstap.Definition.Describe(Overstap);
}
