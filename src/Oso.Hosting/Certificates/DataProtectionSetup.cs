using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Oso.Hosting.KeyRing;

namespace Oso.Hosting.Certificates;

/// <summary>
/// Keeps ASP.NET Core's data-protection keys (cookies, antiforgery, 2FA tokens) in the service's database, so every
/// instance of a service signs and reads the same cookies (a sign-in on one instance holds on the others). Each key's
/// XML is encrypted at rest with a key-encryption certificate kept in the data directory (<c>DATA/keys</c>, mode 700;
/// replaced by <see cref="KeyRingRotation"/>); the database holds only the encrypted XML. Instances of one service share
/// those certificates (a copy of the data directory's secrets), as they share the database. Keys an earlier version
/// kept as files in <c>DATA/keys</c> are copied into the database once.
/// </summary>
public static class DataProtectionSetup
{
    /// <summary>Persists keys to <typeparamref name="TContext"/>'s <c>DataProtectionKeys</c>, encrypted with the newest certificate in <c>DATA/keys</c>; a running host holds the ring in use (<see cref="KeyRingLock"/>).</summary>
    public static IServiceCollection AddOsoDataProtection<TContext>(this IServiceCollection services, string dataDirectory, string applicationName)
        where TContext : DbContext, IDataProtectionKeyContext
    {
        var directory = PrivateFiles.CreateDirectory(KeyRingRotation.KeysDirectory(dataDirectory));
        var certificates = KeyEncryptionCertificates.LoadOrCreate(directory.FullName);
        services.AddDataProtection().PersistKeysToDbContext<TContext>().SetApplicationName(applicationName)
            .ProtectKeysWithCertificate(certificates.Newest).UnprotectKeysWithAnyCertificate(certificates.All);
        services.AddSingleton(_ => KeyRingLock.Share(directory.FullName));
        services.AddHostedService(sp => new HoldKeyRing(sp.GetRequiredService<KeyRingLock>()));
        return services;
    }

    /// <summary>
    /// Copies the keys an earlier version kept as files (<c>DATA/keys/key-*.xml</c>, still encrypted) into the database when
    /// it holds none yet, so sign-ins and parents' sessions survive the upgrade. Run after the migrations, before serving.
    /// </summary>
    public static async Task ImportFileKeysAsync<TContext>(TContext db, string dataDirectory, CancellationToken cancellationToken)
        where TContext : DbContext, IDataProtectionKeyContext
    {
        ArgumentNullException.ThrowIfNull(db);
        var keys = KeyRingRotation.KeysDirectory(dataDirectory);
        if (!Directory.Exists(keys)) return;
        var files = Directory.GetFiles(keys, "key-*.xml");
        if (files.Length == 0 || await db.DataProtectionKeys.AnyAsync(cancellationToken).ConfigureAwait(false)) return;
        foreach (var file in files.Order(StringComparer.Ordinal))
            db.DataProtectionKeys.Add(new DataProtectionKey
            {
                FriendlyName = Path.GetFileNameWithoutExtension(file),
                Xml = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false),
            });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    // resolving the lock when the host starts takes it; the container releases it when the host is disposed
    private sealed class HoldKeyRing(KeyRingLock held) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            held.Dispose();
            return Task.CompletedTask;
        }
    }
}
