namespace Oso.School.Audit;

/// <summary>
/// One record of the append-only, hash-chained audit log: who (staff user, LAS client, system, parent link) did what
/// to which pupil's data, for which school and why. Each record's hash covers the previous one, so removing or
/// changing a record breaks the chain. Pupils are referred to by our internal id, never by name or PGN.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>Position in the school's chain (1, 2, …).</summary>
    public long Sequence { get; init; }

    /// <summary>The school whose data it concerns.</summary>
    public required string Brin { get; init; }

    /// <summary>When.</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>Medewerker, Las, Systeem, Ouder or Node.</summary>
    public required string ActorKind { get; init; }

    /// <summary>Whether <see cref="Actor"/> names a person (a staff account or a parents' link): erased when the record is reduced.</summary>
    public static bool IsPersonal(string actorKind) => actorKind is "Medewerker" or "Ouder";

    /// <summary>The actor's id (user id, LAS client id, system id).</summary>
    public required string Actor { get; init; }

    /// <summary>What happened (e.g. <c>dossier.vrijgegeven</c>).</summary>
    public required string Action { get; init; }

    /// <summary>The pupil's internal id (pupil or aanmelding), if any.</summary>
    public string? PupilRef { get; init; }

    /// <summary>Why (Dutch).</summary>
    public required string Purpose { get; init; }

    /// <summary>Extra detail without personal data (e.g. the receiving BRIN).</summary>
    public string? Detail { get; init; }

    /// <summary>
    /// How <see cref="Hash"/> is made: 1 (records written before retention existed: every field in one hash) or 2 (the
    /// reducible fields — pupil id, and the actor's id when it is a person — hashed apart, with a salt, into
    /// <see cref="ReducibleHash"/>, so a reduced record still verifies). See ADR 0009.
    /// </summary>
    public int Format { get; init; } = 1;

    /// <summary>Format 2: a random salt (hex) for <see cref="ReducibleHash"/>; erased when the record is reduced.</summary>
    public string? Salt { get; init; }

    /// <summary>Format 2: SHA-256 over the salt and the reducible fields (hex); kept when they are erased.</summary>
    public string? ReducibleHash { get; init; }

    /// <summary>When retention reduced the record (pupil id and a person's id erased).</summary>
    public DateTimeOffset? ReducedAt { get; init; }

    /// <summary>The previous record's hash (hex; zeros for the first).</summary>
    public required string PreviousHash { get; init; }

    /// <summary>SHA-256 over this record and <see cref="PreviousHash"/> (hex).</summary>
    public required string Hash { get; init; }
}

/// <summary>The head of a school's chain: locked while a record is appended, so the chain stays linear with several instances.</summary>
public sealed class AuditHead
{
    /// <summary>The school.</summary>
    public required string Brin { get; init; }

    /// <summary>The last sequence number.</summary>
    public long Sequence { get; set; }

    /// <summary>The last hash.</summary>
    public required string Hash { get; set; }
}
