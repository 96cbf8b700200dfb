using System.Formats.Asn1;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Oso.Protocol.Identifiers;

namespace Oso.Protocol.Security;

/// <summary>What a certificate is for: a host's listeners (serverAuth) or a system calling out (clientAuth).</summary>
public enum CertificaatSoort
{
    /// <summary>A server certificate for host names and IP addresses.</summary>
    Server,

    /// <summary>A system certificate binding <c>urn:oso:systeem:&lt;id&gt;</c>.</summary>
    Systeem,
}

/// <summary>The verdict on a certificate signing request.</summary>
public abstract record AanvraagControle
{
    private AanvraagControle()
    {
    }

    /// <summary>The request may be signed: its signature holds and it asks only what this kind of certificate may name.</summary>
    /// <param name="Soort">Server or system.</param>
    /// <param name="Namen">The host names and IP addresses (server), or the system id (system).</param>
    /// <param name="Systeem">The system id (system certificates only).</param>
    /// <param name="PublicKey">The key to certify.</param>
    public sealed record Toegestaan(CertificaatSoort Soort, IReadOnlyList<string> Namen, SysteemId? Systeem, PublicKey PublicKey) : AanvraagControle;

    /// <summary>The request is refused.</summary>
    /// <param name="Reden">Why, in Dutch.</param>
    public sealed record Geweigerd(string Reden) : AanvraagControle;
}

/// <summary>
/// PKCS#10 certificate signing requests, so that a node on its own host never holds the CA's key: the node makes its
/// key and a request (<see cref="ForServer"/>, <see cref="ForSystem"/>); the CA checks the request
/// (<see cref="Check"/>) and signs it (<see cref="DevelopmentCertificateAuthority.Sign"/>) with extensions of its own
/// choosing — nothing the request asks for is copied without being checked.
/// </summary>
public static class CertificateRequests
{
    private const string SubjectKeyIdentifierOid = "2.5.29.14";
    private const string KeyUsageOid = "2.5.29.15";
    private const string BasicConstraintsOid = "2.5.29.19";
    private const string EnhancedKeyUsageOid = "2.5.29.37";

