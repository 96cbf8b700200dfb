using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Oso.Hosting.Listeners;
using Oso.Protocol.Security;

namespace Oso.Hosting.Configuration;

/// <summary>
/// Development or production, decided by the certificates a host trusts, never by a flag someone may forget: a host
/// runs in development mode only when every trust anchor is a development CA (or none is configured and it uses its
/// own development CA), or when development is asked for explicitly. Production means HSTS on every portal response,
/// no API reference UI unless asked for, and no detailed error pages.
/// </summary>
public static class HostMode
{
    /// <summary>One year: the HSTS max-age sent in production.</summary>
    public const string StrictTransportSecurity = "max-age=31536000";

    /// <summary>Whether a host runs in development mode.</summary>
    /// <param name="configured">An explicit choice (<c>--ontwikkeling</c>, the setting <c>Development</c>); null: follow the certificates.</param>
    /// <param name="anchors">The trust anchors the host uses (the development CA's certificate in development).</param>
    public static bool IsDevelopment(bool? configured, IEnumerable<X509Certificate2> anchors)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        return configured ?? anchors.All(DevelopmentCertificateAuthority.IsDevelopmentCertificate);
    }

    /// <summary>
    /// The arguments every host's builder gets. The data directory is the content root, and ASP.NET Core would watch it
    /// (with every directory below it) to reload an <c>appsettings.json</c> there: every SQLite write woke that watcher (2–6 %
    /// of the Traffic Center's CPU samples in the profile of bench/results.md §7). Settings are read once, at start.
    /// </summary>
    public static string[] BuilderArgs => ["--hostBuilder:reloadConfigOnChange=false"];

    /// <summary>The ASP.NET Core environment name for the mode (Development turns on detailed error pages).</summary>
    public static string EnvironmentName(bool development) =>
        development ? Microsoft.Extensions.Hosting.Environments.Development : Microsoft.Extensions.Hosting.Environments.Production;

    /// <summary>Production: <c>Strict-Transport-Security</c> on every response of the portal listener.</summary>
    public static IApplicationBuilder UseStrictTransportSecurity(this IApplicationBuilder app, bool development)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (development) return app; // HSTS holds for a host name on every port: never for localhost in development
        return app.Use((context, next) =>
        {
            if (ListenerRoles.Of(context) == ListenerRole.Portal)
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers.StrictTransportSecurity = StrictTransportSecurity;
                    return Task.CompletedTask;
                });
            return next(context);
        });
    }
}
