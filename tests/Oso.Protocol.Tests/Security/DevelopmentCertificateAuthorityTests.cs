using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Time.Testing;
using Oso.Protocol.Security;

namespace Oso.Protocol.Tests.Security;

public class DevelopmentCertificateAuthorityTests
{
    [Fact]
    public void The_ca_is_an_ec_p256_certificate_authority()
    {
        var ca = TestPki.Ca.Certificate;

        Assert.True(ca.HasPrivateKey);
        Assert.Equal("1.2.840.10045.2.1", ca.PublicKey.Oid.Value); // id-ecPublicKey
        Assert.True(ca.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.True(ca.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign));
    }

    [Fact]
    public void A_server_certificate_names_loopback_localhost_and_the_configured_names()
    {
        var cert = TestPki.Ca.IssueServerCertificate(["school.oso.test", "10.0.0.7"]);
        var san = cert.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();

        Assert.Equal(["localhost", "school.oso.test"], san.EnumerateDnsNames().Order());
        Assert.Equal([IPAddress.Loopback, IPAddress.Parse("10.0.0.7")], san.EnumerateIPAddresses());
        Assert.True(CertificateNames.HasPurpose(cert, CertificateNames.ServerAuthOid));
        Assert.False(CertificateNames.HasPurpose(cert, CertificateNames.ClientAuthOid));
    }

    [Fact]
    public void A_system_certificate_binds_the_system_id_as_a_urn()
    {
        Assert.Equal(["urn:oso:systeem:las-de-regenboog"], CertificateNames.Uris(TestPki.Client));
        Assert.Equal(TestPki.Systeem, CertificateNames.Systeem(TestPki.Client));
        Assert.True(CertificateNames.HasPurpose(TestPki.Client, CertificateNames.ClientAuthOid));
    }

    [Fact]
    public void Issued_certificates_have_ski_aki_random_serials_and_dates_from_the_clock()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 3, 1, 12, 0, 0, TimeSpan.Zero));
        using var ca = DevelopmentCertificateAuthority.Create(time);
        var a = ca.IssueSystemCertificate(TestPki.Systeem, TimeSpan.FromDays(30));
        var b = ca.IssueSystemCertificate(TestPki.Systeem, TimeSpan.FromDays(30));

        Assert.NotEqual(a.SerialNumber, b.SerialNumber);
        Assert.Equal(32, a.SerialNumber.Length);
        Assert.Equal(new DateTime(2030, 3, 1, 11, 55, 0, DateTimeKind.Utc), a.NotBefore.ToUniversalTime());
        Assert.Equal(new DateTime(2030, 3, 31, 12, 0, 0, DateTimeKind.Utc), a.NotAfter.ToUniversalTime());
        var ski = ca.Certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single().SubjectKeyIdentifierBytes;
        var aki = a.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().Single().KeyIdentifier;
        Assert.True(aki.HasValue && aki.Value.Span.SequenceEqual(ski.Span));
        Assert.NotNull(a.Extensions.OfType<X509SubjectKeyIdentifierExtension>().SingleOrDefault());
    }

    [Fact]
    public void A_certificate_never_outlives_its_ca()
    {
        using var ca = DevelopmentCertificateAuthority.Create(TimeProvider.System, validity: TimeSpan.FromDays(10));

        var cert = ca.IssueServerCertificate(validity: TimeSpan.FromDays(365));

        Assert.True(cert.NotAfter <= ca.Certificate.NotAfter);
    }

    [Fact]
    public void The_ca_is_saved_as_pem_with_an_owner_only_key_and_loads_back()
    {
        var directory = Path.Combine(Path.GetTempPath(), "oso-ca-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var created = DevelopmentCertificateAuthority.LoadOrCreate(directory, TimeProvider.System);
            using var loaded = DevelopmentCertificateAuthority.LoadOrCreate(directory, TimeProvider.System);

            Assert.Equal(created.Certificate.Thumbprint, loaded.Certificate.Thumbprint);
            Assert.True(loaded.Certificate.HasPrivateKey);
            Assert.StartsWith("-----BEGIN CERTIFICATE-----", File.ReadAllText(Path.Combine(directory, DevelopmentCertificateAuthority.CertificateFile)));
            Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(Path.Combine(directory, DevelopmentCertificateAuthority.KeyFile)));
            if (!OperatingSystem.IsWindows())
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(directory, DevelopmentCertificateAuthority.KeyFile)));
            var issued = loaded.IssueSystemCertificate(TestPki.Systeem);
            Assert.IsType<CertificateCheck.Accepted>(new OsoCertificateValidator([created.Certificate], TimeProvider.System).ValidateClient(issued));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
