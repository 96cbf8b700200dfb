using System.Security.Cryptography.X509Certificates;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Security;

namespace Oso.Cli.Tests.Hosting;

/// <summary>
/// A stand-in for a real CA (PKIoverheid): not marked as a development CA, so hosts that trust it run in production
/// mode. Writes <c>ca.crt.pem</c>, <c>server.*.pem</c> and, per system, <c>ID.crt.pem</c>/<c>ID.key.pem</c>.
/// </summary>
internal sealed class TestPki : IDisposable
{
    private readonly DevelopmentCertificateAuthority _ca;

    public TestPki(string directory, string organisation = "Voorbeeld PKI")
    {
        Directory = directory;
        _ca = DevelopmentCertificateAuthority.Create(TimeProvider.System, "Voorbeeld Root CA", organisation: organisation);
        global::System.IO.Directory.CreateDirectory(directory);
        File.WriteAllText(CaFile, _ca.Certificate.ExportCertificatePem());
        using var server = _ca.IssueServerCertificate();
        DevelopmentCertificateAuthority.SavePem(server, directory, "server");
        Anchors.ImportFromPemFile(CaFile);
    }

    public string Directory { get; }

    public string CaFile => Path.Combine(Directory, "ca.crt.pem");

    public string ServerCertificate => Path.Combine(Directory, "server.crt.pem");

    public string ServerKey => Path.Combine(Directory, "server.key.pem");

    public X509Certificate2Collection Anchors { get; } = [];

    /// <summary>Issues a system certificate and returns its certificate and key files.</summary>
    public (string Certificate, string Key) SystemCertificate(string id)
    {
        using var certificate = _ca.IssueSystemCertificate(SysteemId.Parse(id));
        DevelopmentCertificateAuthority.SavePem(certificate, Directory, id);
        return (Path.Combine(Directory, id + ".crt.pem"), Path.Combine(Directory, id + ".key.pem"));
    }

    /// <summary>An HTTP client that trusts exactly this CA (no redirects followed).</summary>
    public HttpClient Client() => new(new HttpClientHandler
    {
        AllowAutoRedirect = false,
        ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(Anchors);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return certificate is not null && chain.Build(certificate);
        },
    });

    public void Dispose()
    {
        _ca.Dispose();
        foreach (var a in Anchors) a.Dispose();
    }
}
