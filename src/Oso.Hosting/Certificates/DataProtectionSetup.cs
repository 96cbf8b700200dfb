using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Oso.Hosting.KeyRing;

namespace Oso.Hosting.Certificates;

/// <summary>
/// Keeps ASP.NET Core's data-protection keys (cookies, antiforgery, 2FA tokens) in the host's data directory, in a
/// directory only the owner can read, and encrypted at rest with a key-encryption certificate made once for the host
/// (and replaced by <see cref="KeyRingRotation"/>).
/// </summary>
public static class DataProtectionSetup
{
    /// <summary>Persists keys to <c>DATA/keys</c> (mode 700), encrypted with <c>DATA/keys/key-encryption.*.pem</c>; a running host holds the ring in use (<see cref="KeyRingLock"/>).</summary>
    public static IServiceCollection AddOsoDataProtection(this IServiceCollection services, string dataDirectory, string applicationName)
    {
        var directory = PrivateFiles.CreateDirectory(KeyRingRotation.KeysDirectory(dataDirectory));
        var certificates = KeyEncryptionCertificates.LoadOrCreate(directory.FullName);
        services.AddDataProtection().PersistKeysToFileSystem(directory).SetApplicationName(applicationName)
            .ProtectKeysWithCertificate(certificates.Newest).UnprotectKeysWithAnyCertificate(certificates.All);
        services.AddSingleton(_ => KeyRingLock.Share(directory.FullName));
        services.AddHostedService(sp => new HoldKeyRing(sp.GetRequiredService<KeyRingLock>()));
        return services;
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
