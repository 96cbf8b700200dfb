using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Oso.Hosting.Certificates;

/// <summary>
/// Keeps ASP.NET Core's data-protection keys (cookies, antiforgery, 2FA tokens) in the host's data directory, in a
/// directory only the owner can read, and encrypted at rest with a key-encryption certificate made once for the host.
/// </summary>
public static class DataProtectionSetup
{
    /// <summary>Persists keys to <c>DATA/keys</c> (mode 700), encrypted with <c>DATA/keys/key-encryption.*.pem</c>.</summary>
    public static IServiceCollection AddOsoDataProtection(this IServiceCollection services, string dataDirectory, string applicationName)
    {
        var keys = Path.Combine(dataDirectory, "keys");
        var directory = Directory.CreateDirectory(keys);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(directory.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        services.AddDataProtection().PersistKeysToFileSystem(directory).SetApplicationName(applicationName)
            .ProtectKeysWithCertificate(KeyEncryptionCertificate(directory.FullName));
        return services;
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
        File.WriteAllText(certificate, created.ExportCertificatePem());
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var writer = new StreamWriter(new FileStream(key, options))) writer.Write(rsa.ExportPkcs8PrivateKeyPem());
        return HostTls.LoadPem(certificate, key);
    }
}
