using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Oso.Central.Accounts;
using Oso.Central.Api;
using Oso.Central.Certificates;
using Oso.Central.Hosting;
using Oso.Central.Portal;
using Oso.Central.Qualification;
using Oso.Central.Register;
using Oso.Central.Storage;
using Oso.Central.TestSchool;
using Oso.Central.TrafficCenter;
using Oso.Hosting.Accounts;
using Oso.Hosting.Certificates;
using Oso.Hosting.Configuration;
using Oso.Hosting.Health;
using Oso.Hosting.Listeners;
using Oso.Hosting.Logging;
using Oso.Hosting.Mail;
using Oso.Hosting.Storage;
using Oso.Hosting.Telemetry;
using Oso.Protocol.Security;

namespace Oso.Central;

/// <summary>
/// Starts Central in-process: the portal and management API (HTTPS) and the protocol listener (HTTPS with a
/// required client certificate) serving the Traffic Center and the test school. Used by <c>oso central serve</c>,
/// <c>oso up</c> and the tests.
/// </summary>
public static class CentralHost
{
    /// <summary>Applies migrations, binds both listeners and starts serving; prints the URLs to <see cref="CentralOptions.Output"/>.</summary>
    public static async Task<CentralHandle> StartAsync(CentralOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        SettingsException.ThrowIfInvalid(options);
        DataDirectory.Prepare(options.DataDirectory); // private files from the first byte on
        // SQLite is for one running Central: a second one on the same file is refused before it touches anything
        var instanceLock = SqliteInstanceLock.Acquire(DatabaseOptions.From(options.Database, options.DataDirectory, "central.db"), "Central");
        try
        {
            return await StartLockedAsync(options, instanceLock, cancellationToken);
        }
        catch
        {
            instanceLock?.Dispose();
            throw;
        }
    }

