using Oso.Protocol.Messages;
using Oso.Protocol.Results;
using Oso.Synthetic;

namespace Oso.Central.TestSchool;

/// <summary>A fixed test pupil of the test school (Oso.Synthetic's fixed pupils: synthetic names, BSNs from the test range).</summary>
/// <param name="Sleutel">The fixed pupil's key (e.g. <c>povo-akkoord</c>).</param>
/// <param name="Pgn">The BSN or onderwijsnummer.</param>
/// <param name="Naam">The synthetic name.</param>
/// <param name="Profiel">The dossier's profile (POVO, POPO, VOVO, BB, POSWV, VOSWV).</param>
/// <param name="Status">What the test school has for the pupil.</param>
/// <param name="Omschrijving">Dutch description.</param>
/// <param name="Overdrachtsoort">The dossier's overdrachtsoort (wire value).</param>
public sealed record TestLeerling(string Sleutel, string Pgn, string Naam, string Profiel, FixedPupilStatus Status, string Omschrijving, string Overdrachtsoort)
{
    /// <summary>What the test school answers to an overstapdossier request without an aanvraagdatum.</summary>
    public ResultaatCode Verwacht => Resultaat();

    /// <summary>
    /// The result code the test school answers to a documentRequest of <paramref name="gevraagd"/> without an
    /// aanvraagdatum: a dossier of another kind of transfer is not for this doel (GeenRelatieMetDoel).
    /// </summary>
    public ResultaatCode Resultaat(Overdrachtsoort gevraagd = Protocol.Messages.Overdrachtsoort.Overstapdossier) => Status switch
    {
        FixedPupilStatus.Onbekend => ResultaatCode.LeerlingOnbekend,
        FixedPupilStatus.NietVrijgegeven => ResultaatCode.LeerlinginfoNietBeschikbaar,
        FixedPupilStatus.GeenInzage => ResultaatCode.LeerlinginfoNietOpvraagbaar,
        _ when Overdrachtsoort != Wire(gevraagd) => ResultaatCode.GeenRelatieMetDoel,
        _ => ResultaatCode.OverdrachtGeslaagd,
    };

    internal static string Wire(Overdrachtsoort soort) => soort switch
    {
        Protocol.Messages.Overdrachtsoort.Overstapdossier => "overstapdossier",
        Protocol.Messages.Overdrachtsoort.OverdrachtBinnenBrin => "overdrachtbinnenbrin",
        _ => "swv-dossier",
    };
}

/// <summary>The test school's fixed pupils, one for each outcome a supplier must handle (docs/central.md lists them).</summary>
public static class TestLeerlingen
{
    /// <summary>When the test school released its dossiers: an aanvraagdatum at or after this gives LeerlinginfoNietGewijzigd.</summary>
    public static readonly DateTimeOffset Klaargezet = new(2026, 3, 20, 9, 0, 0, TimeSpan.FromHours(1));

    /// <summary>Every test pupil.</summary>
    public static IReadOnlyList<TestLeerling> Alle { get; } = SyntheticDossiers.FixedPupils
        .Select(p => new TestLeerling(p.Key, p.Pgn, p.Naam, p.Profile.Name, p.Status, p.Omschrijving, p.Profile.Overdrachtsoort))
        .ToList();

    /// <summary>The test pupil with this PGN, or null (the test school does not know the pupil).</summary>
    public static TestLeerling? Vind(string pgn) => Alle.FirstOrDefault(l => l.Pgn == pgn);
}
