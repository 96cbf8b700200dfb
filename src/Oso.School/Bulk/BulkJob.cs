namespace Oso.School.Bulk;

/// <summary>What a bulk action does to each chosen pupil.</summary>
public enum BulkKind
{
    /// <summary>Mail the parents a personal link to see and answer the dossier.</summary>
    OuderLinks,

    /// <summary>Release the dossier (when the parents have seen it and it has no errors).</summary>
    Vrijgeven,
}

/// <summary>Where one pupil of a bulk action stands.</summary>
public enum BulkItemState
{
    /// <summary>Still to do.</summary>
    Wachtrij,

    /// <summary>Done.</summary>
    Klaar,

    /// <summary>Not done, by design (the plan said why).</summary>
    Overgeslagen,

    /// <summary>Tried and failed (the reason says why; the others carry on).</summary>
    Mislukt,
}

/// <summary>
/// A bulk action a staff member confirmed (send the parents' links of a group, release all whose inzage is complete):
/// one row, with one <see cref="BulkJobItem"/> per chosen pupil carried out through the outbox, each on its own.
/// </summary>
public sealed class BulkJob
{
    /// <summary>Id.</summary>
    public Guid Id { get; init; }

    /// <summary>The school.</summary>
    public required string Brin { get; init; }

    /// <summary>What it does.</summary>
    public BulkKind Kind { get; init; }

    /// <summary>The staff member who confirmed it (their account id): the actor of every change it makes.</summary>
    public required string UserId { get; init; }

    /// <summary>When it was confirmed.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>What the list showed when it was chosen (e.g. "groep 8A"): no personal data.</summary>
    public string? Description { get; init; }
}

/// <summary>One pupil of a bulk action.</summary>
public sealed class BulkJobItem
{
    /// <summary>The action.</summary>
    public Guid JobId { get; init; }

    /// <summary>The pupil.</summary>
    public Guid PupilId { get; init; }

    /// <summary>Where it stands.</summary>
    public BulkItemState State { get; set; }

    /// <summary>What happened or why not, in Dutch, without personal data (no names, numbers or addresses).</summary>
    public string? Result { get; set; }

    /// <summary>When it was finished (done, skipped or failed).</summary>
    public DateTimeOffset? FinishedAt { get; set; }
}
