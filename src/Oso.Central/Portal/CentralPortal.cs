using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Oso.Hosting.Portal;

namespace Oso.Central.Portal;

/// <summary>
/// The Central portal: server-rendered Razor Pages on the portal listener (Mijn OSO, bestuur, leverancier, beheer and
/// the public list of qualified schools), on the shared frame of <see cref="PortalAssets"/>. People sign in with
/// password and TOTP; the portal's cookie is its own scheme, so the management API keeps accepting only bearer tokens
/// and client certificates.
/// </summary>
internal static class CentralPortal
{
    /// <summary>Largest form the portal reads (the evidence upload): up to this the page explains the 5 MB rule; beyond it a redirect does.</summary>
    public const long MaxUploadBytes = 20 * 1024 * 1024;

    public static IServiceCollection AddCentralPortal(this IServiceCollection services, CentralOptions options)
    {
        services.AddOsoPortal(typeof(CentralPortal).Assembly)
            .AddRazorPagesOptions(o =>
            {
                o.RootDirectory = "/Portal";
                o.Conventions.ConfigureFilter(new ToegangFilter());
            });
        // the shared layout lives in Oso.Hosting under /Pages/Shared; this portal's pages live under /Portal
        services.Configure<RazorViewEngineOptions>(o => o.PageViewLocationFormats.Add("/Pages/Shared/{0}" + RazorViewEngine.ViewExtension));

        services.AddAuthentication().AddCookie(PortaalAanmelding.Schema, o =>
        {
            Streng(o.Cookie, "__Host-OsoCentral");
            PortalSessions.Apply(o, options.Session); // 20 minutes idle, 10 hours at most, the way back after the end
            o.LogoutPath = "/uitloggen";
            o.AccessDeniedPath = "/geen-toegang";
        });
        // the cookie that carries "password accepted, TOTP code still to come" between the two sign-in steps
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o => Streng(o.Cookie, "__Host-OsoCentral-2fa"));
        services.AddAntiforgery(o => Streng(o.Cookie, "__Host-OsoCentral-af"));
        return services;
    }

    /// <summary>Security headers on the portal's pages (not on the API, the OpenAPI document or Scalar), and a Dutch answer to an upload that is far too large.</summary>
    public static WebApplication UseCentralPortal(this WebApplication app)
    {
        app.UseWhen(c => IsPortaal(c.Request.Path), portal =>
        {
            portal.UseOsoPortalHeaders(); // HSTS (production) is set for every portal response by HostMode
            portal.Use((c, next) =>
            {
                // a form far beyond the upload limit is answered before it is read (over HTTP/2 the browser stops sending
                // and shows the answer): back to the page it came from, with the Dutch message
                if (HttpMethods.IsPost(c.Request.Method) && c.Request.ContentLength > MaxUploadBytes)
                {
                    c.Response.Redirect(c.Request.Path + "?melding=" + Meldingen.TeGroot);
                    return Task.CompletedTask;
                }
                return next(c);
            });
        });
        return app;
    }

    public static WebApplication MapCentralPortal(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapOsoAssets();
        app.MapPortalSession(PortaalAanmelding.Schema);
        return app;
    }

    private static bool IsPortaal(PathString path) =>
        !path.StartsWithSegments("/api") && !path.StartsWithSegments("/openapi") && !path.StartsWithSegments("/scalar") && !path.StartsWithSegments("/oso");

    private static void Streng(CookieBuilder cookie, string naam)
    {
        cookie.Name = naam;                     // __Host-: only over HTTPS, for this host, path /
        cookie.Path = "/";
        cookie.HttpOnly = true;
        cookie.SecurePolicy = CookieSecurePolicy.Always;
        cookie.SameSite = SameSiteMode.Strict;
        cookie.IsEssential = true;
    }
}
