namespace Oso.Protocol;

/// <summary>The XML namespaces of the OSO exchange.</summary>
public static class OsoNamespaces
{
    /// <summary>SOAP 1.1 envelope namespace.</summary>
    public const string SoapEnvelope = "http://schemas.xmlsoap.org/soap/envelope/";

    /// <summary>SOAP 1.2 envelope namespace; only recognised to answer with a <c>VersionMismatch</c> fault.</summary>
    public const string Soap12Envelope = "http://www.w3.org/2003/05/soap-envelope";

    /// <summary>The OSO'22 message namespace (public samples of the Kennisnet developer wiki).</summary>
    public const string Overstapservice = "http://xml.kennisnet.nl/schemas/Overstapservice/20200910";

    /// <summary>The namespace of the OSO gegevensset 2019.1 (dossier, dossiers, terugkoppeling).</summary>
    public const string Gegevensset = "http://www.edustandaard.nl/oso_gegevensset/2019/dossier";

    /// <summary>
    /// OpenOSO's proofs (RECONSTRUCTION, docs/protocol.md §4a): the signed statements inside a dossier signature
    /// (<c>verzending</c>) and a receipt (<c>ontvangst</c>).
    /// </summary>
    public const string Bewijs = "http://openoso.nl/schemas/bewijs/2026";

    /// <summary>XML-DSig.</summary>
    public const string XmlDsig = "http://www.w3.org/2000/09/xmldsig#";
}
