using Oso.Protocol.Results;

namespace Oso.Central.TestSchool;

/// <summary>What the test school does for a test pupil.</summary>
public enum TestGeval
{
    /// <summary>Released with parental inzage: the dossier is delivered (OverdrachtGeslaagd), or LeerlinginfoNietGewijzigd
    /// when the doel asks "only if changed since" a moment after <see cref="TestLeerlingen.Klaargezet"/>.</summary>
    Vrijgegeven,

    /// <summary>Not released: LeerlinginfoNietBeschikbaar.</summary>
    NietVrijgegeven,

    /// <summary>Released, but the parents have not seen it: LeerlinginfoNietOpvraagbaar.</summary>
    GeenInzage,

    /// <summary>Unknown to the test school: LeerlingOnbekend (every PGN not in the list behaves like this).</summary>
    Onbekend,
}

/// <summary>A fixed test pupil of the test school (synthetic: BSNs from the test range 9999).</summary>
/// <param name="Sleutel">Stable key.</param>
/// <param name="Pgn">The BSN (nine digits).</param>
/// <param name="Naam">A synthetic name.</param>
/// <param name="Geval">What the test school answers.</param>
/// <param name="Omschrijving">Dutch description.</param>
public sealed record TestLeerling(string Sleutel, string Pgn, string Naam, TestGeval Geval, string Omschrijving)
{
    /// <summary>The result code the doel gets without an aanvraagdatum.</summary>
    public ResultaatCode Resultaat => Geval switch
    {
        TestGeval.Vrijgegeven => ResultaatCode.OverdrachtGeslaagd,
        TestGeval.NietVrijgegeven => ResultaatCode.LeerlinginfoNietBeschikbaar,
        TestGeval.GeenInzage => ResultaatCode.LeerlinginfoNietOpvraagbaar,
        _ => ResultaatCode.LeerlingOnbekend,
    };
}

/// <summary>The test school's fixed pupils, one for each outcome a supplier must handle (docs/central.md lists them).</summary>
public static class TestLeerlingen
{
    /// <summary>When the test school released its dossiers: an aanvraagdatum at or after this gives LeerlinginfoNietGewijzigd.</summary>
    public static readonly DateTimeOffset Klaargezet = new(2026, 3, 20, 9, 0, 0, TimeSpan.FromHours(1));

    /// <summary>Every test pupil.</summary>
    public static IReadOnlyList<TestLeerling> Alle { get; } =
    [
        new("povo-akkoord", "999991000", "Sanne de Vries", TestGeval.Vrijgegeven, "Groep 8 naar het voortgezet onderwijs; ouders hebben ingezien en zijn akkoord."),
        new("niet-vrijgegeven", "999991565", "Sem Bos", TestGeval.NietVrijgegeven, "Groep 8; het dossier is er, maar de school heeft het nog niet vrijgegeven."),
        new("geen-inzage", "999991632", "Tess Meijer", TestGeval.GeenInzage, "Groep 8; ouders hebben het dossier nog niet ingezien, dus het mag de school niet uit."),
        new("onbekend", "999991772", "Daan Vos", TestGeval.Onbekend, "Onbekend bij de testschool: er is geen dossier."),
    ];

    /// <summary>The test pupil with this PGN, or null (the test school does not know the pupil).</summary>
    public static TestLeerling? Vind(string pgn) => Alle.FirstOrDefault(l => l.Pgn == pgn);
}
