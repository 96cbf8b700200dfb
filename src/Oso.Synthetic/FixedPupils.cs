using Oso.Dossier.Codes;
using Oso.Dossier.Identifiers;
using Oso.Dossier.Model;
using Oso.Synthetic.Composition;

namespace Oso.Synthetic;

/// <summary>What a test school does with a fixed pupil's dossier when another school asks for it.</summary>
public enum FixedPupilStatus
{
    /// <summary>Released, and the parents have seen it: the test school hands the dossier over.</summary>
    Vrijgegeven,

    /// <summary>The school has the dossier but has not released (klaargezet) it.</summary>
    NietVrijgegeven,

    /// <summary>The parents have not seen the dossier yet (<c>inzage</c> false, a provisional dossier): it may not leave the school. Its dossier breaks OVa.IZ02 on purpose.</summary>
    GeenInzage,

    /// <summary>The test school does not know this pupil: there is no dossier.</summary>
    Onbekend,
}

/// <summary>
/// A named test pupil with a fixed name and number, for a test school that must answer the same way every time.
/// The number is a BSN from the test range 9999 (or an onderwijsnummer); a dossier for the samenwerkingsverband
/// leaves it out, as the profile demands, but the school knows the pupil by it.
/// </summary>
public sealed record FixedPupil
{
    internal FixedPupil(string key, SyntheticProfile profile, string[] voornamen, string? voorvoegsel, string achternaam, Code<Geslacht> geslacht,
        string pgn, FixedPupilStatus status, string omschrijving)
    {
        Key = key;
        Profile = profile;
        Voornamen = voornamen;
        Voorvoegsel = voorvoegsel;
        Achternaam = achternaam;
        Geslacht = geslacht;
        Pgn = pgn;
        Status = status;
        Omschrijving = omschrijving;
    }

    /// <summary>The stable key, e.g. <c>povo-niet-akkoord</c>.</summary>
    public string Key { get; }

    /// <summary>The profile of the pupil's dossier.</summary>
    public SyntheticProfile Profile { get; }

    /// <summary>The voornamen; the first is the roepnaam.</summary>
    public IReadOnlyList<string> Voornamen { get; }

    /// <summary>The voorvoegsel, or null.</summary>
    public string? Voorvoegsel { get; }

    /// <summary>The achternaam.</summary>
    public string Achternaam { get; }

    /// <summary>Sex (code list 14).</summary>
    public Code<Geslacht> Geslacht { get; }

    /// <summary>The BSN or onderwijsnummer (nine digits, valid).</summary>
    public string Pgn { get; }

    /// <summary>What the test school does.</summary>
    public FixedPupilStatus Status { get; }

    /// <summary>A Dutch description of the case.</summary>
    public string Omschrijving { get; }

    /// <summary>The name as used: <c>Sanne de Vries</c>.</summary>
    public string Naam => string.Join(' ', new[] { Voornamen[0], Voorvoegsel, Achternaam }.Where(p => p is not null));

    internal bool ParentsDisagree { get; init; }

    internal bool AdresGeheim { get; init; }
}

public static partial class SyntheticDossiers
{
    /// <summary>The reason the parents of <c>povo-niet-akkoord</c> give for disagreeing.</summary>
    public const string FixedDisagreement = "Wij vinden het schooladvies te laag en zijn het niet eens met de beschrijving van de werkhouding.";