    private static async Task<CentralHandle> StartLockedAsync(CentralOptions options, SqliteInstanceLock? instanceLock, CancellationToken cancellationToken)
    {
        // the listeners need the certificates and the validator before the app exists; the mode follows from the anchors
        var certificates = CentralCertificates.Load(options);
        var development = HostMode.IsDevelopment(options.Development, certificates.Anchors);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = HostMode.BuilderArgs,
            EnvironmentName = HostMode.EnvironmentName(development),
            ContentRootPath = options.DataDirectory,
            ApplicationName = "Oso.Central",
        });
        if (options.Logging is { } logging)
        {
            builder.Logging.ClearProviders();
            logging(builder.Logging);
        }
        else
        {
            builder.Logging.AddOsoConsole(options.LogFormat, options.TimeProvider).SetMinimumLevel(LogLevel.Warning);
        }

        builder.Services.AddCentralCore(options);
        builder.Services.AddCentralAuthentication();
        builder.Services.AddCentralApi();
        builder.Services.AddCentralPortal(options);
        builder.Services.AddOsoSignInRateLimits(options.RateLimit, ApiResults.TypePrefix + "te-veel-pogingen");
        builder.Services.AddOsoMail(options.Mail, options.DataDirectory);
        builder.Services.AddSingleton<MailLinks>();
        builder.Services.AddHostedService<MailQueueWorker<CentralDb>>();
        builder.Services.AddHostedService<Retention.CentralRetentionScheduler>();
        builder.Services.AddOsoTelemetry("openoso-central", options.Telemetry);
        builder.Services.AddOsoHealth<Storage.CentralDb>().AddCheck("certificaten", () => certificates.Anchors.Count > 0
            ? Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy($"{certificates.Anchors.Count} vertrouwensanker(s) geladen.")
            : Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy("Geen vertrouwensankers geladen."));
        options.Services?.Invoke(builder.Services);

        // the validator reads the revocation list from the app's services, which are there before the first handshake
        builder.Services.AddSingleton(certificates);
        var built = new BuiltServices();
        var validator = new OsoCertificateValidator(certificates.Anchors, options.TimeProvider,
            () => (built.Services ?? throw new InvalidOperationException("Central is nog niet gestart.")).GetRequiredService<RevocationCache>().Current());
        builder.Services.AddSingleton(validator);
        var tls = certificates.ServerTls(options);
        builder.Services.AddSingleton(new Anchors.Ankerondertekenaar(tls.ServerCertificate));
        var listeners = new ListenerOptions { Address = options.BindAddress, PortalPort = options.PortalPort, ProtocolPort = options.ProtocolPort };
        OsoListeners.Configure(builder, listeners, tls.ServerCertificate, validator);

        var app = builder.Build();
        try
        {
            return await StartAppAsync(app, built, options, certificates, tls, listeners, development, instanceLock, cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private static async Task<CentralHandle> StartAppAsync(WebApplication app, BuiltServices built, CentralOptions options, CentralCertificates certificates, HostTls tls,
        ListenerOptions listeners, bool development, SqliteInstanceLock? instanceLock, CancellationToken cancellationToken)
    {
        built.Services = app.Services;
        app.UseStrictTransportSecurity(development);
        options.Pipeline?.Invoke(app);
        app.MapOsoMetrics(options.Telemetry, development);
        app.UseCentralApi();
        app.UseCentralPortal();
        app.MapTrafficCenter();
        Anchors.AnkerApi.MapAnkers(app);
        Register.SwvKeuzeApi.MapSwvKeuze(app);
        app.MapTestschool();
        app.MapCertificatesApi();
        app.MapAccountsApi();
        app.MapRegisterApi();
        app.MapQualificationApi();
        app.MapSessionsApi();
        app.MapCentralOpenApi(development || options.ApiDocs);
        app.MapOsoHealth();
        app.MapCentralPortal();

        await CentralServices.PrepareAsync(app.Services, null, cancellationToken);
        await app.StartAsync(cancellationToken);
        var (portal, protocol) = OsoListeners.BoundUrls(app, listeners);
        (portal, protocol) = (Reachable(portal, options), Reachable(protocol, options));
        app.Services.GetRequiredService<MailLinks>().Portal = portal;
        // behind a load balancer every instance registers the test school at the balancer's address, not its own
        await CentralServices.PrepareAsync(app.Services, new Uri(options.PublicProtocolUrl ?? protocol, Testschool.Pad), cancellationToken);

        var handle = new CentralHandle(app, tls, portal, protocol, options, certificates.AnchorPemPath, instanceLock);
        DataDirectory.WarnWhenTooWide(options.DataDirectory, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Oso.Central"), options.Output);
        options.Output?.WriteLine(development ? "OSO Central draait (ontwikkeling)." : "OSO Central draait (productie).");
        options.Output?.WriteLine($"  Portaal en beheer-API: {portal}   (OpenAPI: {new Uri(portal, "openapi/v1.json")}; inloggen: {new Uri(portal, "inloggen")})");
        options.Output?.WriteLine($"  Protocol (mTLS):       {protocol}   (Traffic Center: {handle.TrafficCenterUrl})");
        options.Output?.WriteLine($"  Gegevens:              {options.DataDirectory}");
        options.Output?.WriteLine($"  Vertrouwensanker:      {certificates.AnchorPemPath}");
        return handle;
    }

    // the validator is made before the app, and reads the revocation list from the app's services once they exist
    private sealed class BuiltServices
    {
        public IServiceProvider? Services { get; set; }
    }

    /// <summary>
    /// The URL others use: the first configured host name when there is one (the test school's aanleverpunt is
    /// registered with it), and never the wildcard address a listener may be bound to.
    /// </summary>

    private static Uri Reachable(Uri bound, CentralOptions options)
    {
        var host = options.HostNames.Count > 0 ? options.HostNames[0]
            : bound.Host is "0.0.0.0" or "[::]" or "::" ? "localhost"
            : null;
        return host is null ? bound : new UriBuilder(bound) { Host = host }.Uri;
    }
}
