namespace Oso.School.Bron;

/// <summary>A pupil whose dossier a school (as bron) keeps. Identifying data is encrypted; lookups use blind indexes.</summary>
public sealed class Pupil
{
    /// <summary>Our id (used in audit records instead of any personal number).</summary>
    public Guid Id { get; init; }

    /// <summary>The school.</summary>
    public required string Brin { get; init; }

    /// <summary>Blind index of the LAS's own pupil number.</summary>
    public required string LasIdIndex { get; init; }

    /// <summary>Blind index of the PGN (BSN or onderwijsnummer); null when the dossier has none.</summary>
    public string? PgnIndex { get; set; }

    /// <summary>Encrypted summary for people: name, birth date, PGN (JSON).</summary>
    public required byte[] Identity { get; set; }

    /// <summary>When the LAS first delivered the pupil.</summary>
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>The dossier as the school is composing it (one per pupil); a release freezes a copy.</summary>
public sealed class DossierDraft
{
    /// <summary>The pupil.</summary>
    public Guid PupilId { get; init; }

    /// <summary>The dossier XML, encrypted.</summary>
    public required byte[] Xml { get; set; }

    /// <summary>When it last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Who changed it (user, LAS client or parent link id).</summary>
    public required string UpdatedBy { get; set; }

    /// <summary>Errors by the official standard at the last change.</summary>
    public int Fouten { get; set; }

    /// <summary>Warnings (checks beyond the standard) at the last change.</summary>
    public int Waarschuwingen { get; set; }
}

/// <summary>A released (frozen) version of a dossier. Never changed: a change needs a new release.</summary>
public sealed class DossierRelease
{
    /// <summary>Id.</summary>
    public Guid Id { get; init; }

    /// <summary>The pupil.</summary>
    public Guid PupilId { get; init; }

    /// <summary>The school.</summary>
    public required string Brin { get; init; }

    /// <summary>1, 2, 3 … per pupil.</summary>
    public int Version { get; init; }

    /// <summary>The dossier XML as released, encrypted in one blob — releases stored before chunks; null when it is in <see cref="XmlChunks"/> chunks.</summary>
    public byte[]? Xml { get; init; }

    /// <summary>
    /// How many <see cref="Storage.StoredChunk"/>s (owner kind <see cref="Storage.StoredChunks.Release"/>) hold the XML; 0 for a
    /// release stored in one blob (<see cref="Xml"/>). Read it with <see cref="Crypto.ProtectedDossiers.ReleaseXml(Storage.SchoolStore, DossierRelease)"/>.
    /// </summary>
    public int XmlChunks { get; init; }

    /// <summary>OPTIONEEL categories switched off for this release (comma-separated).</summary>
    public string OptOut { get; init; } = "";

    /// <summary>When.</summary>
    public DateTimeOffset ReleasedAt { get; init; }

    /// <summary>By whom.</summary>
    public required string ReleasedBy { get; init; }

    /// <summary>Set when a newer release replaced this one.</summary>
    public DateTimeOffset? SupersededAt { get; set; }
}

/// <summary>A delivery of a dossier to another school (shown to parents: who received it, when).</summary>
public sealed class Disclosure
{
    /// <summary>Id.</summary>
    public Guid Id { get; init; }

    /// <summary>The pupil.</summary>
    public Guid PupilId { get; init; }

    /// <summary>The bron school.</summary>
    public required string Brin { get; init; }

    /// <summary>The release delivered.</summary>
    public Guid ReleaseId { get; init; }

    /// <summary>The receiving school.</summary>
    public required string DoelBrin { get; init; }

    /// <summary>The profile it was delivered under (POVO, …).</summary>
    public required string Profiel { get; init; }

    /// <summary>The session.</summary>
    public Guid SessieId { get; init; }

    /// <summary>When.</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>SHA-256 (lower-case hex) of the exact dossier bytes sent and signed.</summary>
    public string? DossierSha256 { get; init; }

