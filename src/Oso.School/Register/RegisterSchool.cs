namespace Oso.School.Register;

/// <summary>
/// A qualified school as Central's public list names it, kept on the node (refreshed periodically, so staff can find a
/// previous school by name and place — also while Central cannot be reached). Public register data, not pupil data.
/// </summary>
public sealed class RegisterSchool
{
    /// <summary>BRIN.</summary>
    public required string Brin { get; init; }

    /// <summary>Name.</summary>
    public required string Naam { get; set; }

    /// <summary>PO, VO, SO, …</summary>
    public required string Sector { get; set; }

    /// <summary>Place.</summary>
    public string? Plaats { get; set; }

    /// <summary>Municipality.</summary>
    public string? Gemeente { get; set; }

    /// <summary>Province.</summary>
    public string? Provincie { get; set; }

    /// <summary>When this row was last confirmed by Central's list.</summary>
    public DateTimeOffset RefreshedAt { get; set; }
}
