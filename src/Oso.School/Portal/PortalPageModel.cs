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

    /// <summary>
    /// The section the action was taken in (its id, e.g. <c>inzage</c>): the message is shown there, where the person
    /// looks, and focused; null shows it at the top of the page.
    /// </summary>
    [TempData]
    public string? BerichtBij { get; set; }

    /// <summary>The message for the top of the page (none when it belongs to a section).</summary>
    public string? BerichtBoven => BerichtBij is null ? Bericht : null;

    /// <summary>The message for a section, when it belongs there.</summary>
    public Bevestiging? BerichtIn(string section) => Bericht is { } text && BerichtBij == section ? new Bevestiging(text, "bericht-" + section) : null;

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

    /// <summary>
    /// Shows <paramref name="message"/> in the page's section <paramref name="section"/> after the redirect: it carries
    /// <c>autofocus</c>, so the browser focuses it and scrolls it into view. (No fragment in the address: a page opened at
    /// a fragment skips autofocus.)
    /// </summary>
    protected RedirectResult NaarBericht(string path, string section, string message)
    {
        Bericht = message;
        BerichtBij = section;
        return Naar(path);
    }
}

/// <summary>A confirmation shown where the action was taken.</summary>
/// <param name="Tekst">What happened.</param>
/// <param name="Id">The element's id (the redirect's fragment points at it).</param>
public sealed record Bevestiging(string Tekst, string Id);
