using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;

// SignedXml works on XmlDocument only. Every document here is built in memory or loaded through the hardened reader
// (DTDs prohibited, no resolver), which is what the ban on XmlDocument protects against.
#pragma warning disable RS0030

namespace Oso.Protocol.Proofs;

/// <summary>
/// The XML-DSig form every proof shares (docs/protocol.md §4a): one <c>ds:Signature</c> whose only Reference points
/// at its own <c>ds:Object</c> (exclusive c14n, SHA-256), the signer's certificate in KeyInfo. What the object holds is
/// the caller's: a dossier statement with its manifest (<see cref="Bewijzen"/>), an audit checkpoint or Central's
/// acknowledgement of one (<see cref="Ankers"/>).
/// </summary>
internal static class XmlProof
{
    private const string ObjectId = "oso-verklaring";
    private const string RsaSha256Url = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";

    static XmlProof() => CryptoConfig.AddAlgorithm(typeof(EcdsaSha256SignatureDescription), EcdsaSha256SignatureDescription.Url);

    /// <summary>Signs the children of <paramref name="content"/> with <paramref name="signer"/>'s ECDSA or RSA private key.</summary>
    public static Handtekening Sign(XmlElement content, X509Certificate2 signer)
    {
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

    /// <summary>Whether the signature value holds for <paramref name="certificate"/>'s key, with the method that key calls for.</summary>
    public static bool Holds(SignedXml signed, X509Certificate2 certificate)
    {
        using var ecdsa = certificate.GetECDsaPublicKey();
        using var rsa = ecdsa is null ? certificate.GetRSAPublicKey() : null;
        var expectedMethod = ecdsa is not null ? EcdsaSha256SignatureDescription.Url : RsaSha256Url;
        AsymmetricAlgorithm? key = (AsymmetricAlgorithm?)ecdsa ?? rsa;
        try
        {
            return key is not null && signed.SignatureMethod == expectedMethod && signed.CheckSignature(key);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>
    /// Reads a proof of our form — exactly one reference, to exactly one object with our id, and no other element with
    /// an id (no wrapping); one certificate — and returns the object's child elements. Null when the bytes are not of
    /// that form. Nothing is verified here. The caller disposes the certificate.
    /// </summary>
    public static (SignedXml Signed, X509Certificate2 Certificate, List<XmlElement> Content)? Read(Handtekening handtekening)
    {
        try
        {
            var doc = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
            using (var reader = XmlReader.Create(new MemoryStream(handtekening.Utf8.ToArray()), Handtekening.Settings)) doc.Load(reader);
            var root = doc.DocumentElement!;
            if (root.LocalName != "Signature" || root.NamespaceURI != OsoNamespaces.XmlDsig) return null;
            var signed = new SignedXml(doc);
            signed.LoadXml(root);
            if (signed.SignedInfo!.References.Count != 1 || signed.SignedInfo.References[0] is not Reference { Uri: "#" + ObjectId } reference) return null;
            if (reference.TransformChain.Count != 1 || reference.TransformChain[0] is not XmlDsigExcC14NTransform || reference.DigestMethod != SignedXml.XmlDsigSHA256Url) return null;
            if (signed.SignedInfo.CanonicalizationMethod != SignedXml.XmlDsigExcC14NTransformUrl) return null;
            var withId = doc.SelectNodes("//*[@Id or @ID or @id]")!;
            if (withId.Count != 1 || withId[0] is not XmlElement { LocalName: "Object", NamespaceURI: OsoNamespaces.XmlDsig, ParentNode: var parent } obj
                || parent != root || obj.GetAttribute("Id") != ObjectId) return null;
            var certificates = signed.KeyInfo.OfType<KeyInfoX509Data>().SelectMany(d => d.Certificates!.Cast<X509Certificate2>()).ToList();
            if (certificates.Count != 1)
            {
                foreach (var c in certificates) c.Dispose();
                return null;
            }
            return (signed, certificates[0], obj.ChildNodes.OfType<XmlElement>().ToList());
        }
        catch (Exception e) when (e is XmlException or CryptographicException or FormatException or System.Xml.XPath.XPathException)
        {
            return null;
        }
    }

    /// <summary>A statement's child elements in the bewijs namespace by local name; null when one repeats or is foreign.</summary>
    public static Dictionary<string, string>? Fields(XmlElement statement)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in statement.ChildNodes.OfType<XmlElement>())
            if (e.NamespaceURI != OsoNamespaces.Bewijs || !fields.TryAdd(e.LocalName, e.InnerText)) return null;
        return fields;
    }

    /// <summary>A statement element (<c>bw:NAME</c>) with its fields, in order, under <paramref name="parent"/>.</summary>
    public static XmlElement Statement(XmlElement parent, string name, params (string Name, string Value)[] fields)
    {
        var doc = parent.OwnerDocument;
        var statement = doc.CreateElement("bw", name, OsoNamespaces.Bewijs);
        parent.AppendChild(statement);
        foreach (var (field, value) in fields) Element(statement, field, OsoNamespaces.Bewijs).InnerText = value;
        return statement;
    }

    /// <summary>A child element (prefix bw in the bewijs namespace, none otherwise).</summary>
    public static XmlElement Element(XmlElement parent, string name, string ns)
    {
        var element = parent.OwnerDocument.CreateElement(ns == OsoNamespaces.Bewijs ? "bw" : "", name, ns);
        parent.AppendChild(element);
        return element;
    }

    /// <summary>A time as statements carry it (UTC, round-trip format).</summary>
    public static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    /// <summary>Parses <see cref="Time"/>.</summary>
    public static bool TryTime(string? text, out DateTimeOffset t) => DateTimeOffset.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out t);
}
