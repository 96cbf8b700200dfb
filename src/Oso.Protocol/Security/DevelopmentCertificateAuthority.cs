using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Oso.Protocol.Identifiers;

namespace Oso.Protocol.Security;

/// <summary>
/// A certificate authority for development and tests (never for production, where PKIoverheid applies): EC P-256,
/// made with <see cref="CertificateRequest"/>. It issues server certificates (serverAuth; SAN 127.0.0.1, localhost
/// and configured names) and system certificates (clientAuth) that bind a supplier-system id as the SAN URI
/// <c>urn:oso:systeem:&lt;id&gt;</c>. Certificates get random 128-bit serials, SKI/AKI, and validity dates from the
/// <see cref="TimeProvider"/>. Stored as PEM files in a directory; the private key file is readable by the owner only.
/// </summary>
public sealed class DevelopmentCertificateAuthority : IDisposable
{
    /// <summary>File name of the CA certificate (PEM).</summary>
    public const string CertificateFile = "ca.crt.pem";

    /// <summary>File name of the CA private key (PKCS#8 PEM, mode 600).</summary>
    public const string KeyFile = "ca.key.pem";

    /// <summary>
    /// The organisation (O) in the subject of a development CA: a host whose trust anchors all carry it runs in
    /// development mode (<see cref="IsDevelopmentCertificate"/>).
    /// </summary>
    public const string DevelopmentOrganisation = "OpenOSO development";

    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly TimeProvider _time;

    private DevelopmentCertificateAuthority(X509Certificate2 certificate, TimeProvider time)
    {
        Certificate = certificate;
        _time = time;
    }

