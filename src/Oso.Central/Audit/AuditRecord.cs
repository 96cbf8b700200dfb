namespace Oso.Central.Audit;

/// <summary>One operator (or administrator) action: who did what to which subject, when. Never pupil data.</summary>
internal sealed class AuditRecord
{
    public long Id { get; set; }
    public DateTimeOffset Tijd { get; set; }
    public required string Door { get; set; }
    public required string Actie { get; set; }
    public required string Onderwerp { get; set; }
    public string? Details { get; set; }

    /// <summary>When retention erased who acted and the details (null while the record is whole).</summary>
    public DateTimeOffset? IngekortOp { get; set; }
}
