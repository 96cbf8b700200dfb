using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Oso.Dossier.Validation;
using Oso.Hosting.Accounts;
using Oso.Hosting.Certificates;
using Oso.Hosting.Configuration;
using Oso.Hosting.Health;
using Oso.Hosting.Http;
using Oso.Hosting.Listeners;
using Oso.Hosting.Logging;
using Oso.Hosting.Telemetry;
using Oso.Hosting.Storage;
using Oso.Protocol.Security;
using Oso.School.Audit;
using Oso.School.Bron;
using Oso.School.Crypto;
using Oso.School.Doel;
using Oso.School.Health;
using Oso.School.LasApi;
using Oso.School.Outbox;
using Oso.School.Portal;
using Oso.School.Protocol;
using Oso.School.Retention;
using Oso.School.Staff;
using Oso.School.Storage;
using Oso.School.Tenancy;
using Scalar.AspNetCore;

namespace Oso.School;

/// <summary>
/// A running School node: the portal/LAS API listener (default 7410) and the protocol listener (7411, client
/// certificate required), one node serving many schools. Start it with <see cref="StartAsync"/>; dispose to stop.
/// </summary>
public sealed class SchoolNode : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HostTls _tls;
    private readonly SqliteInstanceLock? _instanceLock;

    private SchoolNode(WebApplication app, HostTls tls, Uri portal, Uri protocol, SchoolOptions options, bool development, SqliteInstanceLock? instanceLock)
    {
        _app = app;
        _instanceLock = instanceLock;
        Development = development;
        _tls = tls;
        PortalUrl = portal;
        ProtocolUrl = protocol;
        PublicProtocolUrl = options.PublicProtocolUrl ?? protocol;
    }

    /// <summary>The portal and LAS API.</summary>
    public Uri PortalUrl { get; }

    /// <summary>True in development mode (development CA or asked for); false in production (HSTS, no API reference UI).</summary>
    public bool Development { get; }

    /// <summary>The protocol listener as bound.</summary>
    public Uri ProtocolUrl { get; }

    /// <summary>The protocol listener as other schools reach it.</summary>
    public Uri PublicProtocolUrl { get; }

    /// <summary>The node's services (for administration in-process and for tests).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Node administration.</summary>
    public SchoolAdmin Admin => _app.Services.GetRequiredService<SchoolAdmin>();

    /// <summary>Staff accounts of the schools on the node.</summary>
    public StaffAccounts Staff => _app.Services.GetRequiredService<StaffAccounts>();

    /// <summary>The URL of an aanleverpunt on this node, to register at Central.</summary>
    public Uri AanleverpuntUrl(string routeringsKenmerk) => new(PublicProtocolUrl, "/oso/aanleverpunt/" + routeringsKenmerk);

    /// <summary>Starts a node: applies migrations, binds both listeners, starts background work.</summary>
    /// <param name="options">Settings.</param>
    /// <param name="configure">Extra service configuration (tests: a fake clock, log capture).</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    public static async Task<SchoolNode> StartAsync(SchoolOptions options, Action<IServiceCollection>? configure = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        SettingsException.ThrowIfInvalid(options);
        var data = DataDirectory.Prepare(options.DataDirectory); // private files from the first byte on
        // SQLite is for one running node: a second one on the same file is refused before it touches anything
        var instanceLock = SqliteInstanceLock.Acquire(DatabaseOptions.From(options.Database, data, "school.db"), "School-node");
        try
        {
            return await StartLockedAsync(options, data, instanceLock, configure, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            instanceLock?.Dispose();
            throw;
        }
    }

    private static async Task<SchoolNode> StartLockedAsync(SchoolOptions options, string data, SqliteInstanceLock? instanceLock,
        Action<IServiceCollection>? configure, CancellationToken cancellationToken)
    {
        var time = TimeProvider.System;
        var tls = CreateTls(options, data, time);
        var development = HostMode.IsDevelopment(options.Development, tls.TrustAnchors);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = HostMode.BuilderArgs, ContentRootPath = data, EnvironmentName = HostMode.EnvironmentName(development) });
        builder.Logging.AddOsoConsole(options.LogFormat, time);
        var services = builder.Services;
        var connections = new NodeConnections(options, tls, time); // before the app: Kestrel checks callers with its validator
        services.AddSchoolNode(options, data, tls, connections);
        services.AddSchoolPortal();
        services.AddOsoTelemetry("openoso-school", options.Telemetry);
        services.AddOsoHealth<SchoolDbContext>()
            .AddCheck<MasterKeyHealthCheck>("hoofdsleutel")
            .AddCheck<TrafficCenterHealthCheck>("traffic-center");
        services.AddSingleton<TrafficCenterHealthCheck>();
        services.AddOsoSignInRateLimits(options.RateLimit, "urn:oso:probleem:te-veel-pogingen");
        services.AddOsoRequestProblems("urn:oso:probleem:ongeldig-verzoek");
        configure?.Invoke(services);

        OsoListeners.Configure(builder, new ListenerOptions { Address = options.BindAddress, PortalPort = options.PortalPort, ProtocolPort = options.ProtocolPort },
            tls.ServerCertificate, connections.Validator);

        var app = builder.Build();
        try
        {
            return await StartAppAsync(app, options, data, tls, development, instanceLock, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<SchoolNode> StartAppAsync(WebApplication app, SchoolOptions options, string data, HostTls tls, bool development,
        SqliteInstanceLock? instanceLock, CancellationToken cancellationToken)
    {
        _ = app.Services.GetRequiredService<OutboxGauges>(); // registers the outbox gauges on the node's meter
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SchoolDbContext>();
            await DatabaseSetup.MigrateAsync(db, cancellationToken).ConfigureAwait(false);
            // the keys first: the authenticator secrets are encrypted with them
            await DataProtectionSetup.ImportFileKeysAsync(db, data, cancellationToken).ConfigureAwait(false);
            await app.Services.GetRequiredService<AuthenticatorSecrets>().MigrateAsync(db, cancellationToken).ConfigureAwait(false);
            await MasterKeyCheck.VerifyAsync(db, app.Services.GetRequiredService<MasterKey>(), cancellationToken).ConfigureAwait(false);
        }

        app.UseStrictTransportSecurity(development);
        app.MapOsoMetrics(options.Telemetry, development);
        DataDirectory.WarnWhenTooWide(data, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Oso.School"));
        app.UseSchoolPortalPages();
        // the LAS API: an unreadable request is a Dutch 400 (RequestProblems); a real fault a 500 problem without details
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = e => e is Microsoft.AspNetCore.Http.BadHttpRequestException bad ? bad.StatusCode : 500,
        }));
        app.UseRouting();
        app.UseRateLimiter();
        app.UseListenerSeparation();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseEndpointGates(); // the LAS key is checked before an endpoint reads the request
        app.MapSchoolProtocol(options.PublicProtocolUrl);
        var api = app.MapGroup("/api/v1/scholen/{brin}").WithGate(app.Services.GetRequiredService<LasAuthentication>()).WithTags("LAS-koppelvlak");
        api.MapBronApi();
        api.MapDoelApi();
        api.MapSwvApi();
        app.MapOsoHealth();
        // the first health check, kept for probes that use it: the process answers (as /health/live)
        app.MapGet("/health", () => Microsoft.AspNetCore.Http.Results.Ok(new { status = "ok" })).ExcludeFromDescription();
        app.MapOpenApi();
        if (development || options.ApiDocs) app.MapScalarApiReference();
        app.MapSchoolPortal();

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var (portal, protocol) = OsoListeners.BoundUrls(app, new ListenerOptions { Address = options.BindAddress, PortalPort = options.PortalPort, ProtocolPort = options.ProtocolPort });
        app.Services.GetRequiredService<PortalAddress>().Bound(portal);
        return new SchoolNode(app, tls, portal, protocol, options, development, instanceLock);
    }

    /// <summary>The node's TLS material: the configured server certificate and anchors, or (development) one issued by the development CA.</summary>
    public static HostTls CreateTls(SchoolOptions options, string data, TimeProvider time)
    {
        if (options.ServerCertificate is not null && options.ServerKey is not null)
            return HostTls.FromFiles(options.ServerCertificate, options.ServerKey, options.TrustAnchors);
        if (options.DevelopmentCaDirectory is null)
            throw new InvalidOperationException("Geen servercertificaat: geef --server-cert en --server-key (of, alleen in ontwikkeling, --dev-ca).");
        using var ca = DevelopmentCertificateAuthority.Load(options.DevelopmentCaDirectory, time);
        return HostTls.Development(Path.Combine(data, "tls"), ca, time);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _tls.Dispose();
        _instanceLock?.Dispose();
    }
}

