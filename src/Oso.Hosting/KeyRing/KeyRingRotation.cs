using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Oso.Hosting.KeyRing;

/// <summary>
/// Rotates a service's data-protection key ring (the keys in its database, their key-encryption certificates in
/// <c>DATA/keys</c>) while the service is stopped: a new key-encryption certificate, every key re-wrapped under it (in
/// one transaction), a new key that is the default from now on,
/// and then the old certificates deleted. No key is removed, so cookies, antiforgery tokens and secrets protected
/// before stay readable: nobody is signed out. A crash halfway leaves a ring that is still read whole (every
/// certificate a key needs is still there); running the rotation again completes it.
/// </summary>
public static class KeyRingRotation
{
    private static readonly XNamespace DataProtection = "http://schemas.asp.net/2015/03/dataProtection";

    /// <summary>Where a host keeps its key-encryption certificates (and, before the ring moved into the database, its keys).</summary>
    public static string KeysDirectory(string dataDirectory) => Path.Combine(dataDirectory, "keys");

    /// <summary>
    /// Rotates the ring of the service whose database <paramref name="db"/> opens and whose certificates lie in
    /// <paramref name="dataDirectory"/>; refuses while the service runs on this data directory. Every key is re-wrapped in
    /// one transaction, so a crash leaves either the old ring or the re-wrapped one (both readable: the old certificates go last).
    /// </summary>
    public static async Task<KeyRingRotated> RotateAsync<TContext>(string dataDirectory, TContext db, TimeProvider time, CancellationToken cancellationToken)
        where TContext : DbContext, IDataProtectionKeyContext
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var directory = PrivateFiles.CreateDirectory(KeysDirectory(dataDirectory));
        using var exclusive = KeyRingLock.Exclusive(directory.FullName);
        using var old = KeyEncryptionCertificates.LoadOrCreate(directory.FullName);
        using var fresh = old.AddNewer(directory.FullName);

        var repository = new DatabaseRing<TContext>(db);
        var services = new ServiceCollection();
        services.AddSingleton(time);
        // the application name only separates purposes of protected data; stored keys do not carry it
        services.AddDataProtection().AddKeyManagementOptions(o => o.XmlRepository = repository)
            .ProtectKeysWithCertificate(fresh).UnprotectKeysWithAnyCertificate([.. old.All, fresh]);
        using var provider = services.BuildServiceProvider();

        var decryptor = new EncryptedXmlDecryptor(provider);
        var encryptor = new CertificateXmlEncryptor(fresh, NullLoggerFactory.Instance);
        var rows = await db.DataProtectionKeys.OrderBy(k => k.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            var key = XElement.Parse(row.Xml ?? throw new InvalidOperationException($"Sleutel {row.FriendlyName} in de database is leeg."));
            Rewrap(key, decryptor, encryptor);
            row.Xml = key.ToString(SaveOptions.DisableFormatting);
        }
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

        var now = time.GetUtcNow();
        var created = provider.GetRequiredService<IKeyManager>().CreateNewKey(now, now.AddDays(90));
        foreach (var (_, certificateFile, keyFile) in old.Pairs)
        {
            File.Delete(keyFile); // the private key first: a certificate without its key is ignored
            File.Delete(certificateFile);
        }
        return new KeyRingRotated(rows.Count, created.KeyId, fresh.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256), old.Pairs.Count);
    }

    // the ring in the service's database, through the context the caller opened (the framework's own repository resolves one from a container)
    private sealed class DatabaseRing<TContext>(TContext db) : IXmlRepository
        where TContext : DbContext, IDataProtectionKeyContext
    {
        public IReadOnlyCollection<XElement> GetAllElements() =>
            [.. db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).AsEnumerable().Where(x => x is not null).Select(x => XElement.Parse(x!))];

        public void StoreElement(XElement element, string friendlyName)
        {
            db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
            db.SaveChanges();
        }
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
