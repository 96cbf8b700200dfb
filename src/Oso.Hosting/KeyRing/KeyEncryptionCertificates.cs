using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Oso.Hosting.Certificates;

namespace Oso.Hosting.KeyRing;

/// <summary>
/// The certificates that encrypt a host's data-protection keys at rest, kept beside the keys in <c>DATA/keys</c>: the
/// first one as <c>key-encryption.crt.pem</c>/<c>key-encryption.key.pem</c>, later ones (made by a rotation) as
/// <c>key-encryption.THUMBPRINT.crt.pem</c>/<c>.key.pem</c>. New keys are encrypted with the newest certificate; keys are
/// decrypted with any of them, so a ring that a rotation left half re-wrapped (a crash) is still read whole.
/// </summary>
public sealed class KeyEncryptionCertificates : IDisposable
{
    private const string Prefix = "key-encryption";

    private KeyEncryptionCertificates(IReadOnlyList<(X509Certificate2 Certificate, string CertificateFile, string KeyFile)> pairs) => Pairs = pairs;

    /// <summary>Every complete pair (certificate and key file), oldest first.</summary>
    public IReadOnlyList<(X509Certificate2 Certificate, string CertificateFile, string KeyFile)> Pairs { get; }

    /// <summary>The certificate new keys are encrypted with.</summary>
    public X509Certificate2 Newest => Pairs[^1].Certificate;

    /// <summary>All certificates, for decryption.</summary>
    public X509Certificate2[] All => [.. Pairs.Select(p => p.Certificate)];

    /// <summary>Loads the pairs in <paramref name="directory"/>, making the first one when there is none.</summary>
    public static KeyEncryptionCertificates LoadOrCreate(string directory)
    {
        var loaded = Load(directory);
        if (loaded.Pairs.Count > 0) return loaded;
        loaded.Dispose();
        Create(directory, Path.Combine(directory, Prefix + ".crt.pem"), Path.Combine(directory, Prefix + ".key.pem"), FirstNotBefore);
        return Load(directory);
    }

    /// <summary>Loads the complete pairs in <paramref name="directory"/> (a certificate whose key file is missing — a rotation interrupted while writing it — is left out).</summary>
    public static KeyEncryptionCertificates Load(string directory)
    {
        var pairs = new List<(X509Certificate2, string, string)>();
        foreach (var certificate in Directory.EnumerateFiles(directory, Prefix + "*.crt.pem"))
        {
            var key = certificate[..^".crt.pem".Length] + ".key.pem";
            if (!File.Exists(key)) continue;
            try
            {
                pairs.Add((HostTls.LoadPem(certificate, key), certificate, key));
            }
            catch (CryptographicException)
            {
                // a half-written pair from an interrupted rotation: not used for anything
            }
        }
        return new KeyEncryptionCertificates([.. pairs.OrderBy(p => p.Item1.NotBefore).ThenBy(p => p.Item2, StringComparer.Ordinal)]);
    }

    /// <summary>Makes a new pair, newer than every existing one, and writes it (certificate first, then the key: only a complete pair is used).</summary>
    public X509Certificate2 AddNewer(string directory)
    {
        var notBefore = Pairs.Count == 0 ? FirstNotBefore : new DateTimeOffset(Newest.NotBefore.ToUniversalTime(), TimeSpan.Zero).AddDays(1);
        var name = Prefix + "." + Guid.NewGuid().ToString("N")[..12];
        return Create(directory, Path.Combine(directory, name + ".crt.pem"), Path.Combine(directory, name + ".key.pem"), notBefore);
    }

    // the certificate only carries a key; its dates are not checked, and NotBefore orders the certificates
    private static readonly DateTimeOffset FirstNotBefore = DateTimeOffset.FromUnixTimeSeconds(0).AddYears(56);

    private static X509Certificate2 Create(string directory, string certificateFile, string keyFile, DateTimeOffset notBefore)
    {
        Directory.CreateDirectory(directory);
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest("CN=OpenOSO data protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, true));
        using var created = request.CreateSelfSigned(notBefore, notBefore.AddYears(100));
        PrivateFiles.WriteAtomically(certificateFile, created.ExportCertificatePem());
        PrivateFiles.WriteAtomically(keyFile, rsa.ExportPkcs8PrivateKeyPem());
        return HostTls.LoadPem(certificateFile, keyFile);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var pair in Pairs) pair.Certificate.Dispose();
    }
}
