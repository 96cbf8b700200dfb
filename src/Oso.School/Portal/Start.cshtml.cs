using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Oso.School.Portal;

/// <summary>The start page: the schools a staff member works for (straight to the school when there is one).</summary>
public sealed class StartModel(StaffAccess access) : PageModel
{
    /// <summary>The signed-in staff member.</summary>
    public StaffContext Staff { get; private set; } = null!;

    /// <summary>Shows the schools.</summary>
    public async Task<IActionResult> OnGetAsync()
    {
        var staff = await access.ResolveAsync(User, null, HttpContext.RequestAborted);
        if (staff is null) return StatusCode(403);
        if (staff.Scholen.Count == 1) return Redirect("/scholen/" + staff.Scholen[0].Brin);
        Staff = staff;
        PortalLayout.Plain(ViewData, "Uw scholen", staff.Naam);
        return Page();
    }
}
