using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace Oso.School.Portal;

/// <summary>
/// A page of the school portal under <c>/scholen/{brin}</c>: only for a staff member of that school signed in with
/// two-factor authentication (some pages only for its beheerder). Anyone else gets 403 — the same answer whether the
/// school exists or not. Sets the shared layout's title, navigation and user.
/// </summary>
public abstract class PortalPageModel : PageModel
{
    /// <summary>The signed-in staff member at this school.</summary>
    public StaffContext Staff { get; private set; } = null!;

    /// <summary>The school's BRIN.</summary>
    public string Brin => Staff.School!.Brin;

    /// <summary>The school's sector (SO counts as PO).</summary>
    public string Sector => Staff.School!.Sector is "SO" ? "PO" : Staff.School.Sector;

    /// <summary>The errors of a submitted form.</summary>
    public FormErrors Errors { get; } = new();

    /// <summary>A message after a completed action (shown once).</summary>
    [TempData]
    public string? Bericht { get; set; }

    /// <summary>Only the school's beheerder.</summary>
    protected virtual bool BeheerderOnly => false;

    /// <summary>The page title.</summary>
    protected abstract string Titel { get; }

    /// <inheritdoc />
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var access = HttpContext.RequestServices.GetRequiredService<StaffAccess>();
        var staff = await access.ResolveAsync(User, RouteData.Values["brin"] as string, HttpContext.RequestAborted).ConfigureAwait(false);
        if (staff?.School is null || (BeheerderOnly && !staff.Beheerder))
        {
            context.Result = new StatusCodeResult(403);
            return;
        }
        Staff = staff;
        PortalLayout.Staff(ViewData, Titel, staff);
        await next().ConfigureAwait(false);
    }

    /// <summary>Redirects to a page of this school (after a POST: the browser's back and reload stay harmless).</summary>
    protected RedirectResult Naar(string path) => Redirect($"/scholen/{Brin}{path}");
}
