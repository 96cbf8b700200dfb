using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using Oso.Protocol.Identifiers;

namespace Oso.Protocol.Security;

/// <summary>Reads what our certificates bind: the URIs in the subject alternative name, and from them the system id.</summary>
public static class CertificateNames
{
    /// <summary>OID of the subject alternative name extension.</summary>
    public const string SubjectAlternativeNameOid = "2.5.29.17";

    /// <summary>OID of the TLS server authentication purpose.</summary>
    public const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";

    /// <summary>OID of the TLS client authentication purpose.</summary>
    public const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    /// <summary>The URIs in the certificate's subject alternative name (none when absent or unreadable).</summary>
    public static IReadOnlyList<string> Uris(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var extension = certificate.Extensions[SubjectAlternativeNameOid];
        if (extension is null) return [];
        try
        {
            var uris = new List<string>();
            var names = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
            var uriTag = new Asn1Tag(TagClass.ContextSpecific, 6);
            while (names.HasData)
            {
                var tag = names.PeekTag();
                if (tag.HasSameClassAndValue(uriTag)) uris.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, uriTag));
                else names.ReadEncodedValue();
            }
            return uris;
        }
        catch (AsnContentException)
        {
            return [];
        }
    }

    /// <summary>
    /// The supplier-system id bound in the certificate: exactly one SAN URI <c>urn:oso:systeem:&lt;id&gt;</c>.
    /// Null when there is none, more than one, or it is malformed.
    /// </summary>
    public static SysteemId? Systeem(X509Certificate2 certificate)
    {
        var ids = Uris(certificate).Where(u => u.StartsWith(SysteemId.UriPrefix, StringComparison.Ordinal)).ToList();
        return ids.Count == 1 && SysteemId.TryParse(ids[0][SysteemId.UriPrefix.Length..], out var id) ? id : null;
    }

    /// <summary>True when the certificate has an extended key usage extension that lists <paramref name="oid"/>.</summary>
    public static bool HasPurpose(X509Certificate2 certificate, string oid) =>
        certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>()
            .Any(e => e.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Any(u => u.Value == oid));
}
