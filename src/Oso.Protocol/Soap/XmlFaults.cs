using System.Xml;
using Oso.Dossier.Xml;

namespace Oso.Protocol.Soap;

/// <summary>
/// Turns the parser's (English) exceptions into stable codes and Dutch text. The parser's own message is not
/// passed on: it can quote bits of the input, and the input may hold a PGN.
/// </summary>
internal static class XmlFaults
{
    public static SoapFault From(XmlException e)
    {
        var kind = XmlErrors.Classify(e);
        var code = kind switch
        {
            XmlErrorKind.DtdProhibited => SoapFoutcodes.DtdVerboden,
            XmlErrorKind.TooLarge => SoapFoutcodes.TeGroot,
            XmlErrorKind.Empty => SoapFoutcodes.Leeg,
            XmlErrorKind.Truncated => SoapFoutcodes.Afgebroken,
            XmlErrorKind.Encoding => SoapFoutcodes.Codering,
            _ => SoapFoutcodes.NietWelgevormd,
        };
        var tekst = XmlErrors.Describe(kind, "bericht");
        return new SoapFault(SoapFaultCode.Client, code, tekst)
        {
            Regel = e.LineNumber > 0 ? e.LineNumber : null,
            Kolom = e.LineNumber > 0 ? e.LinePosition : null,
        };
    }
}
