using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Oso.Protocol.Security;

/// <summary>
/// Revoked certificates, by serial number or thumbprint (SHA-1 or SHA-256, hex). A development CA has no CRL
/// endpoint, so revocation is this configured list. Hex is compared case-insensitively, ignoring ':' and spaces,
/// and serial numbers also ignoring leading zeros.
/// </summary>
public sealed class CertificateRevocationList
{
    private readonly FrozenSet<string> _serials;
    private readonly FrozenSet<string> _thumbprints;

    /// <summary>An empty list.</summary>
    public static CertificateRevocationList Empty { get; } = new([], []);

    /// <summary>Creates a list.</summary>
    public CertificateRevocationList(IEnumerable<string> serialNumbers, IEnumerable<string> thumbprints)
    {
        ArgumentNullException.ThrowIfNull(serialNumbers);
        ArgumentNullException.ThrowIfNull(thumbprints);
        _serials = serialNumbers.Select(Serial).ToFrozenSet(StringComparer.Ordinal);
        _thumbprints = thumbprints.Select(Hex).ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>Number of entries.</summary>
    public int Count => _serials.Count + _thumbprints.Count;

    /// <summary>True when <paramref name="certificate"/> is listed.</summary>
    public bool Contains(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return _serials.Contains(Serial(certificate.SerialNumber))
            || _thumbprints.Contains(Hex(certificate.Thumbprint))
            || _thumbprints.Contains(Hex(certificate.GetCertHashString(HashAlgorithmName.SHA256)));
    }

    private static string Hex(string s) => s.Replace(":", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();

    private static string Serial(string s)
    {
        var hex = Hex(s).TrimStart('0');
        return hex.Length == 0 ? "0" : hex;
    }
}
