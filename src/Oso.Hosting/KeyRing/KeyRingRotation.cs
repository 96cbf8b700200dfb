using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Oso.Hosting.KeyRing;

/// <summary>
/// Rotates a host's data-protection key ring (<c>DATA/keys</c>) while the host is stopped: a new key-encryption
/// certificate, every key re-wrapped under it (each file replaced at once), a new key that is the default from now on,
/// and then the old certificates deleted. No key is removed, so cookies, antiforgery tokens and secrets protected
/// before stay readable: nobody is signed out. A crash halfway leaves a ring that is still read whole (every
/// certificate a key needs is still there); running the rotation again completes it.
/// </summary>
public static class KeyRingRotation
{
    private static readonly XNamespace DataProtection = "http://schemas.asp.net/2015/03/dataProtection";

    /// <summary>Where a host keeps its ring.</summary>
    public static string KeysDirectory(string dataDirectory) => Path.Combine(dataDirectory, "keys");

    /// <summary>Rotates the ring of the host in <paramref name="dataDirectory"/>; refuses while the host runs.</summary>
    public static KeyRingRotated Rotate(string dataDirectory, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var directory = PrivateFiles.CreateDirectory(KeysDirectory(dataDirectory));
        using var exclusive = KeyRingLock.Exclusive(directory.FullName);
        using var old = KeyEncryptionCertificates.LoadOrCreate(directory.FullName);
        using var fresh = old.AddNewer(directory.FullName);

        var services = new ServiceCollection();
        services.AddSingleton(time);
        // the application name only separates purposes of protected data; key files do not carry it
        services.AddDataProtection().PersistKeysToFileSystem(directory)
            .ProtectKeysWithCertificate(fresh).UnprotectKeysWithAnyCertificate([.. old.All, fresh]);
        using var provider = services.BuildServiceProvider();

        var decryptor = new EncryptedXmlDecryptor(provider);
        var encryptor = new CertificateXmlEncryptor(fresh, NullLoggerFactory.Instance);
        var rewrapped = 0;
        foreach (var file in Directory.EnumerateFiles(directory.FullName, "key-*.xml").Order(StringComparer.Ordinal))
        {
            var key = XElement.Load(file);
            Rewrap(key, decryptor, encryptor);
            PrivateFiles.WriteAtomically(file, key.ToString());
            rewrapped++;
        }

        var now = time.GetUtcNow();
        var created = provider.GetRequiredService<IKeyManager>().CreateNewKey(now, now.AddDays(90));
        foreach (var (_, certificateFile, keyFile) in old.Pairs)
        {
            File.Delete(keyFile); // the private key first: a certificate without its key is ignored
            File.Delete(certificateFile);
        }
        return new KeyRingRotated(rewrapped, created.KeyId, fresh.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256), old.Pairs.Count);
    }

    private static void Rewrap(XElement key, EncryptedXmlDecryptor decryptor, CertificateXmlEncryptor encryptor)
    {
        foreach (var secret in key.Descendants(DataProtection + "encryptedSecret").ToList())
        {
            var type = (string?)secret.Attribute("decryptorType") ?? "";
            if (!type.StartsWith(typeof(EncryptedXmlDecryptor).FullName + ",", StringComparison.Ordinal))
                throw new InvalidOperationException($"Een sleutel in de sleutelring is versleuteld op een manier die deze opdracht niet kent ({type.Split(',')[0]}).");
            secret.ReplaceWith(Encrypted(decryptor.Decrypt(secret.Elements().Single()), encryptor));
        }
        // a secret written without encryption (a ring from before encryption at rest) is encrypted now
        foreach (var plain in key.Descendants().Where(e => (bool?)e.Attribute(DataProtection + "requiresEncryption") == true).ToList())
            plain.ReplaceWith(Encrypted(plain, encryptor));
    }

    private static XElement Encrypted(XElement plain, CertificateXmlEncryptor encryptor)
    {
        var info = encryptor.Encrypt(plain);
        return new XElement(DataProtection + "encryptedSecret", new XAttribute("decryptorType", info.DecryptorType.AssemblyQualifiedName!), info.EncryptedElement);
    }
}

/// <summary>What a ring rotation did.</summary>
/// <param name="Rewrapped">Keys re-wrapped under the new certificate.</param>
/// <param name="NewKey">The new default key.</param>
/// <param name="CertificateSha256">The new key-encryption certificate's SHA-256 fingerprint.</param>
/// <param name="RetiredCertificates">Old key-encryption certificates deleted.</param>
public sealed record KeyRingRotated(int Rewrapped, Guid NewKey, string CertificateSha256, int RetiredCertificates);
