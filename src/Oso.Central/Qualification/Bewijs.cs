namespace Oso.Central.Qualification;

/// <summary>Where evidence for a checklist item stands.</summary>
public enum BewijsStatus
{
    /// <summary>Submitted; waits for the operator.</summary>
    Ingediend,

    /// <summary>Approved by the operator.</summary>
    Goedgekeurd,

    /// <summary>Rejected by the operator (with a remark).</summary>
    Afgewezen,
}

/// <summary>Evidence a school submitted for one checklist item: a document or a signed statement.</summary>
internal sealed class Bewijs
{
    public Guid Id { get; set; }
    public required string Brin { get; set; }
    public required string ItemCode { get; set; }
    public BewijsSoort Soort { get; set; }

    /// <summary>Document: the file name as uploaded (cut to 200 characters).</summary>
    public string? Bestandsnaam { get; set; }
    public string? ContentType { get; set; }
    public byte[]? Inhoud { get; set; }

    /// <summary>Statement: its text, and who signed it.</summary>
    public string? Verklaring { get; set; }
    public string? OndertekendDoor { get; set; }
    public string? Functie { get; set; }

    public DateTimeOffset IngediendOp { get; set; }
    public required string IngediendDoor { get; set; }
    public BewijsStatus Status { get; set; }
    public string? Opmerking { get; set; }
    public DateTimeOffset? BeoordeeldOp { get; set; }
    public string? BeoordeeldDoor { get; set; }
}