    /// <summary>The CA certificate, with its private key: the trust anchor to configure.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>
    /// Creates a new CA in memory, valid for <paramref name="validity"/> (default 10 years). Tests that stand in for a
    /// real CA (PKIoverheid) pass another <paramref name="organisation"/>, so hosts that trust it run in production mode.
    /// </summary>
    public static DevelopmentCertificateAuthority Create(TimeProvider timeProvider, string name = "OpenOSO Development CA", TimeSpan? validity = null,
        string organisation = DevelopmentOrganisation)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={Escape(name)}, O={Escape(organisation)}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = timeProvider.GetUtcNow();
        using var created = request.CreateSelfSigned(now - ClockSkew, now + (validity ?? TimeSpan.FromDays(3650)));
        return new DevelopmentCertificateAuthority(Reload(created), timeProvider);
    }

    /// <summary>Loads the CA from <paramref name="directory"/>, or creates and saves one there when none exists.</summary>
    public static DevelopmentCertificateAuthority LoadOrCreate(string directory, TimeProvider timeProvider, string name = "OpenOSO Development CA")
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (File.Exists(Path.Combine(directory, CertificateFile))) return Load(directory, timeProvider);
        var ca = Create(timeProvider, name);
        ca.Save(directory);
        return ca;
    }

    /// <summary>True for a certificate made by a development CA (its subject's organisation is <see cref="DevelopmentOrganisation"/>).</summary>
    public static bool IsDevelopmentCertificate(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return certificate.SubjectName.EnumerateRelativeDistinguishedNames()
            .Any(n => n.GetSingleElementType().Value == "2.5.4.10" && n.GetSingleElementValue() == DevelopmentOrganisation);
    }

    /// <summary>Loads the CA's PEM files from <paramref name="directory"/>.</summary>
    public static DevelopmentCertificateAuthority Load(string directory, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        using var pem = X509Certificate2.CreateFromPemFile(Path.Combine(directory, CertificateFile), Path.Combine(directory, KeyFile));
        return new DevelopmentCertificateAuthority(Reload(pem), timeProvider);
    }

    /// <summary>Writes <see cref="CertificateFile"/> and <see cref="KeyFile"/> (owner-only) to <paramref name="directory"/>.</summary>
    public void Save(string directory) => SavePem(Certificate, directory, "ca");

    /// <summary>
    /// Writes <paramref name="certificate"/> as <c>&lt;name&gt;.crt.pem</c> and its private key as
    /// <c>&lt;name&gt;.key.pem</c> (created with mode 600 on Unix; the directory with 700 when new).
    /// </summary>
    public static void SavePem(X509Certificate2 certificate, string directory, string name)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!Directory.Exists(directory))
        {
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(directory);
            else Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        File.WriteAllText(Path.Combine(directory, name + ".crt.pem"), certificate.ExportCertificatePem());
        using var key = certificate.GetECDsaPrivateKey() ?? throw new ArgumentException("Het certificaat heeft geen EC-privésleutel.", nameof(certificate));
        WritePrivate(Path.Combine(directory, name + ".key.pem"), key.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>
    /// Issues a server certificate (serverAuth) for 127.0.0.1, localhost and <paramref name="dnsNames"/>, valid for
    /// <paramref name="validity"/> (default one year, never beyond the CA).
    /// </summary>
    public X509Certificate2 IssueServerCertificate(IEnumerable<string>? dnsNames = null, TimeSpan? validity = null)
    {
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        var all = (dnsNames ?? []).Where(n => n != "localhost").ToList();
        foreach (var dns in all)
        {
            if (IPAddress.TryParse(dns, out var ip)) names.AddIpAddress(ip);
            else names.AddDnsName(dns);
        }
        return Issue(all.FirstOrDefault() ?? "localhost", CertificateNames.ServerAuthOid, names, validity);
    }

    /// <summary>Issues a system (client) certificate (clientAuth) binding <paramref name="systeem"/> as SAN URI <c>urn:oso:systeem:&lt;id&gt;</c>.</summary>
    public X509Certificate2 IssueSystemCertificate(SysteemId systeem, TimeSpan? validity = null)
    {
        if (systeem.Value.Length == 0) throw new ArgumentException("Het systeem-id is leeg.", nameof(systeem));
        var names = new SubjectAlternativeNameBuilder();
        names.AddUri(systeem.ToUri());
        return Issue(systeem.Value, CertificateNames.ClientAuthOid, names, validity);
    }

    /// <summary>
    /// Signs a request that <see cref="CertificateRequests.Check"/> allowed: the certificate (without a private key: the
    /// requester keeps it) names what was checked, with this CA's own extensions — server certificates serverAuth for
    /// the checked host names, system certificates clientAuth for the checked system — valid for
    /// <paramref name="validity"/> (default one year, never beyond the CA).
    /// </summary>
    public X509Certificate2 Sign(AanvraagControle.Toegestaan request, TimeSpan? validity = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var names = new SubjectAlternativeNameBuilder();
        if (request.Soort == CertificaatSoort.Systeem)
        {
            names.AddUri(request.Systeem!.Value.ToUri());
        }
        else
        {
            foreach (var name in request.Namen)
            {
                if (IPAddress.TryParse(name, out var ip)) names.AddIpAddress(ip);
                else names.AddDnsName(name);
            }
        }
        var purpose = request.Soort == CertificaatSoort.Systeem ? CertificateNames.ClientAuthOid : CertificateNames.ServerAuthOid;
        var certificateRequest = new CertificateRequest(Subject(request.Namen[0]), request.PublicKey, HashAlgorithmName.SHA256);
        using var issued = Create(certificateRequest, purpose, names, validity);
        return X509CertificateLoader.LoadCertificate(issued.RawData);
    }

    private X509Certificate2 Issue(string commonName, string purpose, SubjectAlternativeNameBuilder names, TimeSpan? validity)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var issued = Create(new CertificateRequest(Subject(commonName), key, HashAlgorithmName.SHA256), purpose, names, validity);
        using var withKey = issued.CopyWithPrivateKey(key);
        return Reload(withKey);
    }

    private static X500DistinguishedName Subject(string commonName) => new($"CN={Escape(commonName)}, O=OpenOSO development");

    private X509Certificate2 Create(CertificateRequest request, string purpose, SubjectAlternativeNameBuilder names, TimeSpan? validity)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(purpose)], false));
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
        var now = _time.GetUtcNow();
        var notBefore = Max(now - ClockSkew, Certificate.NotBefore.ToUniversalTime());
        var notAfter = Min(now + (validity ?? TimeSpan.FromDays(365)), Certificate.NotAfter.ToUniversalTime());
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // a positive INTEGER
        serial[0] |= 0x01; // and never zero: a minimal 16-byte DER encoding
        return request.Create(Certificate, notBefore, notAfter, serial);
    }

    // A PKCS#12 round trip gives a certificate whose key every TLS stack (SslStream on every OS) accepts.
    private static X509Certificate2 Reload(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);

    /// <summary>Writes a private key (or any secret) as a file readable by its owner only (mode 600 from creation on Unix).</summary>
    public static void WritePrivate(string path, string content)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(content);
        // an existing file keeps its old mode on open; make sure it is owner-only
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private static string Escape(string name) => name.Replace("\"", "", StringComparison.Ordinal).Replace(",", " ", StringComparison.Ordinal);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <inheritdoc/>
    public void Dispose() => Certificate.Dispose();
}
