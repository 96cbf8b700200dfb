using System.Xml;
using Oso.Dossier.Validation;

namespace Oso.Cli.Dossiers;

/// <summary>Writes meldingen as the official validator's <c>&lt;meldingen&gt;</c> document.</summary>
internal static class MeldingenXml
{
    public const string Namespace = "http://www.edustandaard.nl/oso_gegevensset/2019/schemas/Meldingen";

    public static void Write(TextWriter output, IEnumerable<Melding> meldingen, bool includeWarnings)
    {
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "   ", OmitXmlDeclaration = false, CloseOutput = false };
        using (var writer = XmlWriter.Create(output, settings))
        {
            writer.WriteStartElement("meldingen", Namespace);
            foreach (var m in meldingen)
            {
                if (m.Type == MeldingType.Waarschuwing && !includeWarnings) continue;
                writer.WriteStartElement("melding", Namespace);
                writer.WriteElementString("type", Namespace, m.Type.ToString());
                writer.WriteElementString("locatie", Namespace, m.Locatie);
                writer.WriteElementString("tekst", Namespace, m.Tekst);
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
        }
        output.WriteLine();
    }
}