    /// <summary>A new EC P-256 key and a request for a server certificate for <paramref name="hostNames"/> (DNS names or IP addresses).</summary>
    public static (string KeyPem, string RequestPem) ForServer(IEnumerable<string> hostNames)
    {
        ArgumentNullException.ThrowIfNull(hostNames);
        var names = hostNames.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (names.Count == 0) throw new ArgumentException("Noem minstens één hostnaam.", nameof(hostNames));
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            if (IPAddress.TryParse(name, out var ip)) san.AddIpAddress(ip);
            else if (IsHostName(name)) san.AddDnsName(name);
            else throw new ArgumentException($"'{name}' is geen hostnaam of IP-adres.", nameof(hostNames));
        }
        return Create(names[0], san, CertificateNames.ServerAuthOid);
    }

    /// <summary>A new EC P-256 key and a request for a system certificate binding <paramref name="systeem"/>.</summary>
    public static (string KeyPem, string RequestPem) ForSystem(SysteemId systeem)
    {
        if (systeem.Value.Length == 0) throw new ArgumentException("Het systeem-id is leeg.", nameof(systeem));
        var san = new SubjectAlternativeNameBuilder();
        san.AddUri(systeem.ToUri());
        return Create(systeem.Value, san, CertificateNames.ClientAuthOid);
    }

    /// <summary>
    /// Reads a PEM request and decides whether a CA may sign it: the signature must hold (proof of the private key); the
    /// key must be EC P-256/P-384 or RSA of at least 3072 bits; and it must ask for exactly one kind of certificate —
    /// host names and IP addresses (serverAuth), or exactly one <c>urn:oso:systeem:&lt;id&gt;</c> (clientAuth) — with
    /// no CA rights and no other purpose or extension.
    /// </summary>
    public static AanvraagControle Check(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        CertificateRequest request;
        try
        {
            // the signature is checked while loading; the requested extensions are loaded only to be inspected
            request = CertificateRequest.LoadSigningRequestPem(pem, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions);
        }
        catch (CryptographicException)
        {
            return new AanvraagControle.Geweigerd("Dit is geen leesbaar certificaatverzoek (PKCS#10, PEM), of de handtekening klopt niet bij de sleutel.");
        }
        if (KeyProblem(request.PublicKey) is { } sleutel) return new AanvraagControle.Geweigerd(sleutel);

        string? purpose = null;
        List<string> hosts = [], uris = [];
        foreach (var extension in request.CertificateExtensions)
        {
            switch (extension.Oid?.Value)
            {
                case CertificateNames.SubjectAlternativeNameOid:
                    if (!ReadNames(extension.RawData, hosts, uris)) return new AanvraagControle.Geweigerd("De alternatieve namen (SAN) bevatten iets anders dan hostnamen, IP-adressen of één systeem-URI.");
                    break;
                case EnhancedKeyUsageOid:
                    var usages = ((X509EnhancedKeyUsageExtension)extension).EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value).ToList();
                    if (usages.Count != 1 || usages[0] is not (CertificateNames.ServerAuthOid or CertificateNames.ClientAuthOid))
                        return new AanvraagControle.Geweigerd("Het verzoek vraagt een ander gebruik dan alleen serverAuth of alleen clientAuth.");
                    purpose = usages[0];
                    break;
                case BasicConstraintsOid:
                    if (((X509BasicConstraintsExtension)extension).CertificateAuthority) return new AanvraagControle.Geweigerd("Het verzoek vraagt een CA-certificaat; de CA tekent alleen eindcertificaten.");
                    break;
                case KeyUsageOid:
                    if ((((X509KeyUsageExtension)extension).KeyUsages & (X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign)) != 0)
                        return new AanvraagControle.Geweigerd("Het verzoek vraagt het recht om certificaten te tekenen.");
                    break;
                case SubjectKeyIdentifierOid:
                    break;
                default:
                    return new AanvraagControle.Geweigerd($"Het verzoek vraagt een extensie die de CA niet uitgeeft ({extension.Oid?.Value}).");
            }
        }

        if (uris.Count == 0 && hosts.Count > 0 && purpose is null or CertificateNames.ServerAuthOid)
            return new AanvraagControle.Toegestaan(CertificaatSoort.Server, hosts, null, request.PublicKey);
        if (hosts.Count == 0 && uris.Count == 1 && purpose is null or CertificateNames.ClientAuthOid)
            return uris[0].StartsWith(SysteemId.UriPrefix, StringComparison.Ordinal) && SysteemId.TryParse(uris[0][SysteemId.UriPrefix.Length..], out var systeem)
                ? new AanvraagControle.Toegestaan(CertificaatSoort.Systeem, [systeem.Value], systeem, request.PublicKey)
                : new AanvraagControle.Geweigerd($"Een systeemcertificaat bindt precies één URI {SysteemId.UriPrefix}<id>; dit verzoek noemt een andere URI.");
        return new AanvraagControle.Geweigerd(hosts.Count + uris.Count == 0
            ? "Het verzoek noemt geen hostnamen en geen systeem (SAN ontbreekt)."
            : "Het verzoek moet óf hostnamen (servercertificaat, serverAuth) óf precies één systeem (systeemcertificaat, clientAuth) noemen, niet beide of een ander gebruik.");
    }

    private static (string KeyPem, string RequestPem) Create(string commonName, SubjectAlternativeNameBuilder san, string purpose)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={commonName.Replace(",", " ", StringComparison.Ordinal)}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(purpose)], false));
        return (key.ExportPkcs8PrivateKeyPem(), request.CreateSigningRequestPem());
    }

    private static string? KeyProblem(PublicKey key)
    {
        if (key.GetECDsaPublicKey() is { } ec)
        {
            using (ec)
            {
                var curve = ec.ExportParameters(false).Curve;
                return curve.IsNamed && curve.Oid.Value is "1.2.840.10045.3.1.7" or "1.3.132.0.34"
                    ? null : "De sleutel is geen EC-sleutel op P-256 of P-384.";
            }
        }
        if (key.GetRSAPublicKey() is { } rsa)
        {
            using (rsa) return rsa.KeySize >= 3072 ? null : $"Een RSA-sleutel van {rsa.KeySize} bits is te kort (minstens 3072).";
        }
        return "Het sleuteltype wordt niet ondersteund (EC P-256/P-384 of RSA vanaf 3072 bits).";
    }

    // only dNSName (2), iPAddress (7) and uniformResourceIdentifier (6); anything else refuses the request
    private static bool ReadNames(byte[] raw, List<string> hosts, List<string> uris)
    {
        try
        {
            var names = new AsnReader(raw, AsnEncodingRules.DER).ReadSequence();
            while (names.HasData)
            {
                var tag = names.PeekTag();
                if (tag.TagClass != TagClass.ContextSpecific) return false;
                switch (tag.TagValue)
                {
                    case 2:
                        var dns = names.ReadCharacterString(UniversalTagNumber.IA5String, tag);
                        if (!IsHostName(dns)) return false;
                        hosts.Add(dns);
                        break;
                    case 7:
                        var bytes = names.ReadOctetString(tag);
                        if (bytes.Length is not (4 or 16)) return false;
                        hosts.Add(new IPAddress(bytes).ToString());
                        break;
                    case 6:
                        uris.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, tag));
                        break;
                    default:
                        return false;
                }
            }
            return true;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }

    /// <summary>A DNS host name: labels of letters, digits and '-', no wildcard.</summary>
    private static bool IsHostName(string name) =>
        name.Length is > 0 and <= 253 && Uri.CheckHostName(name) == UriHostNameType.Dns && !name.Contains('*', StringComparison.Ordinal)
        && name.Split('.').All(l => l.Length is > 0 and <= 63 && l.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'));
}
