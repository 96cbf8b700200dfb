using Microsoft.AspNetCore.Identity;

namespace Oso.School.Staff;

/// <summary>
/// A staff member's account on this node (ASP.NET Core Identity user): login by e-mail address, password and TOTP.
/// What the person may do is per school (<see cref="StaffMembership"/>): one login can serve a person who works for
/// several schools on the node. Name and e-mail address are staff data, not pupil data.
/// </summary>
public sealed class StaffUser : IdentityUser
{
    /// <summary>The person's name (shown in the portal and in nothing a pupil's dossier carries).</summary>
    public string Naam { get; set; } = "";

    /// <summary>When the account was created.</summary>
    public DateTimeOffset AangemaaktOp { get; set; }
}

/// <summary>What a staff member may do at one school.</summary>
public enum StaffRol
{
    /// <summary>Works with the school's dossiers: compose, inzage, release, aanmeldingen, requests, received dossiers.</summary>
    Medewerker,

    /// <summary>Everything a medewerker does, and manages the school's staff.</summary>
    Beheerder,
}

/// <summary>A staff member's role at one school.</summary>
public sealed class StaffMembership
{
    /// <summary>The account.</summary>
    public required string UserId { get; init; }

    /// <summary>The school.</summary>
    public required string Brin { get; init; }

    /// <summary>The role.</summary>
    public StaffRol Rol { get; set; }

    /// <summary>When granted.</summary>
    public DateTimeOffset AangemaaktOp { get; init; }

    /// <summary>By whom (a staff user id, or <c>node</c> for the admin command).</summary>
    public required string AangemaaktDoor { get; init; }
}
