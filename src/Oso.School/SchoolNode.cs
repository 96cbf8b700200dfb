using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Oso.Dossier.Validation;
using Oso.Hosting.Certificates;
using Oso.Hosting.Listeners;
using Oso.Hosting.Storage;
using Oso.Protocol.Security;
using Oso.School.Audit;
using Oso.School.Bron;
using Oso.School.Crypto;
using Oso.School.Doel;
using Oso.School.LasApi;
using Oso.School.Outbox;
using Oso.School.Protocol;
using Oso.School.Retention;
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

    private SchoolNode(WebApplication app, HostTls tls, Uri portal, Uri protocol, SchoolOptions options)
    {
        _app = app;
        _tls = tls;
        PortalUrl = portal;
        ProtocolUrl = protocol;
        PublicProtocolUrl = options.PublicProtocolUrl ?? protocol;
    }

    /// <summary>The portal and LAS API.</summary>
    public Uri PortalUrl { get; }

    /// <summary>The protocol listener as bound.</summary>
    public Uri ProtocolUrl { get; }

    /// <summary>The protocol listener as other schools reach it.</summary>
    public Uri PublicProtocolUrl { get; }

    /// <summary>The node's services (for administration in-process and for tests).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Node administration.</summary>
    public SchoolAdmin Admin => _app.Services.GetRequiredService<SchoolAdmin>();

    /// <summary>The URL of an aanleverpunt on this node, to register at Central.</summary>
    public Uri AanleverpuntUrl(string routeringsKenmerk) => new(PublicProtocolUrl, "/oso/aanleverpunt/" + routeringsKenmerk);

    /// <summary>Starts a node: applies migrations, binds both listeners, starts background work.</summary>
    /// <param name="options">Settings.</param>
    /// <param name="configure">Extra service configuration (tests: a fake clock, log capture).</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    public static async Task<SchoolNode> StartAsync(SchoolOptions options, Action<IServiceCollection>? configure = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var data = Path.GetFullPath(options.DataDirectory);
        Directory.CreateDirectory(data);
        var time = TimeProvider.System;
        var tls = CreateTls(options, data, time);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = data, EnvironmentName = Environments.Production });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning).AddFilter("System.Net.Http", LogLevel.Warning);
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(tls);
        services.AddOsoDatabase<SchoolDbContext, SqliteSchoolDbContext, PostgresSchoolDbContext>(DatabaseOptions.From(options.Database, data, "school.db"));
        services.AddOsoDataProtection(data, "OpenOSO-School");
        services.AddSingleton(_ => string.IsNullOrEmpty(options.MasterKey) ? MasterKey.LoadOrCreate(data) : MasterKey.FromBase64(options.MasterKey));
        services.AddSingleton<IDataKeySource, TenantKeySource>();
        services.AddSingleton<PupilDataProtector>();
        services.AddSingleton<ProtectedDossiers>();
        services.AddSingleton<SchoolStore>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<OutboxQueue>();
        services.AddSingleton(new DossierValidator());
        var connections = new NodeConnections(options, tls, time); // before the app: Kestrel checks callers with its validator
        services.AddSingleton(connections);
        services.AddSingleton<SchoolAdmin>();
        services.AddSingleton<BronDossiers>();
        services.AddSingleton<DocumentRequests>();
        services.AddSingleton<Aanmeldingen>();
        services.AddSingleton<Notifications>();
        services.AddSingleton<LasAuthentication>();
        services.AddSingleton<IOutboxHandler, NotificationSender>();
        services.AddSingleton<IOutboxHandler, TransferRunner>();
        services.AddSingleton<IOutboxHandler, Webhooks>();
        services.AddSingleton<IOutboxHandler, RetentionPurge>();
        services.AddOptions<OutboxOptions>();
        services.AddSingleton<OutboxWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxWorker>());
        services.AddHostedService<RevocationRefresher>();
        services.AddHostedService<RetentionScheduler>();
        services.AddHttpClient("webhooks", c => c.Timeout = TimeSpan.FromSeconds(15));
        services.AddProblemDetails();
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "OpenOSO School — LAS-koppelvlak";
            document.Info.Description = "De API waarmee een leerlingadministratie (LAS) dossiers aanlevert, inzage vastlegt, vrijgeeft, aanmeldt, opvraagt en ontvangen dossiers importeert.";
            return Task.CompletedTask;
        }));
        configure?.Invoke(services);

        OsoListeners.Configure(builder, new ListenerOptions { PortalPort = options.PortalPort, ProtocolPort = options.ProtocolPort },
            tls.ServerCertificate, connections.Validator);

        var app = builder.Build();
        await using (var scope = app.Services.CreateAsyncScope())
            await DatabaseSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<SchoolDbContext>(), cancellationToken).ConfigureAwait(false);

        app.UseRouting();
        app.UseListenerSeparation();
        app.MapSchoolProtocol();
        var api = app.MapGroup("/api/v1/scholen/{brin}").AddEndpointFilter<LasAuthentication>().WithTags("LAS-koppelvlak");
        api.MapBronApi();
        api.MapDoelApi();
        app.MapGet("/health", () => Microsoft.AspNetCore.Http.Results.Ok(new { status = "ok" })).ExcludeFromDescription();
        app.MapOpenApi();
        app.MapScalarApiReference();

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var (portal, protocol) = OsoListeners.BoundUrls(app, new ListenerOptions { PortalPort = options.PortalPort, ProtocolPort = options.ProtocolPort });
        return new SchoolNode(app, tls, portal, protocol, options);
    }

    private static HostTls CreateTls(SchoolOptions options, string data, TimeProvider time)
    {
        if (options.ServerCertificate is not null && options.ServerKey is not null)
            return HostTls.FromFiles(options.ServerCertificate, options.ServerKey, options.TrustAnchors);
        if (options.DevelopmentCaDirectory is null)
            throw new InvalidOperationException("Geen servercertificaat: stel Oso:School:ServerCertificate en ServerKey in (of, in ontwikkeling, DevelopmentCaDirectory).");
        using var ca = DevelopmentCertificateAuthority.Load(options.DevelopmentCaDirectory, time);
        return HostTls.Development(Path.Combine(data, "tls"), ca, time);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _tls.Dispose();
    }
}
