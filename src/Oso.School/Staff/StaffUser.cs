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

    /// <summary>Which events this staff member is mailed about at this school (all by default).</summary>
    public StaffMailEvents MailEvents { get; set; } = StaffMailEvents.Alle;

    /// <summary>One mail a day with what happened, instead of one mail per event.</summary>
    public bool MailDigest { get; set; }
}

/// <summary>What staff can be mailed about (the school's beheerder chooses per staff member).</summary>
[Flags]
public enum StaffMailEvents
{
    /// <summary>Nothing.</summary>
    Geen = 0,

    /// <summary>Another school asked for a dossier that is not released yet (bron).</summary>
    Verzoek = 1,

    /// <summary>Parents answered through their personal link (bron).</summary>
    Reactie = 2,

    /// <summary>A requested dossier arrived, or its request ended without one (doel).</summary>
    Ontvangen = 4,

    /// <summary>Everything.</summary>
    Alle = Verzoek | Reactie | Ontvangen,
}
