using Oso.Protocol.Messages;

namespace Oso.Central.Register;

/// <summary>The sector of a school, as the Register knows it (and as sessiecontrole reports it to the bron).</summary>
public enum Sector
{
    /// <summary>Primair onderwijs.</summary>
    PO,

    /// <summary>Voortgezet onderwijs.</summary>
    VO,

    /// <summary>Speciaal onderwijs.</summary>
    SO,

    /// <summary>Samenwerkingsverband passend onderwijs.</summary>
    SWV,
}

/// <summary>Whether a school or system takes part in OSO.</summary>
public enum Deelname
{
    /// <summary>Takes part (subject to qualification and mandates).</summary>
    Actief,

    /// <summary>Revoked by the operator: every session involving it is refused.</summary>
    Ingetrokken,
}

/// <summary>A school board (bevoegd gezag).</summary>
internal sealed class Bestuur
{
    public required string Id { get; set; }
    public required string Naam { get; set; }
    public DateTimeOffset AangemaaktOp { get; set; }
}

/// <summary>A school (BRIN) with its vestigingen; the test school 00YY is one too.</summary>
internal sealed class School
{
    public required string Brin { get; set; }
    public required string Naam { get; set; }
    public string? Plaats { get; set; }
    public string? Gemeente { get; set; }
    public string? Provincie { get; set; }
    public Sector Sector { get; set; }
    public required string BestuurId { get; set; }
    public Deelname Deelname { get; set; }
    public string? IngetrokkenReden { get; set; }
    public DateTimeOffset? GekwalificeerdSinds { get; set; }
    public DateTimeOffset? GekwalificeerdTot { get; set; }
    public DateTimeOffset AangemaaktOp { get; set; }
    public List<Vestiging> Vestigingen { get; set; } = [];

    /// <summary>An SWV's own code (e.g. <c>PO2301</c>); null for a school.</summary>
    public string? SwvCode { get; set; }

    /// <summary>An SWV's region (its name in the national list of samenwerkingsverbanden); null for a school.</summary>
    public string? Regio { get; set; }
}

/// <summary>A school that belongs to a samenwerkingsverband: only its members may send that SWV a dossier.</summary>
internal sealed class SwvLid
{
    public required string SwvBrin { get; set; }
    public required string SchoolBrin { get; set; }
    public DateTimeOffset AangemaaktOp { get; set; }
}

/// <summary>A branch of a school (BRIN + two digits).</summary>
internal sealed class Vestiging
{
    public required string Brin { get; set; }
    public required string Code { get; set; }
    public required string Naam { get; set; }
    public string? Plaats { get; set; }
}

/// <summary>A supplier system (a LAS or a School node), identified by the id in its client certificates.</summary>
internal sealed class Systeem
{
    public required string Id { get; set; }
    public required string Naam { get; set; }
    public required string Leverancier { get; set; }
    public Deelname Deelname { get; set; }
    public string? IngetrokkenReden { get; set; }
    public DateTimeOffset? GekwalificeerdSinds { get; set; }

    /// <summary>How it qualified: the test exchange's session, or the operator.</summary>
    public string? KwalificatieBewijs { get; set; }

    public DateTimeOffset AangemaaktOp { get; set; }
}

/// <summary>A certificate issued to (or registered for) a system; revocation is kept here.</summary>
internal sealed class SysteemCertificaat
{
    /// <summary>Serial number, hex, upper case, no leading zeros.</summary>
    public required string Serienummer { get; set; }
    public required string Sha256 { get; set; }
    public required string SysteemId { get; set; }
    public required string Onderwerp { get; set; }
    public DateTimeOffset GeldigVan { get; set; }
    public DateTimeOffset GeldigTot { get; set; }
    public DateTimeOffset UitgegevenOp { get; set; }
    public DateTimeOffset? IngetrokkenOp { get; set; }
    public string? IngetrokkenReden { get; set; }
}

/// <summary>A board mandates a supplier system to exchange for one of its schools (BRIN), for a period.</summary>
internal sealed class Mandaat
{
    public Guid Id { get; set; }
    public required string BestuurId { get; set; }
    public required string Brin { get; set; }
    public required string SysteemId { get; set; }
    public DateOnly Van { get; set; }
    public DateOnly? Tot { get; set; }
    public DateTimeOffset AangemaaktOp { get; set; }
}

/// <summary>An aanleverpunt (endpoint) of a school: routeringskenmerk → https URL, run by a system.</summary>
internal sealed class AanleverpuntRecord
{
    public required string RouteringsKenmerk { get; set; }
    public required string Brin { get; set; }
    public required string Url { get; set; }
    public Uitwisseldoel Doel { get; set; }
    public required string SysteemId { get; set; }
    public DateOnly Van { get; set; }
    public DateOnly? Tot { get; set; }
    public DateTimeOffset AangemaaktOp { get; set; }

    public bool ActiefOp(DateOnly dag) => Van <= dag && (Tot is null || dag <= Tot);
}
