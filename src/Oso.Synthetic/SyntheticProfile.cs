using System.Diagnostics.CodeAnalysis;
using Oso.Dossier.Codes;
using Oso.Dossier.Profiles;

namespace Oso.Synthetic;

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
    private SyntheticProfile(OverstapProfile profile, string description, Sector? sector)
    {
        Profile = profile;
        Description = description;
        Sector = sector;
    }

    /// <summary>Primary to primary (moving house, changing school): an overstapdossier with overstap POPO.</summary>
    public static SyntheticProfile Popo { get; } = new(OverstapProfiles.Popo, "Overstap van primair naar primair onderwijs", Synthetic.Sector.Po);

    /// <summary>Primary to secondary, the yearly transfer of group 8: with schooladvies, eindtoets and LOVS results.</summary>
    public static SyntheticProfile Povo { get; } = new(OverstapProfiles.Povo, "Overstap van primair naar voortgezet onderwijs", Synthetic.Sector.Po);

    /// <summary>Secondary to secondary: needs toestemming (consent).</summary>
    public static SyntheticProfile Vovo { get; } = new(OverstapProfiles.Vovo, "Overstap van voortgezet naar voortgezet onderwijs", Synthetic.Sector.Vo);

    /// <summary>A transfer within one BRIN (between vestigingen), overdrachtsoort <c>overdrachtbinnenbrin</c>: everything but school and pupil is optional.</summary>
    public static SyntheticProfile BinnenBrin { get; } = new(OverstapProfiles.BinnenBrin, "Overdracht binnen BRIN", null);

    /// <summary>A primary school's dossier for the samenwerkingsverband (support request), overdrachtsoort <c>swv-dossier</c>: no BSN, support data required.</summary>
    public static SyntheticProfile Poswv { get; } = new(OverstapProfiles.Poswv, "Dossier van primair onderwijs voor het samenwerkingsverband", Synthetic.Sector.Po);

    /// <summary>A secondary school's dossier for the samenwerkingsverband, overdrachtsoort <c>swv-dossier</c>.</summary>
    public static SyntheticProfile Voswv { get; } = new(OverstapProfiles.Voswv, "Dossier van voortgezet onderwijs voor het samenwerkingsverband", Synthetic.Sector.Vo);

    /// <summary>The six profiles.</summary>
    public static IReadOnlyList<SyntheticProfile> All { get; } = [Popo, Povo, Vovo, BinnenBrin, Poswv, Voswv];

    /// <summary>The transfer profile (category requirements, overstap, overdrachtsoort).</summary>
    public OverstapProfile Profile { get; }

    /// <summary>The short name: POPO, POVO, VOVO, BB, POSWV or VOSWV.</summary>
    public string Name => Profile.Name;

    /// <summary>A Dutch description.</summary>
    public string Description { get; }

    /// <summary>The <c>overdrachtsoort</c> of the profile's dossiers.</summary>
    public string Overdrachtsoort => Profile.Overdrachtsoort;

    /// <summary>The sector of the sending school; null for binnen-BRIN (either).</summary>
    internal Sector? Sector { get; }

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
