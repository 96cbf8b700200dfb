namespace Oso.School.Tenancy;

/// <summary>A school served by this node (one node, many schools: a LAS vendor hosts it for its customers).</summary>
public sealed class SchoolTenant
{
    /// <summary>The school's BRIN.</summary>
    public required string Brin { get; init; }

    /// <summary>The school's name.</summary>
    public required string Naam { get; set; }

    /// <summary>PO, VO, SO or SWV.</summary>
    public required string Sector { get; set; }

    /// <summary>The place (for people).</summary>
    public string? Plaats { get; set; }

    /// <summary>The id of the current data key (new writes use it; the keys themselves are in <c>DataKeys</c>).</summary>
    public int DataKeyId { get; set; }

    /// <summary>
    /// The blind-index key, wrapped by the node's master key; it outlives data-key rotation (indexes are lookups, not
    /// ciphertexts). Null for a school added before rotation existed that has not been rotated yet: its index key is
    /// then derived from data key 1.
    /// </summary>
    public byte[]? WrappedIndexKey { get; set; }

    /// <summary>OPTIONEEL categories the school never sends (its default opt-outs), comma-separated category names.</summary>
    public string OptOut { get; set; } = "";

    /// <summary>Whom parents ask about privacy (the school's privacy officer, AVG art. 13 and 37): a name or role; null when not set.</summary>
    public string? PrivacyContactName { get; set; }

    /// <summary>The privacy officer's e-mail address (null when not set).</summary>
    public string? PrivacyContactEmail { get; set; }

    /// <summary>The privacy officer's telephone number (null when not set).</summary>
    public string? PrivacyContactPhone { get; set; }

    /// <summary>When the school was added.</summary>
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>An aanleverpunt of a school on this node: where other schools send documentRequests and notificaties.</summary>
public sealed class NodeAanleverpunt
{
    /// <summary>The 20-character routeringskenmerk.</summary>
    public required string RouteringsKenmerk { get; init; }

    /// <summary>The school.</summary>
    public required string Brin { get; init; }

    /// <summary>OV or SWV.</summary>
    public required string Doel { get; init; }

    /// <summary>False when retired.</summary>
    public bool Active { get; set; } = true;
}
