using System.Xml;
using Oso.Dossier.Schema;
using Oso.Dossier.Xml;

namespace Oso.Dossier.Model;

internal static partial class ModelWriter
{
    private const string Ns = Gegevensset2019.Namespace;

    private static void Text(XmlWriter w, string name, string value)
    {
        w.WriteStartElement(name, Ns);
        w.WriteString(value);
        w.WriteEndElement();
    }

    private static void TextRecord(XmlWriter w, string name, WaardeMetOmschrijving value)
    {
        w.WriteStartElement(name, Ns);
        if (value.Omschrijving is { } omschrijving) w.WriteAttributeString("omschrijving", omschrijving);
        w.WriteString(value.Waarde);
        w.WriteEndElement();
    }

    private static void Base64(XmlWriter w, string name, Base64Text value)
    {
        w.WriteStartElement(name, Ns);
        value.WriteTo(w);
        w.WriteEndElement();
    }

    private static string Format(DateOnly value) => XmlValues.Format(value);
    private static string Format(bool value) => XmlValues.Format(value);
    private static string Format(long value) => XmlValues.Format(value);
    private static string Format(int value) => XmlValues.Format(value);
    private static string Format(decimal value) => XmlValues.Format(value);
}
