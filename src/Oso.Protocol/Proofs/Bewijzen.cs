using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;
using Oso.Dossier.Identifiers;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Security;

// SignedXml works on XmlDocument only. Every document here is built in memory or loaded through the hardened reader
// (DTDs prohibited, no resolver), which is what the ban on XmlDocument protects against.
#pragma warning disable RS0030

namespace Oso.Protocol.Proofs;

/// <summary>
/// Signs and checks the proofs of a transfer (docs/protocol.md §4a): a detached XML-DSig signature by a system
/// certificate over one <see cref="Verklaring"/>. The signature's only Reference points at its own <c>ds:Object</c>
/// (exclusive c14n, SHA-256), which holds a <c>ds:Manifest</c> whose Reference <c>urn:oso:dossier</c> carries the
/// SHA-256 of the exact dossier bytes (no transforms), and the statement in the bewijs namespace. So the dossier is
/// digested once as raw octets and never canonicalised, the library's core validation checks signature and statement,
/// and the manifest digest is compared here (XML-DSig leaves manifest references to the application).
/// </summary>
public static class Bewijzen
{
    /// <summary>The manifest reference that names the dossier bytes.</summary>
    public const string DossierUri = "urn:oso:dossier";

    /// <summary>
    /// Signs <paramref name="verklaring"/> with <paramref name="signer"/> (a system certificate with its private key,
    /// ECDSA or RSA). The statement's system must be the one the certificate names.
    /// </summary>
    public static Handtekening Onderteken(Verklaring verklaring, X509Certificate2 signer)
    {
        ArgumentNullException.ThrowIfNull(verklaring);
        ArgumentNullException.ThrowIfNull(signer);
        if (verklaring.DossierSha256.Length != 32) throw new ArgumentException("De verklaring heeft een SHA-256 van 32 bytes nodig.", nameof(verklaring));
        if (CertificateNames.Systeem(signer) != verklaring.Systeem)
            throw new ArgumentException("De verklaring noemt een ander systeem dan het certificaat.", nameof(verklaring));

        var doc = new XmlDocument { PreserveWhitespace = true };
        var content = doc.CreateElement("inhoud");
        var manifest = XmlProof.Element(content, "Manifest", OsoNamespaces.XmlDsig);
        var reference = XmlProof.Element(manifest, "Reference", OsoNamespaces.XmlDsig);
        reference.SetAttribute("URI", DossierUri);
        XmlProof.Element(reference, "DigestMethod", OsoNamespaces.XmlDsig).SetAttribute("Algorithm", SignedXml.XmlDsigSHA256Url);
        XmlProof.Element(reference, "DigestValue", OsoNamespaces.XmlDsig).InnerText = Convert.ToBase64String(verklaring.DossierSha256.Span);
        XmlProof.Statement(content, Naam(verklaring.Soort), ("tijdstip", XmlProof.Time(verklaring.Tijdstip)), ("sessieId", verklaring.SessieId.ToString()),
            ("bronBrin", verklaring.BronBrin.Value), ("doelBrin", verklaring.DoelBrin.Value), ("systeem", verklaring.Systeem.Value));
        return XmlProof.Sign(content, signer);
    }

    /// <summary>SHA-256 of the dossier bytes, as a statement carries it.</summary>
    public static byte[] Digest(ReadOnlySpan<byte> dossier) => SHA256.HashData(dossier);

    /// <summary>
    /// Checks <paramref name="handtekening"/> over <paramref name="dossier"/>: the signature value, the dossier bytes
    /// against the manifest digest, the certificate (chain to the validator's anchors, validity at its time, the
    /// revocation list, a system id that the statement repeats) and what <paramref name="verwachting"/> asks.
    /// </summary>
    public static Handtekeningcontrole Controleer(Handtekening? handtekening, ReadOnlySpan<byte> dossier, OsoCertificateValidator validator, Verwachting verwachting) =>
        ControleerDigest(handtekening, SHA256.HashData(dossier), validator, verwachting);