    /// <summary>The doel system the Traffic Center named for the session (the one the dossier was handed to).</summary>
    public string? DoelSysteem { get; init; }

    /// <summary>The doel's signed ontvangstbevestiging (a <c>ds:Signature</c>, docs/protocol.md §4b), as it arrived; null before one did.</summary>
    public byte[]? Ontvangstbevestiging { get; set; }

    /// <summary>The receipt's status (<see cref="OntvangstStatus"/>); null: no receipt yet.</summary>
    public string? OntvangstStatus { get; set; }

    /// <summary>When the doel says it received the dossier (the receipt's signing time).</summary>
    public DateTimeOffset? OntvangenOp { get; set; }

    /// <summary>The doel system that signed the receipt.</summary>
    public string? OntvangenDoor { get; set; }
}

/// <summary>The status of a doel's ontvangstbevestiging on a <see cref="Disclosure"/>.</summary>
public static class OntvangstStatus
{
    /// <summary>Signed by the session's doel system over exactly the bytes sent: received and confirmed.</summary>
    public const string Bevestigd = "Bevestigd";

    /// <summary>A receipt came from the session's doel system, but its check failed (other bytes, signature, certificate).</summary>
    public const string Ongeldig = "Ongeldig";

    /// <summary>No receipt (yet): a doel of another implementation, or one that has not confirmed. Not stored: a null status.</summary>
    public const string GeenBevestiging = "GeenBevestiging";
}

/// <summary>A documentRequest this school received as bron, kept so the doel can be notified once the dossier is available.</summary>
public sealed class IncomingRequest
{
    /// <summary>Id.</summary>
    public Guid Id { get; init; }

    /// <summary>The bron school (this node's tenant).</summary>
    public required string Brin { get; init; }

    /// <summary>The bron aanleverpunt asked.</summary>
    public required string BronRouteringsKenmerk { get; init; }

    /// <summary>The session.</summary>
    public Guid SessieId { get; init; }

    /// <summary>The requesting school.</summary>
    public required string DoelBrin { get; init; }

    /// <summary>The requesting aanleverpunt.</summary>
    public required string DoelRouteringsKenmerk { get; init; }

    /// <summary>overstapdossier, overdrachtbinnenbrin or swv-dossier.</summary>
    public required string Overdrachtsoort { get; init; }

    /// <summary>Blind index of the PGN asked for (null for an SWV koppelsleutel request).</summary>
    public string? PgnIndex { get; init; }

    /// <summary>The doel's sector as the Traffic Center reported it.</summary>
    public string? DoelSector { get; init; }

    /// <summary>When it arrived.</summary>
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The aanvraagdatum of the request ("only if changed since"), if any.</summary>
    public DateTimeOffset? Aanvraagdatum { get; init; }

    /// <summary>The answer given (resultaat code).</summary>
    public required string Resultaat { get; set; }

    /// <summary>The pupil, when known.</summary>
    public Guid? PupilId { get; set; }

    /// <summary>Waiting for a release to notify the doel; set once a notification is queued.</summary>
    public bool AwaitingNotification { get; set; }

    /// <summary>When the doel was notified.</summary>
    public DateTimeOffset? NotifiedAt { get; set; }
}

/// <summary>
/// What the bron knows of a disclosure's receipt, for the LAS API, staff and parents.
/// </summary>
/// <param name="Status"><see cref="OntvangstStatus.Bevestigd"/>, <see cref="OntvangstStatus.Ongeldig"/> or <see cref="OntvangstStatus.GeenBevestiging"/>.</param>
/// <param name="Door">The doel system that signed the receipt.</param>
/// <param name="Op">When it says it received the dossier.</param>
public sealed record Ontvangst(string Status, string? Door, DateTimeOffset? Op)
{
    /// <summary>From a disclosure's columns (no receipt: <see cref="OntvangstStatus.GeenBevestiging"/>).</summary>
    public static Ontvangst Of(string? status, string? door, DateTimeOffset? op) =>
        status is null ? new(OntvangstStatus.GeenBevestiging, null, null) : new(status, door, op);
}
