using System.Security.Cryptography;

namespace Oso.Protocol.Proofs;

/// <summary>
/// ECDSA with SHA-256 for XML-DSig (<c>http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256</c>, RFC 4051), which
/// System.Security.Cryptography.Xml does not register itself. The signature value is r‖s (IEEE P1363), as XML-DSig
/// prescribes; .NET's <see cref="ECDsa.SignHash(byte[])"/> produces exactly that.
/// </summary>
public sealed class EcdsaSha256SignatureDescription : SignatureDescription
{
    /// <summary>The algorithm URI.</summary>
    public const string Url = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";

    /// <summary>Creates the description.</summary>
    public EcdsaSha256SignatureDescription()
    {
        KeyAlgorithm = typeof(ECDsa).AssemblyQualifiedName;
        DigestAlgorithm = typeof(SHA256).AssemblyQualifiedName;
    }

    /// <inheritdoc/>
    public override HashAlgorithm CreateDigest() => SHA256.Create();

    /// <inheritdoc/>
    public override AsymmetricSignatureFormatter CreateFormatter(AsymmetricAlgorithm key) => new Formatter(AsEcdsa(key));

    /// <inheritdoc/>
    public override AsymmetricSignatureDeformatter CreateDeformatter(AsymmetricAlgorithm key) => new Deformatter(AsEcdsa(key));

    private static ECDsa AsEcdsa(AsymmetricAlgorithm key) =>
        key as ECDsa ?? throw new CryptographicException("Voor ecdsa-sha256 is een ECDSA-sleutel nodig.");

    private sealed class Formatter(ECDsa key) : AsymmetricSignatureFormatter
    {
        private ECDsa _key = key;

        public override void SetKey(AsymmetricAlgorithm key) => _key = AsEcdsa(key);

        public override void SetHashAlgorithm(string strName)
        {
        }

        public override byte[] CreateSignature(byte[] rgbHash) => _key.SignHash(rgbHash);
    }

    private sealed class Deformatter(ECDsa key) : AsymmetricSignatureDeformatter
    {
        private ECDsa _key = key;

        public override void SetKey(AsymmetricAlgorithm key) => _key = AsEcdsa(key);

        public override void SetHashAlgorithm(string strName)
        {
        }

        public override bool VerifySignature(byte[] rgbHash, byte[] rgbSignature) => _key.VerifyHash(rgbHash, rgbSignature);
    }
}
