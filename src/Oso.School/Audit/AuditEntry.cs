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
