using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Oso.Central.Accounts;
using Oso.Central.Certificates;
using Oso.Central.Register;
using Oso.Central.Storage;
using Oso.Central.TestSchool;
using Oso.Central.TrafficCenter;
using Oso.Hosting.Accounts;
using Oso.Hosting.Certificates;
using Oso.Hosting.Storage;
using Oso.Protocol.Security;

namespace Oso.Central.Hosting;

/// <summary>What the host and the stand-alone admin (CLI) share: storage, certificates, the Traffic Center, the facade.</summary>
internal static class CentralServices
{
    public static IServiceCollection AddCentralCore(this IServiceCollection services, CentralOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(options.TimeProvider);
        // pooled: CentralDb keeps no state of its own (every Traffic Center call takes one context; see AddOsoDatabase)
        services.AddOsoDatabase<CentralDb, CentralSqliteDb, CentralPostgresDb>(DatabaseOptions.From(options.Database, options.DataDirectory, "central.db"), pooled: true);
        services.AddSingleton(_ => CentralCertificates.Load(options));
        services.AddSingleton<RevocationCache>();
        services.AddSingleton(sp => new OsoCertificateValidator(sp.GetRequiredService<CentralCertificates>().Anchors, options.TimeProvider,
            sp.GetRequiredService<RevocationCache>().Current));
        services.AddSingleton<RegisterCache>();
        services.AddSingleton<TrafficCenterService>();
        services.AddSingleton<Anchors.Ankerketen>();
        services.AddSingleton<Retention.CentralRetention>();
        services.AddSingleton<TestschoolDossiers>();
        services.AddSingleton<TestschoolService>();
        services.AddSingleton(sp => new CentralAdmin(sp, "beheer"));
        services.AddMetrics();
        Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddSingleton<Oso.Hosting.Telemetry.OsoMetrics>(services);
        // the data-protection keys also encrypt authenticator keys and recovery codes: the admin commands need the same ring
        services.AddOsoDataProtection<CentralDb>(options.DataDirectory, "OpenOSO.Central");
        return services;
    }

    /// <summary>Password and lockout rules for people's accounts.</summary>
    public static void ConfigureIdentity(IdentityOptions o) => Oso.Hosting.Portal.PortalAccounts.ConfigureIdentity(o);

    /// <summary>Applies migrations and makes sure the test school (00YY) exists, pointing at <paramref name="testschoolUrl"/> when given.</summary>
    public static async Task PrepareAsync(IServiceProvider services, Uri? testschoolUrl, CancellationToken ct)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<CentralDb>>().CreateDbContextAsync(ct);
        await DatabaseSetup.MigrateAsync(db, ct);
        // the keys first: the authenticator secrets are encrypted with them
        await DataProtectionSetup.ImportFileKeysAsync(db, services.GetRequiredService<CentralOptions>().DataDirectory, ct);
        await services.GetRequiredService<AuthenticatorSecrets>().MigrateAsync(db, ct);
        await TestschoolSeed.EnsureAsync(db, services.GetRequiredService<TimeProvider>(), testschoolUrl, ct);
    }
}
