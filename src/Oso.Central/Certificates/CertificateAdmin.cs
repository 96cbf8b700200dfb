using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Oso.Central.Certificates;
using Oso.Central.Register;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Security;

namespace Oso.Central;

/// <summary>A certificate Central knows for a system.</summary>
public sealed record CertificaatInfo(string Serienummer, string Sha256, string SysteemId, string Onderwerp, DateTimeOffset GeldigVan,
    DateTimeOffset GeldigTot, DateTimeOffset? IngetrokkenOp, string? IngetrokkenReden);

/// <summary>A certificate signed for a request: the requester keeps the private key.</summary>
/// <param name="Certificaat">The certificate (public only).</param>
/// <param name="Soort">Server or system certificate.</param>
/// <param name="Namen">The host names (server) or the system id (system) it names.</param>
/// <param name="Serienummer">Its serial number (hex).</param>
/// <param name="GeldigTot">Until when it is valid.</param>
public sealed record OndertekendCertificaat(X509Certificate2 Certificaat, CertificaatSoort Soort, IReadOnlyList<string> Namen, string Serienummer, DateTimeOffset GeldigTot);

/// <summary>A newly issued system certificate with its private key (write it with <see cref="DevelopmentCertificateAuthority.SavePem"/>).</summary>
/// <param name="Certificaat">The certificate with its private key. The caller owns (and disposes) it.</param>
/// <param name="Info">What Central registered.</param>
public sealed record UitgegevenCertificaat(X509Certificate2 Certificaat, CertificaatInfo Info);

public sealed partial class CentralAdmin
{
    private RevocationCache Revocations => _services.GetRequiredService<RevocationCache>();

    private CentralCertificates Certificates => _services.GetRequiredService<CentralCertificates>();

    /// <summary>The trust anchors as PEM (what a school node configures to trust Central and other systems).</summary>
    public string TrustAnchorsPem => Certificates.AnchorsPem;

    /// <summary>The path of a PEM file with the trust anchors.</summary>
    public string TrustAnchorPemPath => Certificates.AnchorPemPath;

    /// <summary>
    /// Issues a system (client) certificate from the development CA, binding <paramref name="systeemId"/>, and
    /// registers it. Not possible with production trust anchors (certificates come from PKIoverheid there).
    /// </summary>
    public async Task<Uitkomst<UitgegevenCertificaat>> IssueCertificateAsync(string systeemId, TimeSpan? geldigheid = null, CancellationToken cancellationToken = default)
    {
        if (Certificates.Ca is not { } ca)
            return new Fout(FoutSoort.NietMogelijk, "certificaat.geen-ca", "Deze Central gebruikt eigen vertrouwensankers (productie) en geeft zelf geen certificaten uit.");
        if (!SysteemId.TryParse(systeemId, out var id)) return Fout.Ongeldig("systeem.id", $"'{systeemId}' is geen systeem-id.");
        await using var db = await DbAsync(cancellationToken);
        var systeem = await db.Systemen.FirstOrDefaultAsync(s => s.Id == systeemId, cancellationToken);
        if (systeem is null) return Fout.NietGevonden("systeem.onbekend", $"Systeem '{systeemId}' bestaat niet; voeg het eerst toe.");
        if (systeem.Deelname == Deelname.Ingetrokken) return Fout.Geweigerd("systeem.ingetrokken", $"Systeem '{systeemId}' is ingetrokken; er worden geen certificaten voor uitgegeven.");
        var certificaat = ca.IssueSystemCertificate(id, geldigheid);
        var record = Record(certificaat, systeemId);
        db.Certificaten.Add(record);
        Audit(db, "certificaat.uitgeven", systeemId, $"serienummer {record.Serienummer}, geldig tot {record.GeldigTot:yyyy-MM-dd}");
        await db.SaveChangesAsync(cancellationToken);
        return new UitgegevenCertificaat(certificaat, Info(record));
    }

