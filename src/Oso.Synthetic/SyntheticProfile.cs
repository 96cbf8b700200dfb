using System.Diagnostics.CodeAnalysis;
using Oso.Dossier.Codes;

namespace Oso.Synthetic;

/// <summary>Whether a category of the <c>categorie_uitlevering</c> must, may or must not be in a dossier of a profile.</summary>
internal enum CategoryRule
{
    Verplicht,
    Optioneel,
    Verboden,
}

/// <summary>
/// The rule of each category that a profile can vary (metadata, school and leerling are always VERPLICHT), as the
/// official full example dossier of the profile declares it. The business rules (OS.cat01–16) then check each
/// dossier against its own declaration.
/// </summary>
internal sealed record CategoryRules(
    CategoryRule Ouderinzage,
    CategoryRule Oudersverzorgers,
    CategoryRule Vve,
    CategoryRule Schoolloopbaan,
    CategoryRule Overstapadvies,
    CategoryRule Onderwijsondersteuning,
    CategoryRule Eindtoets,
    CategoryRule Vombo)
{
    // verzuim, toetsresultaten, handelingsplannen, cijferlijsten and bijlagen are OPTIONEEL in every profile
}

/// <summary>Primary or secondary education.</summary>
internal enum Sector
{
    Po,
    Vo,
}

/// <summary>
/// An OSO profile: which transfer a synthetic dossier is (POPO, POVO, VOVO, binnen-BRIN, POSWV or VOSWV), with the
/// <c>overdrachtsoort</c>, the <c>overstap</c> code and the category rules the profile demands.
/// </summary>
public sealed class SyntheticProfile
{
    private const CategoryRule V = CategoryRule.Verplicht, O = CategoryRule.Optioneel, X = CategoryRule.Verboden;

    private SyntheticProfile(string name, string description, string overdrachtsoort, Sector? sector, CategoryRules rules)
    {
        Name = name;
        Description = description;
        Overdrachtsoort = overdrachtsoort;
        Sector = sector;
        Rules = rules;
    }

    /// <summary>Primary to primary (moving house, changing school): an overstapdossier with overstap POPO.</summary>
    public static SyntheticProfile Popo { get; } = new("POPO", "Overstap van primair naar primair onderwijs", "overstapdossier", Synthetic.Sector.Po,
        new(Ouderinzage: V, Oudersverzorgers: V, Vve: O, Schoolloopbaan: V, Overstapadvies: V, Onderwijsondersteuning: O, Eindtoets: O, Vombo: X));

    /// <summary>Primary to secondary, the yearly transfer of group 8: with schooladvies, eindtoets and LOVS results.</summary>
    public static SyntheticProfile Povo { get; } = new("POVO", "Overstap van primair naar voortgezet onderwijs", "overstapdossier", Synthetic.Sector.Po,
        new(Ouderinzage: V, Oudersverzorgers: V, Vve: X, Schoolloopbaan: V, Overstapadvies: V, Onderwijsondersteuning: O, Eindtoets: O, Vombo: X));

    /// <summary>Secondary to secondary: needs toestemming (consent).</summary>
    public static SyntheticProfile Vovo { get; } = new("VOVO", "Overstap van voortgezet naar voortgezet onderwijs", "overstapdossier", Synthetic.Sector.Vo,
        new(Ouderinzage: V, Oudersverzorgers: V, Vve: X, Schoolloopbaan: V, Overstapadvies: V, Onderwijsondersteuning: O, Eindtoets: O, Vombo: O));

    /// <summary>A transfer within one BRIN (between vestigingen), overdrachtsoort <c>overdrachtbinnenbrin</c>: everything but school and pupil is optional.</summary>
    public static SyntheticProfile BinnenBrin { get; } = new("BB", "Overdracht binnen BRIN", "overdrachtbinnenbrin", null,
        new(Ouderinzage: O, Oudersverzorgers: O, Vve: O, Schoolloopbaan: O, Overstapadvies: O, Onderwijsondersteuning: O, Eindtoets: O, Vombo: O));

    /// <summary>A primary school's dossier for the samenwerkingsverband (support request), overdrachtsoort <c>swv-dossier</c>: no BSN, support data required.</summary>
    public static SyntheticProfile Poswv { get; } = new("POSWV", "Dossier van primair onderwijs voor het samenwerkingsverband", "swv-dossier", Synthetic.Sector.Po,
        new(Ouderinzage: O, Oudersverzorgers: V, Vve: O, Schoolloopbaan: V, Overstapadvies: O, Onderwijsondersteuning: V, Eindtoets: X, Vombo: X));

    /// <summary>A secondary school's dossier for the samenwerkingsverband, overdrachtsoort <c>swv-dossier</c>.</summary>
    public static SyntheticProfile Voswv { get; } = new("VOSWV", "Dossier van voortgezet onderwijs voor het samenwerkingsverband", "swv-dossier", Synthetic.Sector.Vo,
        new(Ouderinzage: O, Oudersverzorgers: V, Vve: X, Schoolloopbaan: V, Overstapadvies: O, Onderwijsondersteuning: V, Eindtoets: O, Vombo: O));

    /// <summary>The six profiles.</summary>
    public static IReadOnlyList<SyntheticProfile> All { get; } = [Popo, Povo, Vovo, BinnenBrin, Poswv, Voswv];

    /// <summary>The short name: POPO, POVO, VOVO, BB, POSWV or VOSWV.</summary>
    public string Name { get; }

    /// <summary>A Dutch description.</summary>
    public string Description { get; }

    /// <summary>The <c>overdrachtsoort</c> of the profile's dossiers.</summary>
    public string Overdrachtsoort { get; }

    /// <summary>The sector of the sending school; null for binnen-BRIN (either).</summary>
    internal Sector? Sector { get; }

    internal CategoryRules Rules { get; }

    internal bool IsSwv => Overdrachtsoort == "swv-dossier";

    /// <summary>The <c>metadata/overstap</c> code for a pupil of <paramref name="sector"/> (binnen-BRIN takes the pupil's own sector).</summary>
    internal Code<Overstap> Overstap(Sector sector) => Name switch
    {
        "BB" => sector == Synthetic.Sector.Po ? "POPO" : "VOVO",
        _ => Name,
    };

    /// <summary>Finds a profile by its short name (case-insensitive; <c>BINNENBRIN</c> also means BB).</summary>
    public static bool TryParse([NotNullWhen(true)] string? name, [NotNullWhen(true)] out SyntheticProfile? profile)
    {
        var key = name?.Trim().Replace("-", "", StringComparison.Ordinal).ToUpperInvariant();
        profile = key == "BINNENBRIN" ? BinnenBrin : All.FirstOrDefault(p => p.Name == key);
        return profile is not null;
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
