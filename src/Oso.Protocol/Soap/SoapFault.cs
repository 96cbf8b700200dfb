using System.Xml;

namespace Oso.Protocol.Soap;

/// <summary>The SOAP 1.1 fault codes.</summary>
public enum SoapFaultCode
{
    /// <summary>The envelope is not SOAP 1.1.</summary>
    VersionMismatch,

    /// <summary>A header marked mustUnderstand was not understood.</summary>
    MustUnderstand,

    /// <summary>The message was wrong: do not send it again unchanged.</summary>
    Client,

    /// <summary>The receiver failed: the same message may succeed later.</summary>
    Server,
}

/// <summary>
/// A SOAP fault: the answer to a message that could not be processed at all. Functional outcomes are never faults:
/// they are <c>resultaat</c> codes in a normal response.
/// </summary>
/// <param name="Code">The SOAP faultcode.</param>
/// <param name="Foutcode">Our stable code (see <see cref="SoapFoutcodes"/>), carried in the fault detail.</param>
/// <param name="Tekst">Dutch description (the faultstring without the location).</param>
public sealed record SoapFault(SoapFaultCode Code, string Foutcode, string Tekst)
{
    /// <summary>SOAP 1.1 over HTTP answers every fault with status 500.</summary>
    public const int HttpStatusCode = 500;

    /// <summary>Line in the received message, when known.</summary>
    public int? Regel { get; init; }

    /// <summary>Column in the received message, when known.</summary>
    public int? Kolom { get; init; }

    /// <summary>The faultstring: the Dutch text with its location.</summary>
    public string Omschrijving => Regel is null ? Tekst : $"{Tekst} (regel {Regel}, positie {Kolom})";

    /// <summary>A Client fault at the reader's current position.</summary>
    public static SoapFault Client(string foutcode, string tekst, IXmlLineInfo? waar = null) =>
        Located(new SoapFault(SoapFaultCode.Client, foutcode, tekst), waar);

    /// <summary>A Server fault (the receiver failed); the text must not reveal internals.</summary>
    public static SoapFault Server(string tekst) => new(SoapFaultCode.Server, SoapFoutcodes.InterneFout, tekst);

    internal static SoapFault Located(SoapFault fault, IXmlLineInfo? waar) =>
        waar is { } info && info.HasLineInfo() ? fault with { Regel = info.LineNumber, Kolom = info.LinePosition } : fault;
}

/// <summary>The stable codes of our faults (the <c>code</c> in the fault detail).</summary>
public static class SoapFoutcodes
{
#pragma warning disable CS1591 // the names say it; docs/protocol.md lists them with their Dutch text
    public const string NietWelgevormd = "SOAP.NietWelgevormd";
    public const string DtdVerboden = "SOAP.DtdVerboden";
    public const string Codering = "SOAP.Codering";
    public const string Afgebroken = "SOAP.Afgebroken";
    public const string Leeg = "SOAP.Leeg";
    public const string TeGroot = "SOAP.TeGroot";
    public const string TeDiep = "SOAP.TeDiep";
    public const string TeveelElementen = "SOAP.TeveelElementen";
    public const string TeveelAttributen = "SOAP.TeveelAttributen";
    public const string TekstTeLang = "SOAP.TekstTeLang";
    public const string GeenEnvelope = "SOAP.GeenEnvelope";
    public const string VersieFout = "SOAP.VersieFout";
    public const string GeenBody = "SOAP.GeenBody";
    public const string LegeBody = "SOAP.LegeBody";
    public const string MeerdereBerichten = "SOAP.MeerdereBerichten";
    public const string MustUnderstand = "SOAP.MustUnderstand";
    public const string VerkeerdeNamespace = "SOAP.VerkeerdeNamespace";
    public const string OnbekendeOperatie = "SOAP.OnbekendeOperatie";
    public const string VerwachtVerzoek = "SOAP.VerwachtVerzoek";
    public const string VerwachtAntwoord = "SOAP.VerwachtAntwoord";
    public const string OnbekendElement = "SOAP.OnbekendElement";
    public const string DubbelElement = "SOAP.DubbelElement";
    public const string ElementOntbreekt = "SOAP.ElementOntbreekt";
    public const string OngeldigeWaarde = "SOAP.OngeldigeWaarde";
    public const string Leesfout = "SOAP.Leesfout";
    public const string Mediatype = "SOAP.Mediatype";
    public const string InterneFout = "SOAP.InterneFout";
    public const string Onbekend = "SOAP.Onbekend";
#pragma warning restore CS1591
}
