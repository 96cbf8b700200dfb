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

    /// <summary>
    /// What a supplier system did or was refused at a school: actor <c>systeem {id}</c>, subject <c>school {brin}</c>. The
    /// BRIN (from a request's path, so of any length) is cut to 32 characters and the details to 2,000.
    /// </summary>
    public static AuditRecord VanSysteem(DateTimeOffset tijd, string systeem, string actie, string brin, string details) => new()
    {
        Tijd = tijd, Door = "systeem " + systeem, Actie = actie, Onderwerp = "school " + Cut(brin, 32), Details = Cut(details, 2000),
    };

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..max];
}
