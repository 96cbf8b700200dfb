namespace Oso.Central.Anchors;

/// <summary>
/// One anchored audit checkpoint (issue 17 §3): a school node's signed statement of its audit chain's head, and
/// Central's signed acknowledgement, in Central's own append-only hash chain (<see cref="Ankerketen"/>). Holds no
/// personal data: a BRIN, a system id, hashes and times.
/// </summary>
internal sealed class AnkerRecord
{
    /// <summary>Position in Central's chain (1, 2, …); a second writer with the same number fails and tries again.</summary>
    public long Id { get; set; }

    public required string Brin { get; set; }
    public required string SysteemId { get; set; }

    /// <summary>The node's head sequence number.</summary>
    public long Volgnummer { get; set; }

    /// <summary>The node's head hash (hex).</summary>
    public required string Hash { get; set; }

    /// <summary>When the node took the checkpoint (its clock).</summary>
    public DateTimeOffset Tijdstip { get; set; }

    /// <summary>When Central received it.</summary>
    public DateTimeOffset Ontvangen { get; set; }

    /// <summary>The node's signed checkpoint (ds:Signature).</summary>
    public required byte[] Controlepunt { get; set; }

    /// <summary>Central's signed acknowledgement (ds:Signature), returned again on a repeat.</summary>
    public required byte[] Bevestiging { get; set; }

    /// <summary>The previous anchor's <see cref="KetenHash"/> (zeros for the first).</summary>
    public required string VorigeKetenHash { get; set; }

    /// <summary>SHA-256 over this anchor's fields, both signed documents and <see cref="VorigeKetenHash"/> (hex).</summary>
    public required string KetenHash { get; set; }
}
