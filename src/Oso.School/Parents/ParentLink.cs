namespace Oso.School.Parents;

/// <summary>
/// A personal, time-limited link a school sends to parents (or the pupil) for one pupil's dossier. The token itself
/// is never stored: only its SHA-256 (it is 256 random bits, so a fast hash is enough). The e-mail address is encrypted
/// with the school's key; until the mail and its reminder have gone out, the token waits encrypted too, and is erased
/// once the reminder went, the parents answered, or the link was revoked.
/// </summary>
public sealed class ParentLink
{
    /// <summary>Id (what the audit log names as the actor <c>Ouder</c>: never a name).</summary>
    public Guid Id { get; init; }

    /// <summary>The school.</summary>
    public required string Brin { get; init; }

    /// <summary>The pupil.</summary>
    public Guid PupilId { get; init; }

    /// <summary>SHA-256 of the token (hex).</summary>
    public required string TokenHash { get; init; }

    /// <summary>The address it goes to, encrypted.</summary>
    public required byte[] Email { get; init; }

    /// <summary>The token, encrypted, while the mail or its reminder is still to be sent; null afterwards.</summary>
    public byte[]? PendingToken { get; set; }

    /// <summary>When created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Who created it (actor text).</summary>
    public required string CreatedBy { get; init; }

    /// <summary>Until when the link works.</summary>
    public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>When the mail went out.</summary>
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>When the reminder before expiry went out.</summary>
    public DateTimeOffset? RemindedAt { get; set; }

    /// <summary>When the link was last opened.</summary>
    public DateTimeOffset? OpenedAt { get; set; }

    /// <summary>When the parents (or the pupil) last answered.</summary>
    public DateTimeOffset? RespondedAt { get; set; }

    /// <summary>Who answered: <c>ouders</c> or <c>leerling</c> (from 16, the pupil gives consent).</summary>
    public string? GegevenDoor { get; set; }

    /// <summary>When staff revoked the link.</summary>
    public DateTimeOffset? RevokedAt { get; set; }
}
