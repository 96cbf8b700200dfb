using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Oso.Dossier.Validation;
using Oso.Hosting.Certificates;
using Oso.Hosting.Storage;
using Oso.School.Audit;
using Oso.School.Bron;
using Oso.School.Crypto;
using Oso.School.Doel;
using Oso.School.LasApi;
using Oso.School.Outbox;
using Oso.School.Parents;
using Oso.School.Portal;
using Oso.School.Portal.Doel;
using Oso.School.Portal.Dossiers;
using Oso.School.Protocol;
using Oso.School.Retention;
using Oso.School.Staff;
using Oso.School.Storage;
using Oso.School.Tenancy;

namespace Oso.School;

/// <summary>The School node's services, registered once for the host and for tests.</summary>
public static class SchoolServices
{
    /// <summary>Adds every service of the node (storage, crypto, audit, outbox, bron, doel, LAS API, background work).</summary>
    public static IServiceCollection AddSchoolNode(this IServiceCollection services, SchoolOptions options, string data, HostTls tls, NodeConnections connections)
    {
        services.AddSchoolStorage(options, data);
        services.AddSingleton(tls);
        services.AddOsoDataProtection(data, "OpenOSO-School");
        services.AddSingleton(connections);
        services.AddSingleton<BronDossiers>();
        services.AddSingleton<DocumentRequests>();
        services.AddSingleton<Aanmeldingen>();
        services.AddSingleton<Notifications>();
        services.AddSingleton<Swv.SwvDossiers>();
        services.AddSingleton<Swv.SwvInbox>();
        services.AddSingleton<IOutboxHandler>(sp => sp.GetRequiredService<Swv.SwvInbox>());
        services.AddSingleton<IOutboxHandler, Swv.SwvSender>();
        services.AddSingleton<Swv.SwvFeedback>();
        services.AddSingleton<LasAuthentication>();
        services.AddSingleton<IOutboxHandler, NotificationSender>();
        services.AddSingleton<IOutboxHandler, TransferRunner>();
        services.AddSingleton<IOutboxHandler, Webhooks>();
        services.AddSingleton<IOutboxHandler, RetentionPurge>();
        services.AddSingleton<IOutboxHandler, ParentMail>();
        services.AddSingleton<ParentLinks>();
        services.AddSingleton<ParentSession>();
        services.AddSingleton<PortalAddress>();
        services.AddSingleton<IMailTransport>(sp => string.IsNullOrWhiteSpace(options.Mail.SmtpHost)
            ? new PickupDirectoryTransport(Path.Combine(data, options.Mail.PickupDirectory), options.Mail.From, sp.GetRequiredService<TimeProvider>())
            : new SmtpTransport(options.Mail));
        services.AddSingleton<StaffAccess>();
        services.AddSingleton<DossierOverview>();
        services.AddSingleton<DoelOverview>();
        services.AddOptions<OutboxOptions>();
        services.AddSingleton<OutboxWorker>();
        services.AddSingleton<RevocationRefresher>();
        if (options.RunBackgroundWork)
        {
            services.AddHostedService(sp => sp.GetRequiredService<OutboxWorker>());
            services.AddHostedService(sp => sp.GetRequiredService<RevocationRefresher>());
            services.AddHostedService<RetentionScheduler>();
        }
        services.AddHttpClient("webhooks", c => c.Timeout = TimeSpan.FromSeconds(15));
        services.AddProblemDetails();
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "OpenOSO School — LAS-koppelvlak";
            document.Info.Description = "De API waarmee een leerlingadministratie (LAS) dossiers aanlevert, inzage vastlegt, vrijgeeft, aanmeldt, opvraagt en ontvangen dossiers importeert.";
            return Task.CompletedTask;
        }));
        return services;
    }

    /// <summary>
    /// The storage core: database, master key and per-school data keys, audit log, outbox queue, validator, node
    /// administration and staff accounts — enough for the admin commands, which work on the data directory without network.
    /// </summary>
    public static IServiceCollection AddSchoolStorage(this IServiceCollection services, SchoolOptions options, string data)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOsoDatabase<SchoolDbContext, SqliteSchoolDbContext, PostgresSchoolDbContext>(DatabaseOptions.From(options.Database, data, "school.db"));
        services.AddSingleton(_ => string.IsNullOrEmpty(options.MasterKey) ? MasterKey.LoadOrCreate(data) : MasterKey.FromBase64(options.MasterKey));
        services.AddSingleton<IDataKeySource, TenantKeySource>();
        services.AddSingleton<PupilDataProtector>();
        services.AddSingleton<ProtectedDossiers>();
        services.AddSingleton<SchoolStore>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<OutboxQueue>();
        services.AddSingleton(new DossierValidator());
        services.AddSingleton<SchoolAdmin>();
        services.AddIdentityCore<StaffUser>(StaffAccounts.ConfigureIdentity)
            .AddEntityFrameworkStores<SchoolDbContext>()
            .AddTokenProvider<TotpProvider>(TokenOptions.DefaultAuthenticatorProvider);
        services.AddSingleton<StaffAccounts>();
        return services;
    }
}
