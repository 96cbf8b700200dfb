using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Oso.Protocol.Security;

namespace Oso.Conformance;

/// <summary>What checking a report's signature found.</summary>
public abstract record RapportControle
{
    private RapportControle()
    {
    }

    /// <summary>The signature holds: <see cref="Certificaat"/> signed exactly this report.</summary>
    public sealed record Geldig(ConformanceRapport Rapport, X509Certificate2 Certificaat) : RapportControle;

    /// <summary>Not a report, not signed, or the signature does not hold (Dutch reason).</summary>
    public sealed record Ongeldig(string Reden) : RapportControle;
}

/// <summary>
/// Signs a report with the key of the system certificate the kit ran with, and checks such a signature. The signed
/// bytes are the report's canonical JSON (our serializer, without the signature member), so any change to a
/// scenario, a date or the target breaks it. Whether the certificate is trusted, and for which system, is for the
/// reader to decide (Central checks it against its trust anchors and the supplier's system).
/// </summary>
public static class RapportOndertekening
{
    /// <summary>Signs <paramref name="rapport"/> with <paramref name="certificaat"/>'s private key (EC or RSA).</summary>
    public static ConformanceRapport Onderteken(ConformanceRapport rapport, X509Certificate2 certificaat)
    {
        ArgumentNullException.ThrowIfNull(rapport);
        ArgumentNullException.ThrowIfNull(certificaat);
        var data = Canoniek(rapport);
        string algoritme;
        byte[] handtekening;
        using (var ec = certificaat.GetECDsaPrivateKey())
        using (var rsa = ec is null ? certificaat.GetRSAPrivateKey() : null)
        {
            if (ec is not null)
            {
                algoritme = "ES256";
                handtekening = ec.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            }
            else if (rsa is not null)
            {
                algoritme = "RS256";
                handtekening = rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            }
            else
            {
                throw new ArgumentException("Het certificaat heeft geen EC- of RSA-privésleutel.", nameof(certificaat));
            }
        }
        return rapport with { Ondertekening = new Ondertekening(certificaat.ExportCertificatePem(), algoritme, Convert.ToBase64String(handtekening)) };
    }

    /// <summary>Reads <paramref name="json"/> and checks its signature.</summary>
    public static RapportControle Controleer(ReadOnlySpan<byte> json)
    {
        var rapport = ConformanceRapport.FromJson(json);
        if (rapport is null) return new RapportControle.Ongeldig("Dit is geen rapport van de OSO-conformancekit (JSON met kit \"openoso-conformance\").");
        if (rapport.Ondertekening is not { } o) return new RapportControle.Ongeldig("Het rapport is niet ondertekend: draai de kit met --cert en --key van uw systeem.");
        X509Certificate2 certificaat;
        byte[] handtekening;
        try
        {
            certificaat = X509Certificate2.CreateFromPem(o.Certificaat);
            handtekening = Convert.FromBase64String(o.Handtekening);
        }
        catch (Exception e) when (e is CryptographicException or FormatException or ArgumentException)
        {
            return new RapportControle.Ongeldig("Het certificaat of de handtekening in het rapport is onleesbaar.");
        }
        var data = Canoniek(rapport);
        var klopt = o.Algoritme switch
        {
            "ES256" => certificaat.GetECDsaPublicKey() is { } ec && Gebruik(ec, k => k.VerifyData(data, handtekening, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)),
            "RS256" => certificaat.GetRSAPublicKey() is { } rsa && Gebruik(rsa, k => k.VerifyData(data, handtekening, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)),
            _ => false,
        };
        if (!klopt)
        {
            certificaat.Dispose();
            return new RapportControle.Ongeldig("De handtekening klopt niet: het rapport is na het ondertekenen gewijzigd, of niet met dit certificaat ondertekend.");
        }
        return new RapportControle.Geldig(rapport, certificaat);
    }

    /// <summary>The system id a certificate binds (<c>urn:oso:systeem:&lt;id&gt;</c>), or null.</summary>
    public static string? Systeem(X509Certificate2 certificaat) => CertificateNames.Systeem(certificaat)?.Value;

    private static bool Gebruik<T>(T key, Func<T, bool> check)
        where T : IDisposable
    {
        using (key) return check(key);
    }

    private static byte[] Canoniek(ConformanceRapport rapport) => (rapport with { Ondertekening = null }).ToJson();
}
