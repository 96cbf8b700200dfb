using System.Xml;

namespace Oso.Protocol.Soap;

/// <summary>
/// Turns the parser's (English) exceptions into stable codes and Dutch text. The parser's own message is not
/// passed on: it can quote bits of the input, and the input may hold a PGN.
/// </summary>
internal static class XmlFaults
{
    public static SoapFault From(XmlException e)
    {
        var m = e.Message;
        var (code, tekst) = m switch
        {
            _ when m.Contains("DTD", StringComparison.Ordinal) => (SoapFoutcodes.DtdVerboden,
                "Het bericht bevat een DTD (<!DOCTYPE ...>). Dat is niet toegestaan: DTD's en entiteiten worden nooit verwerkt."),
            _ when m.Contains("MaxCharactersInDocument", StringComparison.Ordinal) => (SoapFoutcodes.TeGroot,
                "Het bericht is groter dan toegestaan en wordt niet verder gelezen."),
            _ when m.Contains("Root element is missing", StringComparison.Ordinal) => (SoapFoutcodes.Leeg,
                "Het bericht bevat geen XML-element (het is leeg of bevat alleen commentaar)."),
            _ when m.Contains("Unexpected end of file", StringComparison.Ordinal) => (SoapFoutcodes.Afgebroken,
                "Het bericht houdt onverwacht op (afgebroken of onvolledig)."),
            _ when m.Contains("encoding", StringComparison.OrdinalIgnoreCase) => (SoapFoutcodes.Codering,
                "Het bericht bevat tekens die niet kloppen met de codering (bijvoorbeeld ongeldige UTF-8)."),
            _ when m.Contains("undeclared prefix", StringComparison.Ordinal) => (SoapFoutcodes.NietWelgevormd,
                "Het bericht gebruikt een namespace-voorvoegsel dat niet is gedeclareerd."),
            _ when m.Contains("does not match the end tag", StringComparison.Ordinal) => (SoapFoutcodes.NietWelgevormd,
                "Een begin- en eindtag van het bericht horen niet bij elkaar."),
            _ => (SoapFoutcodes.NietWelgevormd, "Het bericht is geen welgevormde XML."),
        };
        return new SoapFault(SoapFaultCode.Client, code, tekst)
        {
            Regel = e.LineNumber > 0 ? e.LineNumber : null,
            Kolom = e.LineNumber > 0 ? e.LinePosition : null,
        };
    }
}
