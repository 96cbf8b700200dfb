using System.Xml;
using System.Xml.Linq;

namespace Oso.Conformance;

/// <summary>Reads XML the target sent (a WSDL, a dossier) hardened: no DTD, no resolver, at most 256 M characters.</summary>
internal static class KitXml
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = 256L * 1024 * 1024,
        MaxCharactersFromEntities = 1024,
    };

    public static XDocument Lees(Stream input)
    {
        using var reader = XmlReader.Create(input, Settings);
        try
        {
            return XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            throw new Afwijking($"Het antwoord is geen welgevormde XML ({e.Message}).");
        }
    }
}
