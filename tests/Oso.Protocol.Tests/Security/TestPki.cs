using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Time.Testing;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Security;

namespace Oso.Protocol.Tests.Security;

/// <summary>Development CAs and certificates shared by the certificate tests (made once: key generation is not free).</summary>
internal static class TestPki
{
    public static readonly SysteemId Systeem = SysteemId.Parse("las-de-regenboog");

    public static readonly DevelopmentCertificateAuthority Ca = DevelopmentCertificateAuthority.Create(TimeProvider.System);

    /// <summary>A CA nobody trusts.</summary>
    public static readonly DevelopmentCertificateAuthority OtherCa = DevelopmentCertificateAuthority.Create(TimeProvider.System, "Andere CA");

    /// <summary>A trusted CA created two years ago (valid ten years) that still issues with its old clock.</summary>
    public static readonly DevelopmentCertificateAuthority OldCa =
        DevelopmentCertificateAuthority.Create(new FakeTimeProvider(TimeProvider.System.GetUtcNow().AddYears(-2)), "Oude CA");

    public static readonly X509Certificate2 Server = Ca.IssueServerCertificate();

    public static readonly X509Certificate2 Client = Ca.IssueSystemCertificate(Systeem);

    /// <summary>Issued two years ago for one year: expired now.</summary>
    public static readonly X509Certificate2 ExpiredClient = OldCa.IssueSystemCertificate(Systeem, TimeSpan.FromDays(365));

    public static readonly X509Certificate2 ForeignClient = OtherCa.IssueSystemCertificate(Systeem);

    public static readonly X509Certificate2 ForeignServer = OtherCa.IssueServerCertificate();

    public static OsoCertificateValidator Validator(CertificateRevocationList? revoked = null, TimeProvider? time = null) =>
        new([Ca.Certificate, OldCa.Certificate], time ?? TimeProvider.System, () => revoked ?? CertificateRevocationList.Empty);
}
