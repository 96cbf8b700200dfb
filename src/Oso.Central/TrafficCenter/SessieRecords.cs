using Oso.Protocol.Messages;
using Oso.Protocol.Results;

namespace Oso.Central.TrafficCenter;

/// <summary>What a traced exchange is.</summary>
public enum SessieSoort
{
    /// <summary>An overdrachtRequest: a doel asks a dossier (granted or refused).</summary>
    Overdracht,

    /// <summary>A bron announced an SWV notificatie and received a koppelsleutel.</summary>
    SwvNotificatie,
}

/// <summary>Where a session stands.</summary>
public enum SessieStatus
{
    /// <summary>The overdracht was refused: no session id was handed out.</summary>
    Geweigerd,

    /// <summary>Granted and open (until afmelding or expiry).</summary>
    Open,

    /// <summary>The doel sent its afmelding.</summary>
    Afgemeld,
}

/// <summary>
/// A Traffic Center session (or a refused overdracht, so both schools can see why). Holds routing, the zoeksleutel
/// or koppelsleutel and outcomes — never a PGN or any other pupil data.
/// </summary>
internal sealed class Sessie
{
    public Guid Id { get; set; }
    public SessieSoort Soort { get; set; }
    public SessieStatus Status { get; set; }
    public required string BronBrin { get; set; }
    public string? BronRouteringsKenmerk { get; set; }
    public required string DoelBrin { get; set; }
    public required string DoelRouteringsKenmerk { get; set; }

    /// <summary>The system that asked (doel) or announced (bron, for an SWV notificatie).</summary>
    public required string SysteemId { get; set; }

    public Overdrachtsoort Overdrachtsoort { get; set; }
    public string? Zoeksleutel { get; set; }
    public Guid? Koppelsleutel { get; set; }
    public DateTimeOffset AangemaaktOp { get; set; }
    public DateTimeOffset VerlooptOp { get; set; }
    public DateTimeOffset? AfgemeldOp { get; set; }

    /// <summary>Refusal code (Geweigerd) or the beste resultaat of the afmelding.</summary>
    public ResultaatCode? Resultaat { get; set; }

    /// <summary>The bron aanleverpunt that gave the beste resultaat.</summary>
    public string? ResultaatAanleverpunt { get; set; }

    /// <summary>The W3C trace id of the call that opened the session: the doel's transfer, carried in <c>traceparent</c>.</summary>
    public string? TraceId { get; set; }
}

/// <summary>
/// One step of a trace: what was asked of the Traffic Center, by which system, and what it answered, with a Dutch
/// explanation that names who must act. Bron and doel BRIN are copied so each school finds its own steps.
/// </summary>
internal sealed class TraceStap
{
    public long Id { get; set; }
    public Guid? SessieId { get; set; }
    public DateTimeOffset Tijd { get; set; }
    public required string Stap { get; set; }
    public required string SysteemId { get; set; }
    public required string BronBrin { get; set; }
    public required string DoelBrin { get; set; }
    public string? Aanleverpunt { get; set; }

    /// <summary>Null when the step succeeded without a code (a granted session, a valid sessiecontrole).</summary>
    public ResultaatCode? Resultaat { get; set; }

    public bool Geslaagd { get; set; }
    public required string Toelichting { get; set; }
}

/// <summary>An SWV exchange: the koppelsleutel the TC handed to a bron school for a samenwerkingsverband.</summary>
internal sealed class Koppeling
{
    public Guid Koppelsleutel { get; set; }
    public Guid SessieId { get; set; }
    public required string SchoolBrin { get; set; }
    public required string SchoolRouteringsKenmerk { get; set; }
    public required string SwvBrin { get; set; }
    public required string SwvRouteringsKenmerk { get; set; }
    public DateTimeOffset AangemaaktOp { get; set; }
}
