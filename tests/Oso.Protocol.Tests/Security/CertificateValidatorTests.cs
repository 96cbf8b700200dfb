using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Time.Testing;
using Oso.Protocol.Security;

namespace Oso.Protocol.Tests.Security;

public class CertificateValidatorTests
{
    [Fact]
    public void A_system_certificate_of_our_ca_is_accepted_with_its_system_id()
    {
        var check = Assert.IsType<CertificateCheck.Accepted>(TestPki.Validator().ValidateClient(TestPki.Client));

        Assert.Equal(TestPki.Systeem, check.Systeem);
    }

    [Fact]
    public void A_missing_certificate_is_refused()
    {
        Assert.Equal(CertificaatWeigering.Ontbreekt, Reason(TestPki.Validator().ValidateClient(null)));
    }

    [Fact]
    public void A_certificate_of_another_ca_is_refused()
    {
        Assert.Equal(CertificaatWeigering.OnbekendeUitgever, Reason(TestPki.Validator().ValidateClient(TestPki.ForeignClient)));
        Assert.Equal(CertificaatWeigering.OnbekendeUitgever, Reason(TestPki.Validator().ValidateServer(TestPki.ForeignServer)));
    }

    [Fact]
    public void An_expired_certificate_is_refused()
    {
        Assert.True(TestPki.ExpiredClient.NotAfter.ToUniversalTime() < TimeProvider.System.GetUtcNow().UtcDateTime);

        Assert.Equal(CertificaatWeigering.Verlopen, Reason(TestPki.Validator().ValidateClient(TestPki.ExpiredClient)));
    }

    [Fact]
    public void A_certificate_is_not_valid_before_its_time()
    {
        var lastYear = new FakeTimeProvider(TimeProvider.System.GetUtcNow().AddYears(-1));

        Assert.Equal(CertificaatWeigering.NogNietGeldig, Reason(TestPki.Validator(time: lastYear).ValidateClient(TestPki.Client)));
    }

    [Fact]
    public void A_revoked_certificate_is_refused_by_serial_or_by_thumbprint()
    {
        var bySerial = new CertificateRevocationList(["00" + TestPki.Client.SerialNumber.ToLowerInvariant()], []);
        var byThumbprint = new CertificateRevocationList([], [TestPki.Client.GetCertHashString(HashAlgorithmName.SHA256)]);

        Assert.Equal(CertificaatWeigering.Ingetrokken, Reason(TestPki.Validator(bySerial).ValidateClient(TestPki.Client)));
        Assert.Equal(CertificaatWeigering.Ingetrokken, Reason(TestPki.Validator(byThumbprint).ValidateClient(TestPki.Client)));
    }

    [Fact]
    public void Revoking_the_issuer_revokes_what_it_issued()
    {
        var revoked = new CertificateRevocationList([], [TestPki.Ca.Certificate.Thumbprint]);

        Assert.Equal(CertificaatWeigering.Ingetrokken, Reason(TestPki.Validator(revoked).ValidateClient(TestPki.Client)));
    }

    [Fact]
    public void The_revocation_list_is_read_on_every_check()
    {
        var list = CertificateRevocationList.Empty;
        var validator = new OsoCertificateValidator([TestPki.Ca.Certificate], TimeProvider.System, () => list);

        Assert.IsType<CertificateCheck.Accepted>(validator.ValidateClient(TestPki.Client));
        list = new CertificateRevocationList([TestPki.Client.SerialNumber], []);
        Assert.Equal(CertificaatWeigering.Ingetrokken, Reason(validator.ValidateClient(TestPki.Client)));
    }

    [Fact]
    public void A_client_certificate_accepted_before_is_refused_once_it_or_its_issuer_is_revoked()
    {
        // the same object, as a kept-alive connection presents it on every request: the chain is not built again, the list is read again
        var list = CertificateRevocationList.Empty;
        var validator = new OsoCertificateValidator([TestPki.Ca.Certificate], TimeProvider.System, () => list);
        for (var call = 0; call < 3; call++) Assert.IsType<CertificateCheck.Accepted>(validator.ValidateClient(TestPki.Client));

        list = new CertificateRevocationList([], [TestPki.Ca.Certificate.GetCertHashString(HashAlgorithmName.SHA256)]);
        Assert.Equal(CertificaatWeigering.Ingetrokken, Reason(validator.ValidateClient(TestPki.Client)));

        list = CertificateRevocationList.Empty;
        Assert.IsType<CertificateCheck.Accepted>(validator.ValidateClient(TestPki.Client));
        list = new CertificateRevocationList([TestPki.Client.SerialNumber], []);
        Assert.Equal(CertificaatWeigering.Ingetrokken, Reason(validator.ValidateClient(TestPki.Client)));
    }

