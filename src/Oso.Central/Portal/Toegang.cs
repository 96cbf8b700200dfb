using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Oso.Central.Accounts;
using Oso.Hosting.Portal;

namespace Oso.Central.Portal;

/// <summary>Who may open a page.</summary>
internal enum Toegang
{
    /// <summary>Everyone, also without signing in (the public pages and the sign-in steps).</summary>
    Iedereen,

    /// <summary>Signed in with the password, before two-factor authentication is set up (only the enrolment page).</summary>
    Aangemeld,

    /// <summary>A school's Mijn OSO account, for its own BRIN only.</summary>
    School,

    /// <summary>A board, for its own schools only.</summary>
    Bestuur,

    /// <summary>A supplier, for its own system only.</summary>
    Leverancier,

    /// <summary>An operator (servicedesk, qualification review).</summary>
    Beheerder,
}

/// <summary>Declares who may open a page. Every page must say it: a page without it fails (closed) instead of being public.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class VoorAttribute(Toegang toegang) : Attribute
{
    public Toegang Toegang { get; } = toegang;
}

/// <summary>
/// Checks every page request before anything else runs (also before antiforgery and model binding): the person is
/// read from the database on each request, so a blocked account, a changed role or a new security stamp stops at once.
/// Signed out (or the session ended): to the sign-in page, with the way back. Two-factor authentication not yet set up: to the enrolment page. Another role: to
/// "geen toegang". The scope (BRIN, board, system) is never taken from the URL: the pages read it from the account.
/// </summary>
internal sealed class ToegangFilter : IAsyncAuthorizationFilter
{
    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var toegang = context.ActionDescriptor.EndpointMetadata.OfType<VoorAttribute>().LastOrDefault()?.Toegang
            ?? throw new InvalidOperationException($"Pagina {context.ActionDescriptor.DisplayName} zegt niet voor wie ze is ([Voor(...)]).");
        var http = context.HttpContext;
        var gebruiker = await PortaalAanmelding.HuidigeAsync(http);
        if (toegang == Toegang.Iedereen) return;

        if (gebruiker is null)
        {
            var cookie = http.RequestServices.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(PortaalAanmelding.Schema);
            context.Result = new RedirectResult(PortalSessions.SignInUrl(http, cookie));
            return;
        }
        if (gebruiker.Status != AccountStatus.Actief)
        {
            await http.SignOutAsync(PortaalAanmelding.Schema);
            context.Result = new RedirectResult("/inloggen?melding=" + (gebruiker.Status == AccountStatus.Aangevraagd ? Meldingen.WachtOpVerificatie : Meldingen.Geblokkeerd));
            return;
        }
        if (!gebruiker.MetTweestaps)
        {
            if (toegang != Toegang.Aangemeld) context.Result = new RedirectResult("/tweestaps");
            return;
        }
        if (toegang == Toegang.Aangemeld) return;
        if (Rol(toegang) != gebruiker.Rol || (gebruiker.Rol != Accounts.Rol.Beheerder && string.IsNullOrEmpty(gebruiker.Scope)))
            context.Result = new RedirectResult("/geen-toegang");
    }

    private static Rol Rol(Toegang toegang) => toegang switch
    {
        Toegang.School => Accounts.Rol.School,
        Toegang.Bestuur => Accounts.Rol.Bestuur,
        Toegang.Leverancier => Accounts.Rol.Leverancier,
        _ => Accounts.Rol.Beheerder,
    };
}