    /// <summary>
    /// Signs a node's certificate request (PKCS#10, PEM) with the development CA, so the node's private key — and the
    /// CA's — stay where they are. Server requests may name host names and IP addresses; system requests exactly one
    /// registered, not revoked system (the certificate is registered, like an issued one). Anything else is refused
    /// (<see cref="CertificateRequests.Check"/>). Not possible with production trust anchors.
    /// </summary>
    public async Task<Uitkomst<OndertekendCertificaat>> SignCertificateRequestAsync(string pem, TimeSpan? geldigheid = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pem);
        if (Certificates.Ca is not { } ca)
            return new Fout(FoutSoort.NietMogelijk, "certificaat.geen-ca", "Deze Central gebruikt eigen vertrouwensankers (productie) en tekent zelf geen certificaten.");
        if (!pem.Contains("-----BEGIN CERTIFICATE REQUEST-----", StringComparison.Ordinal))
            return Fout.Ongeldig("certificaat.verzoek", "Dit bestand bevat geen certificaatverzoek (PEM 'CERTIFICATE REQUEST').");
        var controle = CertificateRequests.Check(pem);
        if (controle is AanvraagControle.Geweigerd geweigerd)
            return Fout.Geweigerd("certificaat.verzoek-geweigerd", "Het certificaatverzoek is geweigerd: " + geweigerd.Reden);
        var aanvraag = (AanvraagControle.Toegestaan)controle;
        await using var db = await DbAsync(cancellationToken);
        if (aanvraag.Systeem is { } id)
        {
            var systeem = await db.Systemen.FirstOrDefaultAsync(s => s.Id == id.Value, cancellationToken);
            if (systeem is null) return Fout.NietGevonden("systeem.onbekend", $"Systeem '{id}' bestaat niet; voeg het eerst toe.");
            if (systeem.Deelname == Deelname.Ingetrokken) return Fout.Geweigerd("systeem.ingetrokken", $"Systeem '{id}' is ingetrokken; er worden geen certificaten voor getekend.");
        }
        var certificaat = ca.Sign(aanvraag, geldigheid);
        var serienummer = Hex(certificaat.SerialNumber).TrimStart('0');
        if (aanvraag.Systeem is { } systeemId)
        {
            var record = Record(certificaat, systeemId.Value);
            db.Certificaten.Add(record);
            Audit(db, "certificaat.tekenen", systeemId.Value, $"systeemcertificaat op verzoek, serienummer {serienummer}, geldig tot {record.GeldigTot:yyyy-MM-dd}");
        }
        else
        {
            Audit(db, "certificaat.tekenen", string.Join(",", aanvraag.Namen), $"servercertificaat op verzoek, serienummer {serienummer}, geldig tot {certificaat.NotAfter.ToUniversalTime():yyyy-MM-dd}");
        }
        await db.SaveChangesAsync(cancellationToken);
        return new OndertekendCertificaat(certificaat, aanvraag.Soort, aanvraag.Namen, serienummer, new DateTimeOffset(certificaat.NotAfter.ToUniversalTime(), TimeSpan.Zero));
    }

    /// <summary>Registers a certificate issued elsewhere (e.g. PKIoverheid): it must chain to the anchors and bind the system.</summary>
    public async Task<Uitkomst<CertificaatInfo>> RegisterCertificateAsync(string systeemId, string pem, CancellationToken cancellationToken = default)
    {
        X509Certificate2 certificaat;
        try
        {
            certificaat = X509Certificate2.CreateFromPem(pem);
        }
        catch (CryptographicException)
        {
            return Fout.Ongeldig("certificaat.pem", "Dit is geen leesbaar PEM-certificaat.");
        }
        using (certificaat)
        {
            var check = _services.GetRequiredService<OsoCertificateValidator>().ValidateClient(certificaat);
            if (check is CertificateCheck.Refused r) return Fout.Ongeldig("certificaat.ongeldig", r.Omschrijving);
            if (CertificateNames.Systeem(certificaat)?.Value != systeemId)
                return Fout.Ongeldig("certificaat.systeem", $"Het certificaat hoort bij een ander systeem dan '{systeemId}'.");
            await using var db = await DbAsync(cancellationToken);
            if (!await db.Systemen.AnyAsync(s => s.Id == systeemId, cancellationToken)) return Fout.NietGevonden("systeem.onbekend", $"Systeem '{systeemId}' bestaat niet.");
            var record = Record(certificaat, systeemId);
            if (await db.Certificaten.AnyAsync(c => c.Serienummer == record.Serienummer, cancellationToken))
                return Fout.Conflict("certificaat.bestaat", "Dit certificaat is al geregistreerd.");
            db.Certificaten.Add(record);
            Audit(db, "certificaat.registreren", systeemId, $"serienummer {record.Serienummer}");
            await db.SaveChangesAsync(cancellationToken);
            return Info(record);
        }
    }

    /// <summary>
    /// Revokes a certificate by serial number or SHA-256 thumbprint: Central refuses it from the next handshake on,
    /// and publishes it (<c>GET /api/certificaten/ingetrokken</c>) for school nodes. Optionally only one of a system.
    /// </summary>
    public async Task<Uitkomst<CertificaatInfo>> RevokeCertificateAsync(string serienummerOfSha256, string reden, string? systeemId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(serienummerOfSha256);
        var hex = Hex(serienummerOfSha256);
        var serial = hex.TrimStart('0');
        await using var db = await DbAsync(cancellationToken);
        var record = await db.Certificaten.FirstOrDefaultAsync(c => c.Serienummer == serial || c.Sha256 == hex, cancellationToken);
        if (record is null || (systeemId is not null && record.SysteemId != systeemId))
            return Fout.NietGevonden("certificaat.onbekend", "Er is geen certificaat met dit serienummer of deze vingerafdruk geregistreerd.");
        if (record.IngetrokkenOp is not null) return Fout.Conflict("certificaat.ingetrokken", $"Dit certificaat is al ingetrokken op {record.IngetrokkenOp:yyyy-MM-dd}.");
        record.IngetrokkenOp = Nu;
        record.IngetrokkenReden = reden;
        Audit(db, "certificaat.intrekken", record.SysteemId, $"serienummer {record.Serienummer}: {reden}");
        await db.SaveChangesAsync(cancellationToken);
        Revocations.Invalidate();
        return Info(record);
    }

    /// <summary>Certificates, optionally of one system.</summary>
    public async Task<IReadOnlyList<CertificaatInfo>> CertificatesAsync(string? systeemId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await DbAsync(cancellationToken);
        var lijst = await db.Certificaten.AsNoTracking().Where(c => systeemId == null || c.SysteemId == systeemId)
            .OrderBy(c => c.SysteemId).ThenBy(c => c.UitgegevenOp).ToListAsync(cancellationToken);
        return lijst.Select(Info).ToList();
    }

    /// <summary>The published revocation list (revoked certificates and those of revoked systems).</summary>
    public IReadOnlyList<IngetrokkenCertificaat> RevokedCertificates()
    {
        Revocations.Invalidate();
        return Revocations.Entries();
    }

    /// <summary>
    /// A server certificate from the development CA (for a school node's listeners in a local setup such as
    /// <c>oso up</c>). Null with production trust anchors.
    /// </summary>
    public X509Certificate2? IssueServerCertificate(IEnumerable<string>? hostNames = null) => Certificates.Ca?.IssueServerCertificate(hostNames);

    private SysteemCertificaat Record(X509Certificate2 c, string systeemId) => new()
    {
        Serienummer = Hex(c.SerialNumber).TrimStart('0'),
        Sha256 = c.GetCertHashString(HashAlgorithmName.SHA256).ToUpperInvariant(),
        SysteemId = systeemId,
        Onderwerp = c.Subject,
        GeldigVan = new DateTimeOffset(c.NotBefore.ToUniversalTime(), TimeSpan.Zero),
        GeldigTot = new DateTimeOffset(c.NotAfter.ToUniversalTime(), TimeSpan.Zero),
        UitgegevenOp = Nu,
    };

    private static CertificaatInfo Info(SysteemCertificaat c) =>
        new(c.Serienummer, c.Sha256, c.SysteemId, c.Onderwerp, c.GeldigVan, c.GeldigTot, c.IngetrokkenOp, c.IngetrokkenReden);

    private static string Hex(string s) => s.Replace(":", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).Trim().ToUpperInvariant();
}