    [Fact]
    public void A_client_certificate_accepted_before_is_refused_once_it_expires()
    {
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        using var ca = DevelopmentCertificateAuthority.Create(time, "Korte CA");
        using var shortLived = ca.IssueSystemCertificate(TestPki.Systeem, TimeSpan.FromHours(1));
        var validator = new OsoCertificateValidator([ca.Certificate], time);
        Assert.IsType<CertificateCheck.Accepted>(validator.ValidateClient(shortLived));

        time.Advance(TimeSpan.FromMinutes(59));
        Assert.IsType<CertificateCheck.Accepted>(validator.ValidateClient(shortLived));
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(CertificaatWeigering.Verlopen, Reason(validator.ValidateClient(shortLived)));
    }

    [Fact]
    public void A_refused_client_certificate_stays_refused_and_another_object_of_another_certificate_is_checked_in_full()
    {
        var validator = TestPki.Validator();
        Assert.IsType<CertificateCheck.Accepted>(validator.ValidateClient(TestPki.Client));

        Assert.Equal(CertificaatWeigering.OnbekendeUitgever, Reason(validator.ValidateClient(TestPki.ForeignClient)));
        Assert.Equal(CertificaatWeigering.OnbekendeUitgever, Reason(validator.ValidateClient(TestPki.ForeignClient)));
        Assert.Equal(CertificaatWeigering.VerkeerdGebruik, Reason(validator.ValidateClient(TestPki.Server)));
    }

    [Fact]
    public void A_server_certificate_is_not_a_client_certificate_and_vice_versa()
    {
        Assert.Equal(CertificaatWeigering.VerkeerdGebruik, Reason(TestPki.Validator().ValidateClient(TestPki.Server)));
        Assert.Equal(CertificaatWeigering.VerkeerdGebruik, Reason(TestPki.Validator().ValidateServer(TestPki.Client)));
    }

    [Fact]
    public void A_client_certificate_without_any_eku_is_refused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=zonder-eku", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddUri(TestPki.Systeem.ToUri());
        request.CertificateExtensions.Add(names.Build());
        using var cert = request.Create(TestPki.Ca.Certificate, TimeProvider.System.GetUtcNow().AddMinutes(-1), TimeProvider.System.GetUtcNow().AddDays(1), [1, 2, 3, 4]);

        Assert.Equal(CertificaatWeigering.VerkeerdGebruik, Reason(TestPki.Validator().ValidateClient(cert)));
    }

    [Fact]
    public void A_client_certificate_without_a_system_id_is_refused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=zonder-id", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(CertificateNames.ClientAuthOid)], false));
        using var cert = request.Create(TestPki.Ca.Certificate, TimeProvider.System.GetUtcNow().AddMinutes(-1), TimeProvider.System.GetUtcNow().AddDays(1), [1, 2, 3, 5]);

        Assert.Equal(CertificaatWeigering.GeenSysteemId, Reason(TestPki.Validator().ValidateClient(cert)));
    }

    [Fact]
    public void A_self_signed_copy_of_an_anchor_name_is_not_an_anchor()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(TestPki.Ca.Certificate.SubjectName, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(CertificateNames.ClientAuthOid)], false));
        using var impostor = request.CreateSelfSigned(TimeProvider.System.GetUtcNow().AddMinutes(-1), TimeProvider.System.GetUtcNow().AddDays(1));

        Assert.Equal(CertificaatWeigering.OnbekendeUitgever, Reason(TestPki.Validator().ValidateClient(impostor)));
    }

    [Fact]
    public void The_kestrel_callback_ignores_the_platform_verdict_and_applies_ours()
    {
        var validator = TestPki.Validator();

        Assert.True(validator.ValidateKestrelClientCertificate(TestPki.Client, null, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(validator.ValidateKestrelClientCertificate(TestPki.ForeignClient, null, SslPolicyErrors.None));
    }

    [Fact]
    public void Refusals_carry_a_dutch_description_for_the_trace()
    {
        var refused = Assert.IsType<CertificateCheck.Refused>(TestPki.Validator().ValidateClient(TestPki.ExpiredClient));

        Assert.Contains("is verlopen", refused.Omschrijving);
    }

    private static CertificaatWeigering Reason(CertificateCheck check) => Assert.IsType<CertificateCheck.Refused>(check).Reden;
}
