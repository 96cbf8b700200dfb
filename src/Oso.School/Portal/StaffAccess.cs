using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Oso.School.Audit;
using Oso.School.Staff;
using Oso.School.Storage;

namespace Oso.School.Portal;

/// <summary>The signed-in staff member at one school.</summary>
/// <param name="UserId">The account.</param>
/// <param name="Naam">Their name.</param>
/// <param name="Email">Their login.</param>
/// <param name="School">The school of the page, with their role there.</param>
/// <param name="Scholen">Every school they work for on this node.</param>
public sealed record StaffContext(string UserId, string Naam, string Email, StaffSchool? School, IReadOnlyList<StaffSchool> Scholen)
{
    /// <summary>The audit actor.</summary>
    public Actor Actor => Actor.Medewerker(UserId);

    /// <summary>Beheerder of the page's school.</summary>
    public bool Beheerder => School?.Rol == StaffRol.Beheerder;
}

/// <summary>
/// Who is signed in, and may they see this school: resolved from the database on every request, so a role taken away
/// or an account removed stops at once (the cookie alone is never enough).
/// </summary>
public sealed class StaffAccess(SchoolStore store, StaffAccounts accounts)
{
    /// <summary>The signed-in staff member with the page's school (null when not signed in with two-factor authentication, or not working for it).</summary>
    public async Task<StaffContext?> ResolveAsync(ClaimsPrincipal user, string? brin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true || !user.HasClaim("amr", "mfa")) return null;
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is null) return null;
        string naam, email;
        await using (var db = store.Read())
        {
            var row = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new { u.Naam, u.Email }).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (row is null) return null;
            (naam, email) = (row.Naam, row.Email ?? "");
        }
        var schools = await accounts.SchoolsAsync(id, cancellationToken).ConfigureAwait(false);
        if (brin is null) return new StaffContext(id, naam, email, null, schools);
        var school = schools.FirstOrDefault(s => s.Brin == brin);
        return school is null ? null : new StaffContext(id, naam, email, school, schools);
    }
}
