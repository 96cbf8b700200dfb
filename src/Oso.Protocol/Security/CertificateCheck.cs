using System.Security.Cryptography.X509Certificates;
using Oso.Protocol.Identifiers;

namespace Oso.Protocol.Security;

/// <summary>Why a certificate was refused.</summary>
public enum CertificaatWeigering
{
    /// <summary>No certificate was presented.</summary>
    Ontbreekt,

    /// <summary>It does not chain to one of our trust anchors.</summary>
    OnbekendeUitgever,

    /// <summary>Its validity has ended.</summary>
    Verlopen,

    /// <summary>Its validity has not started yet.</summary>
    NogNietGeldig,

    /// <summary>It (or its issuer) is on the revocation list.</summary>
    Ingetrokken,

    /// <summary>It lacks the required extended key usage (serverAuth or clientAuth).</summary>
    VerkeerdGebruik,

    /// <summary>A client certificate without exactly one <c>urn:oso:systeem:</c> id.</summary>
    GeenSysteemId,

    /// <summary>The server certificate is not for the host that was called.</summary>
    NaamKloptNiet,

    /// <summary>Any other chain error (bad signature, invalid extension …).</summary>
    Ongeldig,
}

/// <summary>The outcome of checking a certificate.</summary>
public abstract record CertificateCheck
{
    private CertificateCheck()
    {
    }

    /// <summary>Accepted.</summary>
    /// <param name="Subject">The certificate's subject (for a trace).</param>
    /// <param name="Systeem">The bound system id (client certificates only).</param>
    public sealed record Accepted(string Subject, SysteemId? Systeem) : CertificateCheck;

    /// <summary>Refused.</summary>
    /// <param name="Reden">Why.</param>
    /// <param name="Omschrijving">Dutch text for a trace or log.</param>
    public sealed record Refused(CertificaatWeigering Reden, string Omschrijving) : CertificateCheck;

    internal static Refused Weiger(CertificaatWeigering reden, X509Certificate2? certificate = null)
    {
        var wie = certificate is null ? "Het certificaat" : $"Het certificaat '{certificate.Subject}'";
        return new Refused(reden, reden switch
        {
            CertificaatWeigering.Ontbreekt => "Er is geen certificaat aangeboden.",
            CertificaatWeigering.OnbekendeUitgever => $"{wie} is niet uitgegeven door een vertrouwde OSO-uitgever.",
            CertificaatWeigering.Verlopen => $"{wie} is verlopen (geldig tot {certificate?.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm} UTC).",
            CertificaatWeigering.NogNietGeldig => $"{wie} is nog niet geldig (vanaf {certificate?.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm} UTC).",
            CertificaatWeigering.Ingetrokken => $"{wie} is ingetrokken.",
            CertificaatWeigering.VerkeerdGebruik => $"{wie} is niet bedoeld voor dit gebruik (extended key usage).",
            CertificaatWeigering.GeenSysteemId => $"{wie} bevat niet precies één systeem-id (urn:oso:systeem:…).",
            CertificaatWeigering.NaamKloptNiet => $"{wie} hoort niet bij de aangeroepen server.",
            _ => $"{wie} is ongeldig.",
        });
    }
}
