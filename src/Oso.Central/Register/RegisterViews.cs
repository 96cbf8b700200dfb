using Oso.Central.Qualification;
using Oso.Protocol.Messages;

namespace Oso.Central.Register;

/// <summary>A new school board.</summary>
/// <param name="Id">The board's id (e.g. its bevoegd-gezagnummer).</param>
/// <param name="Naam">Its name.</param>
public sealed record NieuwBestuur(string Id, string Naam);

/// <summary>A branch of a new school.</summary>
/// <param name="Code">Two digits.</param>
/// <param name="Naam">Its name.</param>
/// <param name="Plaats">Its town.</param>
public sealed record NieuweVestiging(string Code, string Naam, string? Plaats = null);

/// <summary>A new school.</summary>
/// <param name="Brin">BRIN (two digits, two capitals).</param>
/// <param name="Naam">Its name.</param>
/// <param name="Sector">PO, VO, SO or SWV.</param>
/// <param name="BestuurId">Its board.</param>
public sealed record NieuweSchool(string Brin, string Naam, Sector Sector, string BestuurId)
{
    /// <summary>Town.</summary>
    public string? Plaats { get; init; }

    /// <summary>Municipality (for a regional overview).</summary>
    public string? Gemeente { get; init; }

    /// <summary>Province.</summary>
    public string? Provincie { get; init; }

    /// <summary>Branches.</summary>
    public IReadOnlyList<NieuweVestiging> Vestigingen { get; init; } = [];

    /// <summary>An SWV's own code (e.g. <c>PO2301</c>: sector and region number); only for sector SWV.</summary>
    public string? SwvCode { get; init; }

    /// <summary>An SWV's region; only for sector SWV.</summary>
    public string? Regio { get; init; }
}

/// <summary>A new supplier system.</summary>
/// <param name="Id">The system id bound in its certificates (<c>urn:oso:systeem:&lt;id&gt;</c>).</param>
/// <param name="Naam">Product name.</param>
/// <param name="Leverancier">The supplier.</param>
public sealed record NieuwSysteem(string Id, string Naam, string Leverancier);

/// <summary>A board mandates a system for one of its schools.</summary>
/// <param name="BestuurId">The board.</param>
/// <param name="Brin">The school.</param>
/// <param name="SysteemId">The system.</param>
/// <param name="Van">First day.</param>
/// <param name="Tot">Last day (inclusive); null: open-ended.</param>
public sealed record NieuwMandaat(string BestuurId, string Brin, string SysteemId, DateOnly Van, DateOnly? Tot = null);

/// <summary>A new aanleverpunt.</summary>
/// <param name="RouteringsKenmerk">20 characters; holds the school's BRIN.</param>
/// <param name="Url">Absolute https URL of its SOAP endpoint.</param>
/// <param name="Doel">OV or SWV.</param>
/// <param name="SysteemId">The system that runs it.</param>
/// <param name="Van">First day.</param>
/// <param name="Tot">Last day (inclusive); null: open-ended.</param>
public sealed record NieuwAanleverpunt(string RouteringsKenmerk, string Url, Uitwisseldoel Doel, string SysteemId, DateOnly Van, DateOnly? Tot = null);

/// <summary>A board.</summary>
public sealed record BestuurInfo(string Id, string Naam);

/// <summary>A branch.</summary>
public sealed record VestigingInfo(string Code, string Naam, string? Plaats);

/// <summary>A school as the Register shows it.</summary>
public sealed record SchoolInfo(
    string Brin, string Naam, Sector Sector, string BestuurId, string? Plaats, string? Gemeente, string? Provincie, Deelname Deelname,
    KwalificatieStatus Kwalificatie, DateTimeOffset? GekwalificeerdSinds, DateTimeOffset? GekwalificeerdTot, IReadOnlyList<VestigingInfo> Vestigingen);

/// <summary>A samenwerkingsverband passend onderwijs as the Register shows it, with the schools that belong to it.</summary>
public sealed record SwvInfo(string Brin, string Naam, string? SwvCode, string? Regio, Deelname Deelname, KwalificatieStatus Kwalificatie,
    IReadOnlyList<string> Leden);

/// <summary>A supplier system.</summary>
public sealed record SysteemInfo(string Id, string Naam, string Leverancier, Deelname Deelname, DateTimeOffset? GekwalificeerdSinds, string? KwalificatieBewijs);

/// <summary>A mandate.</summary>
public sealed record MandaatInfo(Guid Id, string BestuurId, string Brin, string SysteemId, DateOnly Van, DateOnly? Tot, bool Geldig);

/// <summary>An aanleverpunt.</summary>
public sealed record AanleverpuntInfo(string RouteringsKenmerk, string Brin, string Url, Uitwisseldoel Doel, string SysteemId, DateOnly Van, DateOnly? Tot, bool Actief);

internal static class RegisterViews
{
    /// <summary>
    /// On the public list of qualified schools: taking part and qualified (also when the qualification expires soon).
    /// Not the test school 00YY: it is there for suppliers' test exchanges, not a school anyone transfers pupils to.
    /// </summary>
    public static bool OpenbaarGekwalificeerd(this SchoolInfo s) =>
        s.Deelname == Deelname.Actief && s.Kwalificatie is KwalificatieStatus.Gekwalificeerd or KwalificatieStatus.VerlooptBinnenkort
        && s.Brin != TestSchool.Testschool.Brin;

    public static SchoolInfo Info(this School s, DateTimeOffset nu) => new(s.Brin, s.Naam, s.Sector, s.BestuurId, s.Plaats, s.Gemeente, s.Provincie,
        s.Deelname, Kwalificatie.StatusVan(s, nu), s.GekwalificeerdSinds, s.GekwalificeerdTot,
        s.Vestigingen.OrderBy(v => v.Code, StringComparer.Ordinal).Select(v => new VestigingInfo(v.Code, v.Naam, v.Plaats)).ToList());

    public static SysteemInfo Info(this Systeem s) => new(s.Id, s.Naam, s.Leverancier, s.Deelname, s.GekwalificeerdSinds, s.KwalificatieBewijs);

    public static MandaatInfo Info(this Mandaat m, DateOnly vandaag) =>
        new(m.Id, m.BestuurId, m.Brin, m.SysteemId, m.Van, m.Tot, m.Van <= vandaag && (m.Tot is null || vandaag <= m.Tot));

    public static AanleverpuntInfo Info(this AanleverpuntRecord a, DateOnly vandaag) =>
        new(a.RouteringsKenmerk, a.Brin, a.Url, a.Doel, a.SysteemId, a.Van, a.Tot, a.ActiefOp(vandaag));
}
