using System.Xml;

namespace Oso.Dossier.Xml;

/// <summary>Turns the parser's (English) exceptions into stable codes and Dutch messages.</summary>
internal static class XmlErrors
{
    public static string Code(XmlException ex)
    {
        var m = ex.Message;
        if (m.Contains("DTD", StringComparison.Ordinal)) return "XML.DtdVerboden";
        if (m.Contains("MaxCharactersInDocument", StringComparison.Ordinal)) return "XML.DocumentTeGroot";
        if (m.Contains("MaxCharactersFromEntities", StringComparison.Ordinal)) return "XML.EntiteitTeGroot";
        if (m.Contains("Root element is missing", StringComparison.Ordinal)) return "XML.Leeg";
        if (m.Contains("Unexpected end of file", StringComparison.Ordinal)) return "XML.Afgebroken";
        if (m.Contains("Invalid character in the given encoding", StringComparison.Ordinal)
            || m.Contains("encoding", StringComparison.OrdinalIgnoreCase)) return "XML.Codering";
        return "XML.NietWelgevormd";
    }

    public static string Dutch(XmlException ex) => Code(ex) switch
    {
        "XML.DtdVerboden" => "Het document bevat een DTD (<!DOCTYPE ...>). Dat is niet toegestaan: DTD's en entiteiten worden nooit verwerkt.",
        "XML.DocumentTeGroot" => "Het document is groter dan toegestaan en wordt niet verder gelezen.",
        "XML.EntiteitTeGroot" => "Het document gebruikt entiteiten die te groot worden; het wordt niet verder gelezen.",
        "XML.Leeg" => "Het bestand bevat geen XML-element (het is leeg of bevat alleen commentaar).",
        "XML.Afgebroken" => "Het document houdt onverwacht op (het bestand is afgebroken of onvolledig).",
        "XML.Codering" => "Het document bevat tekens die niet kloppen met de codering (bijvoorbeeld ongeldige UTF-8).",
        _ => "Het document is geen welgevormde XML: " + Strip(ex.Message),
    };

    // the parser appends "Line x, position y." — we report those separately
    private static string Strip(string message)
    {
        var i = message.IndexOf(" Line ", StringComparison.Ordinal);
        return i > 0 ? message[..i] : message;
    }
}
