namespace Oso.School.Audit;

/// <summary>
/// A checkpoint of one school's audit chain that the node sent (or will send) to Central (issue 17 §3, docs/school.md
/// §5): the head's sequence number and hash, signed with the node's system certificate, and Central's signed
/// acknowledgement once it came. Holds no personal data.
/// </summary>
public sealed class AuditAnchor
{
    /// <summary>Id.</summary>
    public Guid Id { get; init; }

    /// <summary>The school.</summary>
    public required string Brin { get; init; }

    /// <summary>The head's sequence number when the checkpoint was taken.</summary>
    public long Sequence { get; init; }

    /// <summary>The head's hash (hex).</summary>
    public required string Hash { get; init; }

    /// <summary>When the checkpoint was taken (the node's clock).</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>The signed checkpoint (ds:Signature, UTF-8).</summary>
    public required byte[] Checkpoint { get; init; }

    /// <summary>Central's signed acknowledgement (ds:Signature, UTF-8); null while Central has not answered.</summary>
    public byte[]? Acknowledgement { get; set; }

    /// <summary>When Central received the checkpoint (from the acknowledgement).</summary>
    public DateTimeOffset? AnchoredAt { get; set; }

    /// <summary>Why Central refused the checkpoint (Dutch), when it did: it is not sent again.</summary>
    public string? Refusal { get; set; }
}
