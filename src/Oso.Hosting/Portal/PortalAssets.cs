using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Oso.Hosting.Portal;

/// <summary>
/// What both portals share: the stylesheet (embedded, served at <c>/assets/oso.css</c>: no CDN, no static-file
/// publishing step), the layout <c>_OsoLayout</c> (Pages/Shared), and the security headers every page gets.
/// </summary>
public static class PortalAssets
{
    /// <summary>The stylesheet's URL.</summary>
    public const string StylesheetPath = "/assets/oso.css";

    /// <summary>The session script's URL (<c>sessie.js</c>: the warning before a session ends, forms kept across signing in again).</summary>
    public const string SessionScriptPath = "/assets/sessie.js";

    private static readonly Lazy<byte[]> Stylesheet = new(() => Resource("oso.css"));

    private static readonly Lazy<byte[]> SessionScript = new(() => Resource("sessie.js"));

    /// <summary>Razor Pages from the host's assembly (and this library's shared layout), with antiforgery.</summary>
    public static IMvcBuilder AddOsoPortal(this IServiceCollection services, Assembly pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        return services.AddRazorPages(o =>
            {
                o.Conventions.ConfigureFilter(new Microsoft.AspNetCore.Mvc.AutoValidateAntiforgeryTokenAttribute());
                o.Conventions.ConfigureFilter(new UnknownHandlerFilter());
            })
            .AddApplicationPart(pages)
            .AddApplicationPart(typeof(PortalAssets).Assembly);
    }

    /// <summary>Serves the stylesheet and adds security headers to every portal response.</summary>
    public static IApplicationBuilder UseOsoPortalHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        headers["X-Content-Type-Options"] = "nosniff";
        headers["X-Frame-Options"] = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Content-Security-Policy"] = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
        // "no-cache, no-store" and Pragma as antiforgery sets them: with "no-store" alone, every page with a form made
        // antiforgery override the header and log a warning ("The 'Cache-Control' and 'Pragma' headers have been overridden")
        headers["Cache-Control"] = "no-cache, no-store";
        headers["Pragma"] = "no-cache";
        await next(context).ConfigureAwait(false);
    });

    /// <summary>Maps <c>/assets/oso.css</c> and <c>/assets/sessie.js</c>.</summary>
    public static IEndpointRouteBuilder MapOsoAssets(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(StylesheetPath, (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Bytes(Stylesheet.Value, "text/css; charset=utf-8");
        }).ExcludeFromDescription();
        endpoints.MapGet(SessionScriptPath, (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Bytes(SessionScript.Value, "text/javascript; charset=utf-8");
        }).ExcludeFromDescription();
        return endpoints;
    }

    private static byte[] Resource(string name)
    {
        using var stream = typeof(PortalAssets).Assembly.GetManifestResourceStream("Oso.Hosting.Portal." + name)
            ?? throw new InvalidOperationException(name + " is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