/// <summary>Node administration on a data directory without starting the listeners (for the CLI).</summary>
public sealed class SchoolAdminSession : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private SchoolAdminSession(ServiceProvider services) => _services = services;

    /// <summary>The administration.</summary>
    public SchoolAdmin Admin => _services.GetRequiredService<SchoolAdmin>();

    /// <summary>Staff accounts.</summary>
    public StaffAccounts Staff => _services.GetRequiredService<StaffAccounts>();

    /// <summary>The storage services (keys, audit log, outbox queue) for administration beyond <see cref="Admin"/>.</summary>
    public IServiceProvider Services => _services;

    /// <summary>Opens the node's database (migrating it when needed).</summary>
    public static async Task<SchoolAdminSession> OpenAsync(SchoolOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var data = DataDirectory.Prepare(options.DataDirectory); // private files from the first byte on
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSchoolStorage(options, data);
        var provider = services.BuildServiceProvider();
        try
        {
            await using var scope = provider.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SchoolDbContext>();
            await DatabaseSetup.MigrateAsync(db, cancellationToken).ConfigureAwait(false);
            await DataProtectionSetup.ImportFileKeysAsync(db, data, cancellationToken).ConfigureAwait(false);
            await provider.GetRequiredService<AuthenticatorSecrets>().MigrateAsync(db, cancellationToken).ConfigureAwait(false);
            await MasterKeyCheck.VerifyAsync(db, provider.GetRequiredService<MasterKey>(), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await provider.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return new SchoolAdminSession(provider);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
