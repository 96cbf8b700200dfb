using System.Security.Cryptography.X509Certificates;
using System.Text;
using Oso.Hosting.Certificates;
using Oso.Protocol.Security;

namespace Oso.Central.Certificates;

/// <summary>
/// Central's trust material. Development: the development CA in <c>DATA/ca</c> (created on first use) is the only
/// trust anchor and issues system certificates. Production: the anchors come from configured PEM files and Central
/// issues nothing.
/// </summary>
internal sealed class CentralCertificates : IDisposable
{
    private CentralCertificates(DevelopmentCertificateAuthority? ca, IReadOnlyList<X509Certificate2> anchors, string anchorPemPath)
    {
        Ca = ca;
        Anchors = anchors;
        AnchorPemPath = anchorPemPath;
    }

    /// <summary>The development CA, or null in production.</summary>
    public DevelopmentCertificateAuthority? Ca { get; }

    /// <summary>The trust anchors callers' certificates must chain to.</summary>
    public IReadOnlyList<X509Certificate2> Anchors { get; }

    /// <summary>A PEM file with every anchor (what school nodes configure).</summary>
    public string AnchorPemPath { get; }

    /// <summary>Every anchor as PEM text.</summary>
    public string AnchorsPem => string.Concat(Anchors.Select(a => a.ExportCertificatePem() + "\n"));

    public static CentralCertificates Load(CentralOptions options)
    {
        if (options.UsesDevelopmentCa)
        {
            var ca = DevelopmentCertificateAuthority.LoadOrCreate(options.CaDirectory, options.TimeProvider);
            return new CentralCertificates(ca, [X509CertificateLoader.LoadCertificate(ca.Certificate.RawData)],
                Path.Combine(options.CaDirectory, DevelopmentCertificateAuthority.CertificateFile));
        }
        var anchors = new List<X509Certificate2>();
        foreach (var file in options.TrustAnchorPems)
        {
            var collection = new X509Certificate2Collection();
            collection.ImportFromPemFile(file);
            anchors.AddRange(collection);
        }
        if (anchors.Count == 0) throw new InvalidOperationException("De geconfigureerde PEM-bestanden bevatten geen vertrouwensankers.");
        var tls = Directory.CreateDirectory(Path.Combine(options.DataDirectory, "tls"));
        var path = Path.Combine(tls.FullName, "anchors.pem");
        File.WriteAllText(path, string.Concat(anchors.Select(a => a.ExportCertificatePem() + "\n")), Encoding.ASCII);
        return new CentralCertificates(null, anchors, path);
    }

    /// <summary>The host's TLS material: development server certificate from the CA, or the configured PEM files.</summary>
    public HostTls ServerTls(CentralOptions options)
    {
        if (Ca is not null) return HostTls.Development(Path.Combine(options.DataDirectory, "tls"), Ca, options.TimeProvider, options.HostNames);
        if (options.ServerCertificatePem is null || options.ServerKeyPem is null)
            throw new InvalidOperationException("Met eigen vertrouwensankers zijn ook een servercertificaat en -sleutel (PEM) nodig.");
        return HostTls.FromFiles(options.ServerCertificatePem, options.ServerKeyPem, options.TrustAnchorPems);
    }

    public void Dispose()
    {
        Ca?.Dispose();
        foreach (var a in Anchors) a.Dispose();
    }
}
