using System.Security.Cryptography.X509Certificates;
using Oso.Protocol.Security;

namespace Oso.Hosting.Certificates;

/// <summary>
/// A host's TLS material: its server certificate (for both listeners) and the trust anchors that callers' client
/// certificates — and the servers it calls — must chain to. In development it comes from the development CA; in
/// production from configured PEM files (PKIoverheid).
/// </summary>
public sealed class HostTls : IDisposable
{
    private static readonly TimeSpan RenewBefore = TimeSpan.FromDays(30);

    private HostTls(X509Certificate2 serverCertificate, IReadOnlyList<X509Certificate2> anchors)
    {
        ServerCertificate = serverCertificate;
        TrustAnchors = anchors;
    }

    /// <summary>The server certificate, with its private key.</summary>
    public X509Certificate2 ServerCertificate { get; }

    /// <summary>The trust anchors.</summary>
    public IReadOnlyList<X509Certificate2> TrustAnchors { get; }

    /// <summary>
    /// Development: the server certificate in <paramref name="directory"/> (<c>server.crt.pem</c>/<c>server.key.pem</c>),
    /// issued by <paramref name="ca"/> when missing or within 30 days of expiry; the CA is the only trust anchor.
    /// </summary>
    public static HostTls Development(string directory, DevelopmentCertificateAuthority ca, TimeProvider time, IEnumerable<string>? names = null)
    {
        ArgumentNullException.ThrowIfNull(ca);
        ArgumentNullException.ThrowIfNull(time);
        Directory.CreateDirectory(directory);
        var certFile = Path.Combine(directory, "server.crt.pem");
        var keyFile = Path.Combine(directory, "server.key.pem");
        X509Certificate2? server = null;
        if (File.Exists(certFile) && File.Exists(keyFile))
        {
            server = LoadPem(certFile, keyFile);
            var issuedByCa = server.Issuer == ca.Certificate.Subject;
            if (!issuedByCa || server.NotAfter.ToUniversalTime() - time.GetUtcNow().UtcDateTime < RenewBefore)
            {
                server.Dispose();
                server = null;
            }
        }
        if (server is null)
        {
            server = ca.IssueServerCertificate(names);
            DevelopmentCertificateAuthority.SavePem(server, directory, "server");
        }
        return new HostTls(server, [X509CertificateLoader.LoadCertificate(ca.Certificate.RawData)]);
    }

    /// <summary>Production: a server certificate and key from PEM files, and trust anchors from PEM files.</summary>
    public static HostTls FromFiles(string certificatePem, string keyPem, IEnumerable<string> anchorPems)
    {
        var anchors = new List<X509Certificate2>();
        foreach (var path in anchorPems)
        {
            var collection = new X509Certificate2Collection();
            collection.ImportFromPemFile(path);
            anchors.AddRange(collection);
        }
        if (anchors.Count == 0) throw new InvalidOperationException("Geen vertrouwde basiscertificaten (trust anchors) geconfigureerd.");
        return new HostTls(LoadPem(certificatePem, keyPem), anchors);
    }

    /// <summary>Loads a certificate with its key from PEM files (re-imported so that every TLS stack accepts the key).</summary>
    public static X509Certificate2 LoadPem(string certificatePem, string keyPem)
    {
        using var pem = X509Certificate2.CreateFromPemFile(certificatePem, keyPem);
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
    }

    /// <summary>A validator for callers' client certificates (and for servers this host calls).</summary>
    public OsoCertificateValidator Validator(TimeProvider time, Func<CertificateRevocationList>? revocations = null) =>
        new(TrustAnchors, time, revocations);

    /// <inheritdoc />
    public void Dispose()
    {
        ServerCertificate.Dispose();
        foreach (var a in TrustAnchors) a.Dispose();
    }
}
