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

    private const string ObjectId = "oso-verklaring";
    private const string RsaSha256Url = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";

    static Bewijzen() => CryptoConfig.AddAlgorithm(typeof(EcdsaSha256SignatureDescription), EcdsaSha256SignatureDescription.Url);

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
        var manifest = Element(doc, content, "Manifest", OsoNamespaces.XmlDsig);
        var reference = Element(doc, manifest, "Reference", OsoNamespaces.XmlDsig);
        reference.SetAttribute("URI", DossierUri);
        Element(doc, reference, "DigestMethod", OsoNamespaces.XmlDsig).SetAttribute("Algorithm", SignedXml.XmlDsigSHA256Url);
        Element(doc, reference, "DigestValue", OsoNamespaces.XmlDsig).InnerText = Convert.ToBase64String(verklaring.DossierSha256.Span);
        var statement = doc.CreateElement("bw", Naam(verklaring.Soort), OsoNamespaces.Bewijs);
        content.AppendChild(statement);
        Element(doc, statement, "tijdstip", OsoNamespaces.Bewijs).InnerText = verklaring.Tijdstip.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
        Element(doc, statement, "sessieId", OsoNamespaces.Bewijs).InnerText = verklaring.SessieId.ToString();
        Element(doc, statement, "bronBrin", OsoNamespaces.Bewijs).InnerText = verklaring.BronBrin.Value;
        Element(doc, statement, "doelBrin", OsoNamespaces.Bewijs).InnerText = verklaring.DoelBrin.Value;
        Element(doc, statement, "systeem", OsoNamespaces.Bewijs).InnerText = verklaring.Systeem.Value;

        using var ecdsa = signer.GetECDsaPrivateKey();
        using var rsa = ecdsa is null ? signer.GetRSAPrivateKey() : null;
        AsymmetricAlgorithm key = (AsymmetricAlgorithm?)ecdsa ?? rsa ?? throw new ArgumentException("Het certificaat heeft geen ECDSA- of RSA-privésleutel.", nameof(signer));
        var signed = new SignedXml { SigningKey = key };
        signed.SignedInfo!.CanonicalizationMethod = SignedXml.XmlDsigExcC14NTransformUrl;
        signed.SignedInfo.SignatureMethod = ecdsa is not null ? EcdsaSha256SignatureDescription.Url : RsaSha256Url;
        signed.AddObject(new DataObject { Id = ObjectId, Data = content.ChildNodes });
        var toObject = new Reference("#" + ObjectId) { DigestMethod = SignedXml.XmlDsigSHA256Url };
        toObject.AddTransform(new XmlDsigExcC14NTransform());
        signed.AddReference(toObject);
        signed.KeyInfo = new KeyInfo();
        signed.KeyInfo.AddClause(new KeyInfoX509Data(signer));
        signed.ComputeSignature();
        return Handtekening.Trusted(Encoding.UTF8.GetBytes(signed.GetXml().OuterXml));
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
            using var ecdsa = certificate.GetECDsaPublicKey();
            using var rsa = ecdsa is null ? certificate.GetRSAPublicKey() : null;
            var expectedMethod = ecdsa is not null ? EcdsaSha256SignatureDescription.Url : RsaSha256Url;
            AsymmetricAlgorithm? key = (AsymmetricAlgorithm?)ecdsa ?? rsa;
            bool valid;
            try
            {
                valid = key is not null && signed.SignatureMethod == expectedMethod && signed.CheckSignature(key);
            }
            catch (CryptographicException)
            {
                valid = false;
            }
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
        try
        {
            var doc = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
            using (var reader = XmlReader.Create(new MemoryStream(handtekening.Utf8.ToArray()), Handtekening.Settings)) doc.Load(reader);
            var root = doc.DocumentElement!;
            if (root.LocalName != "Signature" || root.NamespaceURI != OsoNamespaces.XmlDsig) return null;
            var signed = new SignedXml(doc);
            signed.LoadXml(root);

            // exactly one reference, to exactly one object with our id, and no other element with that id (no wrapping)
            if (signed.SignedInfo!.References.Count != 1 || signed.SignedInfo.References[0] is not Reference { Uri: "#" + ObjectId } reference) return null;
            if (reference.TransformChain.Count != 1 || reference.TransformChain[0] is not XmlDsigExcC14NTransform || reference.DigestMethod != SignedXml.XmlDsigSHA256Url) return null;
            if (signed.SignedInfo.CanonicalizationMethod != SignedXml.XmlDsigExcC14NTransformUrl) return null;
            var withId = doc.SelectNodes("//*[@Id or @ID or @id]")!;
            if (withId.Count != 1 || withId[0] is not XmlElement { LocalName: "Object", NamespaceURI: OsoNamespaces.XmlDsig, ParentNode: var parent } obj
                || parent != root || obj.GetAttribute("Id") != ObjectId) return null;

            var certificates = signed.KeyInfo.OfType<KeyInfoX509Data>().SelectMany(d => d.Certificates!.Cast<X509Certificate2>()).ToList();
            if (certificates.Count != 1) return null;

            var children = obj.ChildNodes.OfType<XmlElement>().ToList();
            if (children.Count != 2 || children[0] is not { LocalName: "Manifest", NamespaceURI: OsoNamespaces.XmlDsig } manifest
                || children[1] is not { NamespaceURI: OsoNamespaces.Bewijs } statement) return null;
            var digest = ManifestDigest(manifest);
            if (digest is null) return null;
            VerklaringSoort soort;
            if (statement.LocalName == Naam(VerklaringSoort.Verzending)) soort = VerklaringSoort.Verzending;
            else if (statement.LocalName == Naam(VerklaringSoort.Ontvangst)) soort = VerklaringSoort.Ontvangst;
            else return null;
            var fields = statement.ChildNodes.OfType<XmlElement>().Where(e => e.NamespaceURI == OsoNamespaces.Bewijs)
                .ToDictionary(e => e.LocalName, e => e.InnerText, StringComparer.Ordinal);
            if (fields.Count != 5
                || !DateTimeOffset.TryParseExact(fields.GetValueOrDefault("tijdstip"), "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var tijdstip)
                || !SessieId.TryParse(fields.GetValueOrDefault("sessieId"), out var sessie)
                || !Brin.TryParse(fields.GetValueOrDefault("bronBrin"), out var bron)
                || !Brin.TryParse(fields.GetValueOrDefault("doelBrin"), out var doel)
                || !SysteemId.TryParse(fields.GetValueOrDefault("systeem"), out var systeem)) return null;
            return (signed, certificates[0], new Verklaring(soort, tijdstip, sessie, bron, doel, systeem, digest));
        }
        catch (Exception e) when (e is XmlException or CryptographicException or FormatException or System.Xml.XPath.XPathException)
        {
            return null;
        }
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

    private static XmlElement Element(XmlDocument doc, XmlElement parent, string name, string ns)
    {
        var prefix = ns == OsoNamespaces.Bewijs ? "bw" : "";
        var element = doc.CreateElement(prefix, name, ns);
        parent.AppendChild(element);
        return element;
    }

    private static Handtekeningcontrole.Ongeldig Fout(HandtekeningFout fout, string tekst) => new(fout, tekst);
}
