using Oso.Conformance;

namespace Oso.Central.Qualification;

/// <summary>A conformance report a supplier submitted for its system's technical test (the signed JSON, as received).</summary>
internal sealed class ConformanceInzending
{
    public Guid Id { get; set; }
    public required string SysteemId { get; set; }
    public required string Rol { get; set; }
    public required string Target { get; set; }
    public DateTimeOffset Afgerond { get; set; }
    public int Passed { get; set; }
    public int Failed { get; set; }
    public int Skipped { get; set; }
    public bool Geslaagd { get; set; }
    public required byte[] Rapport { get; set; }
    public DateTimeOffset IngediendOp { get; set; }
    public required string IngediendDoor { get; set; }
    public BewijsStatus Status { get; set; }
    public string? Opmerking { get; set; }
    public DateTimeOffset? BeoordeeldOp { get; set; }
    public string? BeoordeeldDoor { get; set; }
}

/// <summary>A submitted conformance report with its scenarios, for the supplier and the reviewer.</summary>
public sealed record ConformanceInfo(Guid Id, string SysteemId, string Rol, string Target, DateTimeOffset Afgerond, int Passed, int Failed, int Skipped,
    bool Geslaagd, DateTimeOffset IngediendOp, string IngediendDoor, BewijsStatus Status, string? Opmerking, IReadOnlyList<ScenarioUitslag> Scenarios);
