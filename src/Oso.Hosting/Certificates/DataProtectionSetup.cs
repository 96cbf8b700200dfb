using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Oso.Hosting.Certificates;

/// <summary>
/// Keeps ASP.NET Core's data-protection keys (cookies, antiforgery, 2FA tokens) in the service's database, so every
/// instance of a service signs and reads the same cookies (a sign-in on one instance holds on the others). Each key's
/// XML is encrypted at rest with a key-encryption certificate made once in the data directory
/// (<c>DATA/keys/key-encryption.*.pem</c>, mode 600 in a directory of mode 700); the database holds only the encrypted
/// XML. Instances of one service share that certificate (a copy of the data directory's secrets), as they share the
/// database. Keys an earlier version kept as files in <c>DATA/keys</c> are copied into the database once.
/// </summary>
public static class DataProtectionSetup
{
    /// <summary>Persists keys to <typeparamref name="TContext"/>'s <c>DataProtectionKeys</c>, encrypted with <c>DATA/keys/key-encryption.*.pem</c>.</summary>
    public static IServiceCollection AddOsoDataProtection<TContext>(this IServiceCollection services, string dataDirectory, string applicationName)
        where TContext : DbContext, IDataProtectionKeyContext
    {
        var directory = KeysDirectory(dataDirectory);
        services.AddDataProtection().PersistKeysToDbContext<TContext>().SetApplicationName(applicationName)
            .ProtectKeysWithCertificate(KeyEncryptionCertificate(directory.FullName));
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
        var keys = Path.Combine(dataDirectory, "keys");
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

    private static DirectoryInfo KeysDirectory(string dataDirectory)
    {
        var directory = Directory.CreateDirectory(Path.Combine(dataDirectory, "keys"));
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(directory.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return directory;
    }

    private static X509Certificate2 KeyEncryptionCertificate(string directory)
    {
        var certificate = Path.Combine(directory, "key-encryption.crt.pem");
        var key = Path.Combine(directory, "key-encryption.key.pem");
        if (File.Exists(certificate) && File.Exists(key)) return HostTls.LoadPem(certificate, key);
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest("CN=OpenOSO data protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, true));
        var now = DateTimeOffset.FromUnixTimeSeconds(0).AddYears(56); // fixed validity: the certificate only carries a key, its dates are not checked
        using var created = request.CreateSelfSigned(now, now.AddYears(100));
        // the private key first, then the certificate: where the certificate file exists, its key is complete
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var writer = new StreamWriter(new FileStream(key, options))) writer.Write(rsa.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(certificate, created.ExportCertificatePem());
        return HostTls.LoadPem(certificate, key);
    }
}
