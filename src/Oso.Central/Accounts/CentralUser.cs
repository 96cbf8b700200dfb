using Microsoft.AspNetCore.Identity;

namespace Oso.Central.Accounts;

/// <summary>What a person may do in the management API; each role is scoped to one school, board or system.</summary>
public enum Rol
{
    /// <summary>Operator of Central (servicedesk, qualification review).</summary>
    Beheerder,

    /// <summary>A school's Mijn OSO account, scoped to its BRIN.</summary>
    School,

    /// <summary>A school board (bevoegd gezag), scoped to the board.</summary>
    Bestuur,

    /// <summary>A supplier, scoped to one supplier system.</summary>
    Leverancier,
}

/// <summary>Whether a Mijn OSO account may be used.</summary>
public enum AccountStatus
{
    /// <summary>Registered by the school; waits for the operator's verification.</summary>
    Aangevraagd,

    /// <summary>Verified (or created by an operator).</summary>
    Actief,

    /// <summary>Blocked by the operator.</summary>
    Geblokkeerd,
}

/// <summary>A person with an account at Central (ASP.NET Core Identity user).</summary>
internal sealed class CentralUser : IdentityUser
{
    public string Naam { get; set; } = "";
    public Rol Rol { get; set; }

    /// <summary>The school (BRIN), board id or system id the role is scoped to; null for operators.</summary>
    public string? Scope { get; set; }

    public string? Telefoon { get; set; }
    public AccountStatus Status { get; set; }
    public DateTimeOffset AangemaaktOp { get; set; }
    public DateTimeOffset? GeverifieerdOp { get; set; }
    public string? GeverifieerdDoor { get; set; }
}
