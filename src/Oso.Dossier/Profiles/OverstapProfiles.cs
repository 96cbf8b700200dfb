using System.Collections.Frozen;

namespace Oso.Dossier.Profiles;

/// <summary>
/// The transfer profiles. The category requirements are those the official 2019.1 example dossiers carry per profile
/// (the "full" example shows VERPLICHT/OPTIONEEL/VERBODEN; its "opt_out" twin switches every OPTIONEEL category off);
/// the profile document itself is not public (decision, see docs/adr/0005-profiles.md).
/// </summary>
public static class OverstapProfiles
{
    private const string V = "V", O = "O", X = "X";

    // order of Category: metadata ouderinzage school leerling oudersverzorgers vve schoolloopbaan overstapadvies
    //                    onderwijsondersteuning verzuim eindtoetsbo toetsresultaten handelingsplannen cijferlijsten vombo bijlagedocs
    /// <summary>Primary to primary.</summary>
    public static OverstapProfile Popo { get; } = Make("POPO", "POPO", "overstapdossier", V, V, V, V, V, O, V, V, O, O, O, O, O, O, X, O);

    /// <summary>Primary to secondary.</summary>
    public static OverstapProfile Povo { get; } = Make("POVO", "POVO", "overstapdossier", V, V, V, V, V, X, V, V, O, O, O, O, O, O, X, O);

    /// <summary>Secondary to secondary.</summary>
    public static OverstapProfile Vovo { get; } = Make("VOVO", "VOVO", "overstapdossier", V, V, V, V, V, X, V, V, O, O, O, O, O, O, O, O);

    /// <summary>Between branches of one BRIN (overdracht binnen BRIN); <c>overstap</c> follows the sector.</summary>
    public static OverstapProfile BinnenBrin { get; } = Make("BB", "POPO", "overdrachtbinnenbrin", V, O, V, V, O, O, O, O, O, O, O, O, O, O, O, O);

    /// <summary>Primary school to its samenwerkingsverband.</summary>
    public static OverstapProfile Poswv { get; } = Make("POSWV", "POSWV", "swv-dossier", V, O, V, V, V, O, V, O, V, O, X, O, O, O, X, O);

    /// <summary>Secondary school to its samenwerkingsverband.</summary>
    public static OverstapProfile Voswv { get; } = Make("VOSWV", "VOSWV", "swv-dossier", V, O, V, V, V, X, V, O, V, O, O, O, O, O, O, O);

    /// <summary>All profiles.</summary>
    public static IReadOnlyList<OverstapProfile> All { get; } = [Popo, Povo, Vovo, BinnenBrin, Poswv, Voswv];

    /// <summary>A profile's name in words (<see cref="OverstapProfile.Omschrijving"/>); an unknown name as it is.</summary>
    public static string Omschrijving(string? name) => name is null ? "" : ByName(name)?.Omschrijving ?? name;

    /// <summary>A profile by name (POPO, POVO, VOVO, BB, POSWV, VOSWV), case-insensitive.</summary>
    public static OverstapProfile? ByName(string name) => All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The profile for a transfer: by the sectors of bron and doel (PO, VO, SO, SWV) and whether it stays within one
    /// BRIN. SO counts as PO (the 2019.1 examples define no WEC profile). Null when no profile fits (e.g. VO to PO).
    /// </summary>
    public static OverstapProfile? For(string bronSector, string doelSector, bool binnenBrin)
    {
        var bron = Normalize(bronSector);
        var doel = Normalize(doelSector);
        if (binnenBrin) return bron == "VO" ? BinnenBrin with { Overstap = "VOVO" } : BinnenBrin;
        return (bron, doel) switch
        {
            ("PO", "PO") => Popo,
            ("PO", "VO") => Povo,
            ("VO", "VO") => Vovo,
            ("PO", "SWV") => Poswv,
            ("VO", "SWV") => Voswv,
            _ => null,
        };
    }

    private static string Normalize(string sector) => sector.ToUpperInvariant() switch
    {
        "SO" or "SBO" or "PO" => "PO",
        "VSO" or "VO" => "VO",
        var s => s,
    };

    private static OverstapProfile Make(string name, string overstap, string overdrachtsoort, params string[] requirements)
    {
        var categories = Enum.GetValues<Category>();
        if (requirements.Length != categories.Length) throw new ArgumentException("one requirement per category", nameof(requirements));
        var map = categories.Select((c, i) => (c, requirements[i] switch { V => Requirement.Verplicht, O => Requirement.Optioneel, _ => Requirement.Verboden }))
            .ToFrozenDictionary(p => p.c, p => p.Item2);
        return new OverstapProfile(name, overstap, overdrachtsoort, map);
    }
}