    /// <summary>The fixed test pupils, one for each case a test school must answer.</summary>
    public static IReadOnlyList<FixedPupil> FixedPupils { get; } =
    [
        new("povo-akkoord", SyntheticProfile.Povo, ["Sanne", "Maria"], "de", "Vries", "1", "999991000", FixedPupilStatus.Vrijgegeven,
            "Groep 8 naar het voortgezet onderwijs; ouders hebben ingezien en zijn akkoord."),
        new("povo-niet-akkoord", SyntheticProfile.Povo, ["Milan"], null, "Jansen", "2", "999991073", FixedPupilStatus.Vrijgegeven,
            "Groep 8; ouders zijn het niet eens met het dossier, hun zienswijze gaat mee.") { ParentsDisagree = true },
        new("povo-onderwijsnummer", SyntheticProfile.Povo, ["Yara"], null, "Bakker", "1", "110000001", FixedPupilStatus.Vrijgegeven,
            "Groep 8, zonder BSN: bekend met een onderwijsnummer."),
        new("povo-adresgeheim", SyntheticProfile.Povo, ["Noah", "Pieter"], "van", "Dijk", "2", "999991140", FixedPupilStatus.Vrijgegeven,
            "Groep 8 met een geheim adres: geen adressen, geheime telefoonnummers.") { AdresGeheim = true },
        new("popo", SyntheticProfile.Popo, ["Fleur"], null, "Visser", "1", "999991218", FixedPupilStatus.Vrijgegeven,
            "Verhuist naar een andere basisschool."),
        new("vovo", SyntheticProfile.Vovo, ["Thijs", "Johannes"], "de", "Boer", "2", "999991280", FixedPupilStatus.Vrijgegeven,
            "Stapt over naar een andere school voor voortgezet onderwijs; met toestemming."),
        new("binnen-brin", SyntheticProfile.BinnenBrin, ["Lieke"], null, "Smit", "1", "999991358", FixedPupilStatus.Vrijgegeven,
            "Gaat naar een andere vestiging van dezelfde school."),
        new("poswv", SyntheticProfile.Poswv, ["Finn"], null, "Mulder", "2", "999991425", FixedPupilStatus.Vrijgegeven,
            "Aanvraag van de basisschool bij het samenwerkingsverband (zonder BSN in het dossier)."),
        new("voswv", SyntheticProfile.Voswv, ["Julia"], "de", "Graaf", "1", "999991498", FixedPupilStatus.Vrijgegeven,
            "Aanvraag van de vo-school bij het samenwerkingsverband (zonder BSN in het dossier)."),
        new("niet-vrijgegeven", SyntheticProfile.Povo, ["Sem"], null, "Bos", "2", "999991565", FixedPupilStatus.NietVrijgegeven,
            "Groep 8; het dossier is er, maar de school heeft het nog niet vrijgegeven."),
        new("geen-inzage", SyntheticProfile.Povo, ["Tess"], null, "Meijer", "1", "999991632", FixedPupilStatus.GeenInzage,
            "Groep 8; ouders hebben het dossier nog niet ingezien, dus het mag de school niet uit."),
        new("onbekend", SyntheticProfile.Povo, ["Daan"], null, "Vos", "2", "999991772", FixedPupilStatus.Onbekend,
            "Onbekend bij de testschool: er is geen dossier."),
    ];

    /// <summary>
    /// The dossier of a fixed pupil (<see cref="FixedPupils"/>) at the test school (BRIN 00YY; vestiging 00 primary,
    /// 01 secondary) unless <see cref="SyntheticOptions.School"/> says otherwise. Name, number and case are fixed; the
    /// rest is as stable as <see cref="Create"/> for a given reference date.
    /// </summary>
    /// <exception cref="ArgumentException">No fixed pupil has this key, or the pupil is <see cref="FixedPupilStatus.Onbekend"/>.</exception>
    public static Dossier.Model.Dossier Fixed(string key, DateOnly referenceDate, SyntheticOptions? options = null)
    {
        var pupil = FixedPupils.SingleOrDefault(p => p.Key == key) ?? throw new ArgumentException($"There is no fixed pupil '{key}'.", nameof(key));
        if (pupil.Status == FixedPupilStatus.Onbekend)
            throw new ArgumentException($"The fixed pupil '{key}' is unknown to the test school and has no dossier.", nameof(key));
        options ??= SyntheticOptions.Default;
        Check(pupil.Profile, options);
        options = options with { School = options.School ?? Schools.Test(pupil.Profile.Sector ?? Sector.Po) };
        var bsn = Bsn.IsValid(pupil.Pgn);
        var identity = new PupilIdentity(pupil.Voornamen, pupil.Voorvoegsel, pupil.Achternaam, pupil.Geslacht,
            bsn ? pupil.Pgn : null, bsn ? null : pupil.Pgn, pupil.AdresGeheim);
        var dossier = DossierComposer.Compose(pupil.Profile, SyntheticIds.Seed(key), referenceDate, options, identity: identity);
        if (dossier.Inzage is not { } inzage) return dossier;
        return dossier with
        {
            Inzage = pupil.Status == FixedPupilStatus.GeenInzage
                ? new Ouderinzage { Voorlopigdossier = true, Inzage = false }
                : inzage with
                {
                    Akkoord = pupil.ParentsDisagree ? "Nee" : "Ja",
                    Redennietakkoord = pupil.ParentsDisagree ? FixedDisagreement : null,
                },
        };
    }
}