    /// <summary>
    /// Like <see cref="Controleer"/>, for a party that kept only the SHA-256 of the dossier bytes (the bron checking the
    /// doel's ontvangstbevestiging against what it sent).
    /// </summary>
    public static Handtekeningcontrole ControleerDigest(Handtekening? handtekening, ReadOnlySpan<byte> dossierSha256, OsoCertificateValidator validator, Verwachting verwachting)
    {
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(verwachting);
        if (handtekening is null) return Fout(HandtekeningFout.Ontbreekt, "Er is geen handtekening.");
        if (Lees(handtekening) is not { } gelezen) return Fout(HandtekeningFout.Onleesbaar, "De handtekening heeft niet de vorm van een OSO-bewijs (XML-DSig met één verklaring).");
        var (signed, certificate, verklaring) = gelezen;
        using (certificate)
        {
            var valid = XmlProof.Holds(signed, certificate);
            if (!valid)
                return Fout(HandtekeningFout.HandtekeningOnjuist, "De handtekening klopt niet: de verklaring is na het ondertekenen gewijzigd, of met een andere sleutel ondertekend.");
            if (!CryptographicOperations.FixedTimeEquals(dossierSha256, verklaring.DossierSha256.Span))
                return Fout(HandtekeningFout.DossierGewijzigd, "Het dossier is niet meer hetzelfde als het ondertekende: er is minstens één byte gewijzigd.");
            var check = validator.ValidateClient(certificate);
            if (check is CertificateCheck.Refused refused)
                return Fout(HandtekeningFout.CertificaatGeweigerd, "Het certificaat van de ondertekenaar wordt niet vertrouwd: " + refused.Omschrijving);
            var systeem = ((CertificateCheck.Accepted)check).Systeem;
            if (systeem != verklaring.Systeem)
                return Fout(HandtekeningFout.Onleesbaar, "De verklaring noemt een ander systeem dan het certificaat van de ondertekenaar.");
            if (verwachting.Systeem is { } wie && wie != systeem)
                return Fout(HandtekeningFout.AnderSysteem, $"Ondertekend door systeem {systeem}, maar het Traffic Center noemde systeem {wie} voor deze sessie.");
            if (verwachting.Soort != verklaring.Soort
                || verwachting.SessieId is { } sessie && sessie != verklaring.SessieId
                || verwachting.BronBrin is { } bron && bron != verklaring.BronBrin
                || verwachting.DoelBrin is { } doel && doel != verklaring.DoelBrin)
                return Fout(HandtekeningFout.AndereSessie, "De handtekening hoort bij een andere overdracht (sessie, scholen of soort verklaring).");
            return new Handtekeningcontrole.Geldig(verklaring, certificate.Subject, certificate.SerialNumber);
        }
    }

    /// <summary>
    /// Reads the statement without checking anything (for display of a stored proof that was checked before). Null when
    /// the bytes are not of our form.
    /// </summary>
    public static Verklaring? LeesVerklaring(Handtekening handtekening)
    {
        ArgumentNullException.ThrowIfNull(handtekening);
        if (Lees(handtekening) is not { } gelezen) return null;
        gelezen.Certificate.Dispose();
        return gelezen.Verklaring;
    }

    private static (SignedXml Signed, X509Certificate2 Certificate, Verklaring Verklaring)? Lees(Handtekening handtekening)
    {
        if (XmlProof.Read(handtekening) is not var (signed, certificate, children)) return null;
        if (Statement(children) is { } verklaring) return (signed, certificate, verklaring);
        certificate.Dispose();
        return null;
    }

    private static Verklaring? Statement(List<XmlElement> children)
    {
        if (children.Count != 2 || children[0] is not { LocalName: "Manifest", NamespaceURI: OsoNamespaces.XmlDsig } manifest
            || children[1] is not { NamespaceURI: OsoNamespaces.Bewijs } statement) return null;
        byte[]? digest;
        try
        {
            digest = ManifestDigest(manifest);
        }
        catch (FormatException)
        {
            return null;
        }
        if (digest is null) return null;
        VerklaringSoort soort;
        if (statement.LocalName == Naam(VerklaringSoort.Verzending)) soort = VerklaringSoort.Verzending;
        else if (statement.LocalName == Naam(VerklaringSoort.Ontvangst)) soort = VerklaringSoort.Ontvangst;
        else return null;
        var fields = XmlProof.Fields(statement);
        if (fields is null || fields.Count != 5
            || !XmlProof.TryTime(fields.GetValueOrDefault("tijdstip"), out var tijdstip)
            || !SessieId.TryParse(fields.GetValueOrDefault("sessieId"), out var sessie)
            || !Brin.TryParse(fields.GetValueOrDefault("bronBrin"), out var bron)
            || !Brin.TryParse(fields.GetValueOrDefault("doelBrin"), out var doel)
            || !SysteemId.TryParse(fields.GetValueOrDefault("systeem"), out var systeem)) return null;
        return new Verklaring(soort, tijdstip, sessie, bron, doel, systeem, digest);
    }

    private static byte[]? ManifestDigest(XmlElement manifest)
    {
        var references = manifest.ChildNodes.OfType<XmlElement>().ToList();
        if (references.Count != 1 || references[0] is not { LocalName: "Reference", NamespaceURI: OsoNamespaces.XmlDsig } reference
            || reference.GetAttribute("URI") != DossierUri) return null;
        var parts = reference.ChildNodes.OfType<XmlElement>().ToList();
        if (parts.Count != 2 || parts[0] is not { LocalName: "DigestMethod" } method || method.GetAttribute("Algorithm") != SignedXml.XmlDsigSHA256Url
            || parts[1] is not { LocalName: "DigestValue" } value) return null;
        var digest = Convert.FromBase64String(value.InnerText.Trim());
        return digest.Length == 32 ? digest : null;
    }

    private static string Naam(VerklaringSoort soort) => soort == VerklaringSoort.Verzending ? "verzending" : "ontvangst";

    private static Handtekeningcontrole.Ongeldig Fout(HandtekeningFout fout, string tekst) => new(fout, tekst);
}
