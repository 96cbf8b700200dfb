using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Oso.Dossier.Validation;
using Oso.Hosting.Accounts;
using Oso.Hosting.Certificates;
using Oso.Hosting.Mail;
using Oso.Hosting.Storage;
using Oso.School.Audit;
using Oso.School.Bron;
using Oso.School.Bulk;
using Oso.School.Crypto;
using Oso.School.Doel;
using Oso.School.LasApi;
using Oso.School.Mail;
using Oso.School.Outbox;
using Oso.School.Parents;
using Oso.School.Portal;
using Oso.School.Portal.Doel;
using Oso.School.Portal.Dossiers;
using Oso.School.Privacy;
using Oso.School.Protocol;
using Oso.School.Register;
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
        services.AddSingleton(connections);
        services.AddSingleton<BronDossiers>();
        services.AddSingleton<DocumentRequests>();
        services.AddSingleton<Aanmeldingen>();
        services.AddSingleton<Notifications>();
        services.AddSingleton<Swv.SwvDossiers>();
        services.AddSingleton<Swv.SwvMemberships>();
        services.AddSingleton<Swv.SwvInbox>();
        services.AddSingleton<IOutboxHandler>(sp => sp.GetRequiredService<Swv.SwvInbox>());
        services.AddSingleton<IOutboxHandler, Swv.SwvSender>();
        services.AddSingleton<Swv.SwvFeedback>();
        services.AddSingleton<LasAuthentication>();
        services.AddSingleton<LasIdempotency>();
        services.AddSingleton<IOutboxHandler, NotificationSender>();
        services.AddSingleton<IOutboxHandler, TransferRunner>();
        services.AddSingleton<IOutboxHandler, ReceiptSender>();
        services.AddSingleton<Receipts>();
        services.AddSingleton<IOutboxHandler, Webhooks>();
        services.AddSingleton<RetentionPurge>();
        services.AddSingleton<IOutboxHandler>(sp => sp.GetRequiredService<RetentionPurge>());
        services.AddSingleton<IDailyWork>(sp => sp.GetRequiredService<RetentionPurge>());
        services.AddSingleton<AuditAnchoring>();
        services.AddSingleton<IOutboxHandler>(sp => sp.GetRequiredService<AuditAnchoring>());
        services.AddSingleton<IDailyWork>(sp => sp.GetRequiredService<AuditAnchoring>());
        services.AddSingleton<StaffDigest>();
        services.AddSingleton<IOutboxHandler>(sp => sp.GetRequiredService<StaffDigest>());
        services.AddSingleton<IDailyWork>(sp => sp.GetRequiredService<StaffDigest>());
        services.AddSingleton<IOutboxHandler, StaffNotices>();
        services.AddSingleton<IOutboxHandler, StaffMail>();
        services.AddSingleton<DailyScheduler>();
        services.AddSingleton<IOutboxHandler, ParentMail>();
        services.AddSingleton<IOutboxHandler, DataKeyRekeying>();
        services.AddSingleton<IOutboxHandler, ParentReminder>();
        services.AddSingleton<IOutboxHandler, BulkRunner>();
        services.AddSingleton<BulkActions>();
        services.AddSingleton<ParentLinks>();
        services.AddSingleton<Corrections>();
        services.AddSingleton<PupilDeletion>();
        services.AddSingleton<AccessExport>();
        services.AddSingleton<DoelAccessExport>();
        services.AddSingleton<ParentSession>();
        services.AddSingleton<PortalAddress>();
        services.AddOsoMail(options.Mail, data);
        services.AddSingleton<StaffAccess>();
        services.AddSingleton<DossierOverview>();
        services.AddSingleton<Portal.Swv.SwvOverview>();
        services.AddSingleton<DoelOverview>();
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options.Outbox));
        services.AddSingleton<OutboxWorker>();
        services.AddMetrics();
        services.TryAddSingleton<Oso.Hosting.Telemetry.OsoMetrics>();
        services.AddSingleton<OutboxGauges>();
        services.AddSingleton<RevocationRefresher>();
        services.AddSingleton<RegisterCache>();
        if (options.RunBackgroundWork)
        {
            services.AddHostedService(sp => sp.GetRequiredService<OutboxWorker>());
            services.AddHostedService(sp => sp.GetRequiredService<RevocationRefresher>());
            services.AddHostedService(sp => sp.GetRequiredService<RegisterCache>());
            services.AddHostedService(sp => sp.GetRequiredService<DailyScheduler>());
        }
        services.AddHttpClient("webhooks", c => c.Timeout = TimeSpan.FromSeconds(15));
        services.AddProblemDetails(o => o.CustomizeProblemDetails = Oso.Hosting.Http.DutchProblems.Customize);
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
        // pooled: a transfer takes ~14 contexts (4 write turns, the reads); SchoolDbContext clears its own state (after-commit
        // actions) when disposed, EF Core resets the rest (bench/results.md §7, "The School node's share")
        services.AddOsoDatabase<SchoolDbContext, SqliteSchoolDbContext, PostgresSchoolDbContext>(DatabaseOptions.From(options.Database, data, "school.db"), pooled: true);
        services.AddSingleton(_ => string.IsNullOrEmpty(options.MasterKey) ? MasterKey.LoadOrCreate(data) : MasterKey.FromBase64(options.MasterKey));
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options.KeyRotation));
        services.AddSingleton<IDataKeySource, TenantKeySource>();
        services.AddSingleton<DataKeyRotation>();
        services.AddSingleton<PupilDataProtector>();
        services.AddSingleton<ProtectedDossiers>();
        services.AddSingleton<SchoolStore>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<AuditRetention>();
        services.AddSingleton<OutboxQueue>();
        services.AddSingleton(new DossierValidator());
        services.AddSingleton<SchoolAdmin>();
        // the data-protection keys also encrypt the staff's authenticator keys and recovery codes: the admin commands need them too
        services.AddOsoDataProtection<SchoolDbContext>(data, "OpenOSO-School");
        services.AddIdentityCore<StaffUser>(StaffAccounts.ConfigureIdentity)
            .AddEntityFrameworkStores<SchoolDbContext>()
            .AddOsoAccounts<StaffUser, SchoolDbContext>();
        services.AddSingleton<StaffAccounts>();
        return services;
    }
}
