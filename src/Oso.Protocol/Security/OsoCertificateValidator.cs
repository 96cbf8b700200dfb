using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Oso.Protocol.Security;

/// <summary>
/// Checks certificates against OSO's trust anchors only (never the operating system's store): chain built with
/// <see cref="X509ChainTrustMode.CustomRootTrust"/>, root exactly one of the anchors, the required extended key
/// usage, validity at the <see cref="TimeProvider"/>'s time, and the configured revocation list. Client
/// certificates must also bind exactly one supplier-system id. One instance serves both sides: Kestrel's
/// <c>ClientCertificateValidation</c>, an <see cref="SslStream"/> server, and the mTLS client.
/// </summary>
public sealed class OsoCertificateValidator
{
    private readonly X509Certificate2[] _anchors;
    private readonly TimeProvider _time;
    private readonly Func<CertificateRevocationList> _revocations;

    /// <summary>Creates a validator.</summary>
    /// <param name="anchors">The trust anchors (root certificates); PKIoverheid in production, the dev CA locally.</param>
    /// <param name="timeProvider">The clock for validity checks.</param>
    /// <param name="revocations">The current revocation list; called on every check, so it may change at run time.</param>
    public OsoCertificateValidator(IEnumerable<X509Certificate2> anchors, TimeProvider timeProvider, Func<CertificateRevocationList>? revocations = null)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _anchors = anchors.ToArray();
        if (_anchors.Length == 0) throw new ArgumentException("Er is minstens één vertrouwensanker nodig.", nameof(anchors));
        _time = timeProvider;
        _revocations = revocations ?? (() => CertificateRevocationList.Empty);
    }

    /// <summary>Checks a client certificate (clientAuth) and returns the system id bound in it.</summary>
    public CertificateCheck ValidateClient(X509Certificate2? certificate, X509Chain? presented = null)
    {
        var check = Validate(certificate, CertificateNames.ClientAuthOid, presented);
        if (check is not CertificateCheck.Accepted) return check;
        return CertificateNames.Systeem(certificate!) is { } systeem
            ? new CertificateCheck.Accepted(certificate!.Subject, systeem)
            : CertificateCheck.Weiger(CertificaatWeigering.GeenSysteemId, certificate);
    }

    /// <summary>Checks a server certificate (serverAuth). The host name is checked by TLS itself (see <see cref="ServerCertificateCallback"/>).</summary>
    public CertificateCheck ValidateServer(X509Certificate2? certificate, X509Chain? presented = null) =>
        Validate(certificate, CertificateNames.ServerAuthOid, presented);

    /// <summary>For Kestrel's <c>HttpsConnectionAdapterOptions.ClientCertificateValidation</c>; the platform's own verdict is ignored.</summary>
    public bool ValidateKestrelClientCertificate(X509Certificate2 certificate, X509Chain? chain, SslPolicyErrors errors) =>
        ValidateClient(certificate, chain) is CertificateCheck.Accepted;

    /// <summary>For an <see cref="SslStream"/> server that requires a client certificate.</summary>
    public RemoteCertificateValidationCallback ClientCertificateCallback => (_, certificate, chain, _) =>
        ValidateClient(AsX509Certificate2(certificate), chain) is CertificateCheck.Accepted;

    /// <summary>
    /// For a TLS client: our chain check, plus the platform's host-name check. <paramref name="refused"/>, when given,
    /// hears why a server certificate was refused (the TLS exception itself does not say).
    /// </summary>
    public RemoteCertificateValidationCallback ServerCertificateCallback(Action<string, CertificateCheck.Refused>? refused = null) =>
        (sender, certificate, chain, errors) =>
        {
            var host = (sender as SslStream)?.TargetHostName ?? "";
            CertificateCheck check = (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0
                ? CertificateCheck.Weiger(CertificaatWeigering.NaamKloptNiet, AsX509Certificate2(certificate))
                : ValidateServer(AsX509Certificate2(certificate), chain);
            if (check is CertificateCheck.Refused r) refused?.Invoke(host, r);
            return check is CertificateCheck.Accepted;
        };

    private CertificateCheck Validate(X509Certificate2? certificate, string purpose, X509Chain? presented)
    {
        if (certificate is null) return CertificateCheck.Weiger(CertificaatWeigering.Ontbreekt);
        var now = _time.GetUtcNow();
        using var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.CustomTrustStore.AddRange(_anchors);
        policy.RevocationMode = X509RevocationMode.NoCheck;
        policy.VerificationTime = now.UtcDateTime;
        policy.VerificationTimeIgnored = false;
        policy.ApplicationPolicy.Add(new Oid(purpose));
        if (presented is not null)
            foreach (var element in presented.ChainElements.Skip(1))
                policy.ExtraStore.Add(element.Certificate);

        var built = chain.Build(certificate);
        var status = chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s.Status);
        if (!built || status != X509ChainStatusFlags.NoError)
            return CertificateCheck.Weiger(Reason(status, certificate, now), certificate);
        var root = chain.ChainElements[^1].Certificate;
        if (!_anchors.Any(a => a.RawDataMemory.Span.SequenceEqual(root.RawDataMemory.Span)))
            return CertificateCheck.Weiger(CertificaatWeigering.OnbekendeUitgever, certificate);
        // a certificate without any EKU extension passes ApplicationPolicy; OSO requires the purpose to be stated
        if (!CertificateNames.HasPurpose(certificate, purpose))
            return CertificateCheck.Weiger(CertificaatWeigering.VerkeerdGebruik, certificate);
        var revoked = _revocations();
        if (chain.ChainElements.Any(e => revoked.Contains(e.Certificate)))
            return CertificateCheck.Weiger(CertificaatWeigering.Ingetrokken, certificate);
        return new CertificateCheck.Accepted(certificate.Subject, null);
    }

    private static CertificaatWeigering Reason(X509ChainStatusFlags status, X509Certificate2 certificate, DateTimeOffset now)
    {
        if ((status & (X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain)) != 0) return CertificaatWeigering.OnbekendeUitgever;
        if ((status & X509ChainStatusFlags.NotTimeValid) != 0)
            return now < certificate.NotBefore.ToUniversalTime() ? CertificaatWeigering.NogNietGeldig : CertificaatWeigering.Verlopen;
        if ((status & X509ChainStatusFlags.NotValidForUsage) != 0) return CertificaatWeigering.VerkeerdGebruik;
        return CertificaatWeigering.Ongeldig;
    }

    private static X509Certificate2? AsX509Certificate2(X509Certificate? certificate) => certificate switch
    {
        null => null,
        X509Certificate2 c2 => c2,
        _ => X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()),
    };
}
