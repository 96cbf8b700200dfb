namespace Oso.School.Privacy;

/// <summary>Where a correction request stands.</summary>
public static class CorrectionStatus
{
    /// <summary>Waiting for the school.</summary>
    public const string Open = "Open";

    /// <summary>The school has answered (what it did is recorded).</summary>
    public const string Afgehandeld = "Afgehandeld";
}

/// <summary>
/// A request to correct (AVG art. 16) or object to (art. 21) what the dossier says about a pupil, filed by the parents
/// on their page or by staff on the parents' behalf; a task for the school until it records what was done. The texts
/// may name the child, so they are encrypted with the school's key.
/// </summary>
public sealed class CorrectionRequest
{
    /// <summary>Id.</summary>
    public Guid Id { get; init; }

    /// <summary>The school (bron).</summary>
    public required string Brin { get; init; }

    /// <summary>The pupil.</summary>
    public Guid PupilId { get; init; }

    /// <summary>What should be corrected and why, encrypted.</summary>
    public required byte[] Request { get; init; }

    /// <summary><c>ouders</c> (from the parents' page) or <c>school</c> (staff, on the parents' behalf).</summary>
    public required string Source { get; init; }

    /// <summary>Who filed it (actor text: a parents' link id or a staff account id).</summary>
    public required string CreatedBy { get; init; }

    /// <summary>When.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary><see cref="CorrectionStatus.Open"/> or <see cref="CorrectionStatus.Afgehandeld"/>.</summary>
    public required string Status { get; set; }

    /// <summary>What the school did, encrypted; set when handled.</summary>
    public byte[]? Outcome { get; set; }

    /// <summary>When handled.</summary>
    public DateTimeOffset? HandledAt { get; set; }

    /// <summary>Who handled it (actor text).</summary>
    public string? HandledBy { get; set; }
}
