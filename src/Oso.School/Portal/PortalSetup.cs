using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Oso.Dossier.Rendering;
using Oso.Hosting.Portal;
using Oso.School.Staff;

namespace Oso.School.Portal;

/// <summary>
/// The School portal on the portal listener: Razor Pages from this assembly's feature folders (<c>Portal/</c>,
/// <c>Staff/</c>, <c>Parents/</c>) in the shared OpenOSO frame, staff sign-in (password + TOTP, cookies), the parents'
/// session, error pages and the portal's own stylesheet and script — all served by the node, nothing from a CDN.
/// </summary>
public static class PortalSetup
{
    /// <summary>Signed in with two-factor authentication.</summary>
    public const string StaffPolicy = "Medewerker";

    private static readonly Lazy<byte[]> Stylesheet = new(() => System.Text.Encoding.UTF8.GetBytes(
        Resource("Oso.School.Portal.school.css") + "\n/* dossier view (Oso.Dossier) */\n" + DossierHtmlRenderer.StyleSheet));

    private static readonly Lazy<byte[]> ParentScript = new(() => System.Text.Encoding.UTF8.GetBytes(Resource("Oso.School.Parents.ouders.js")));

    private static readonly Lazy<byte[]> PortalScript = new(() => System.Text.Encoding.UTF8.GetBytes(Resource("Oso.School.Portal.portaal.js")));

    /// <summary>The portal's services (pages, sign-in, cookies).</summary>
    public static IServiceCollection AddSchoolPortal(this IServiceCollection services)
    {
        services.AddOsoPortal(typeof(PortalSetup).Assembly).AddRazorPagesOptions(o =>
        {
            o.RootDirectory = "/"; // pages live in feature folders, each with its own absolute route
            o.Conventions.AuthorizeFolder("/Portal", StaffPolicy);
            o.Conventions.AllowAnonymousToPage("/Portal/Fout");
            o.Conventions.AuthorizePage("/Staff/Medewerkers", StaffPolicy);
        });
        new IdentityBuilder(typeof(StaffUser), services).AddSignInManager();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies(cookies =>
        {
            cookies.ApplicationCookie!.Configure(o =>
            {
                o.Cookie.Name = "oso-school";
                o.Cookie.HttpOnly = true;
                o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.LogoutPath = "/uitloggen";
                o.AccessDeniedPath = "/fout/403";
            });
            cookies.TwoFactorUserIdCookie!.Configure(o =>
            {
                o.Cookie.Name = "oso-school-code";
                o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.ExpireTimeSpan = TimeSpan.FromMinutes(5);
            });
            cookies.ExternalCookie!.Configure(o => o.Cookie.SecurePolicy = CookieSecurePolicy.Always);
            cookies.TwoFactorRememberMeCookie!.Configure(o => o.Cookie.SecurePolicy = CookieSecurePolicy.Always);
        });
        // idle timeout and working-day limit from the node's settings, after Identity's own cookie events (the stamp check)
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme).Configure<SchoolOptions>((o, node) =>
        {
            PortalSessions.Apply(o, node.Session);
            // a session without the second factor is sent to sign in again, never to a dead-end "Geen toegang"
            var denied = o.Events.OnRedirectToAccessDenied;
            o.Events.OnRedirectToAccessDenied = c =>
            {
                if (c.HttpContext.User.HasClaim("amr", "mfa")) return denied(c);
                c.Response.Redirect(PortalSessions.SignInUrl(c.HttpContext, c.Options));
                return Task.CompletedTask;
            };
        });
        services.AddAuthorizationBuilder().AddPolicy(StaffPolicy, p => p.RequireAuthenticatedUser().RequireClaim("amr", "mfa"));
        // roles and the security stamp are checked every minute on the node's clock; the check keeps the second factor
        services.AddOptions<SecurityStampValidatorOptions>().Configure<TimeProvider>((o, time) =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            o.TimeProvider = time;
            o.OnRefreshingPrincipal = PortalSessions.KeepSignInMethod;
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "oso-school-formulier";
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.FormFieldName = "__formulier";
        });
        return services;
    }

    /// <summary>
    /// Security headers, error pages and sign-in for portal paths (not the LAS API, its documentation or the protocol):
    /// call before <c>UseRouting</c>, so an error page is routed like any page.
    /// </summary>
    public static IApplicationBuilder UseSchoolPortalPages(this IApplicationBuilder app)
    {
        app.UseWhen(c => IsPortalPath(c.Request.Path), branch =>
        {
            branch.UseOsoPortalHeaders();
            branch.UseExceptionHandler("/fout/500");
            branch.UseStatusCodePagesWithReExecute("/fout/{0}");
        });
        return app;
    }

    /// <summary>Maps the pages and the portal's assets.</summary>
    public static WebApplication MapSchoolPortal(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOsoAssets();
        app.MapGet("/portaal/school.css", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Bytes(Stylesheet.Value, "text/css; charset=utf-8");
        }).ExcludeFromDescription();
        app.MapGet("/ouders/ouders.js", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Bytes(ParentScript.Value, "text/javascript; charset=utf-8");
        }).ExcludeFromDescription();
        app.MapGet("/portaal/portaal.js", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Bytes(PortalScript.Value, "text/javascript; charset=utf-8");
        }).ExcludeFromDescription();
        app.MapPortalSession(IdentityConstants.ApplicationScheme);
        app.MapRazorPages();
        return app;
    }

    /// <summary>Everything but the LAS API, the OpenAPI document, Scalar, the health checks, the metrics and the protocol.</summary>
    internal static bool IsPortalPath(PathString path) =>
        !(path.StartsWithSegments("/api") || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/scalar")
          || path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics") || path.StartsWithSegments("/oso"));

    private static string Resource(string name)
    {
        using var stream = typeof(PortalSetup).Assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException(name + " is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
