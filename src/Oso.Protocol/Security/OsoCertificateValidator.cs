using System.Net.Security;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Oso.Protocol.Security;

/// <summary>
/// Checks certificates against OSO's trust anchors only (never the operating system's store): chain built with
/// <see cref="X509ChainTrustMode.CustomRootTrust"/>, root exactly one of the anchors, the required extended key
/// usage, validity at the <see cref="TimeProvider"/>'s time, and the configured revocation list. Client
/// certificates must also bind exactly one supplier-system id. One instance serves both sides: Kestrel's
/// <c>ClientCertificateValidation</c>, an <see cref="SslStream"/> server, and the mTLS client.
/// <para>
/// A client certificate object that was accepted before (the one a kept-alive connection carries: the handshake's
/// check, then every request's) is not built into a chain again: what cannot change while the object lives — the
/// signatures up to an anchor, the purpose, the system id — is kept with it, and what can change is checked again on
/// every call: the revocation list (every certificate of the chain) and the validity period of every certificate of the
/// chain at the <see cref="TimeProvider"/>'s time. Building the chain per request was 8.7 % of the Traffic Center's
/// CPU samples (bench/results.md §7). Another object, even of the same certificate, is checked in full.
/// </para>
/// </summary>
public sealed class OsoCertificateValidator
{
    private readonly X509Certificate2[] _anchors;
    private readonly TimeProvider _time;
    private readonly Func<CertificateRevocationList> _revocations;
    private readonly ConditionalWeakTable<X509Certificate2, AcceptedClient> _accepted = [];

    /// <summary>A client certificate accepted before: its verdict and the chain's certificates and common validity period.</summary>
    private sealed record AcceptedClient(CertificateCheck.Accepted Check, X509Certificate2[] Chain, DateTimeOffset From, DateTimeOffset Until);

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
        if (certificate is not null && _accepted.TryGetValue(certificate, out var known) && StillAccepted(known)) return known.Check;
        var check = Validate(certificate, CertificateNames.ClientAuthOid, presented, out var chain);
        if (check is not CertificateCheck.Accepted)
        {
            if (certificate is not null) _accepted.Remove(certificate);
            return check;
        }
        if (CertificateNames.Systeem(certificate!) is not { } systeem) return CertificateCheck.Weiger(CertificaatWeigering.GeenSysteemId, certificate);
        var accepted = new CertificateCheck.Accepted(certificate!.Subject, systeem);
        _accepted.AddOrUpdate(certificate, new AcceptedClient(accepted, chain,
            chain.Max(c => new DateTimeOffset(c.NotBefore.ToUniversalTime())), chain.Min(c => new DateTimeOffset(c.NotAfter.ToUniversalTime()))));
        return accepted;
    }

    /// <summary>What can change while a certificate object lives: its chain's validity period (time passes) and the revocation list.</summary>
    private bool StillAccepted(AcceptedClient known)
    {
        var now = _time.GetUtcNow();
        if (now < known.From || now > known.Until) return false;
        var revoked = _revocations();
        return !known.Chain.Any(revoked.Contains);
    }

    /// <summary>Checks a server certificate (serverAuth). The host name is checked by TLS itself (see <see cref="ServerCertificateCallback"/>).</summary>
    public CertificateCheck ValidateServer(X509Certificate2? certificate, X509Chain? presented = null) =>
        Validate(certificate, CertificateNames.ServerAuthOid, presented, out _);

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

    private CertificateCheck Validate(X509Certificate2? certificate, string purpose, X509Chain? presented, out X509Certificate2[] elements)
    {
        elements = [];
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
        elements = [.. chain.ChainElements.Select(e => e.Certificate)];
        var revoked = _revocations();
        if (elements.Any(revoked.Contains))
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
