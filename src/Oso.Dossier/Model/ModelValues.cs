using Oso.Dossier.Schema;
using Oso.Dossier.Xml;

namespace Oso.Dossier.Model;

/// <summary>A valid document holds a value the typed model cannot (e.g. an integer beyond 64 bits).</summary>
public sealed class ModelMappingException(string message, string locatie) : Exception(message)
{
    /// <summary>Where.</summary>
    public string Locatie { get; } = locatie;
}

/// <summary>Conversions from a structurally valid element to model values.</summary>
internal static class ModelValues
{
    public static bool Boolean(XmlElementNode n) =>
        XmlValues.TryParseBoolean(XmlValues.Collapse(n.Text), out var v) ? v : throw Invalid(n);

    public static DateOnly Date(XmlElementNode n) =>
        XmlValues.TryParseDate(XmlValues.Collapse(n.Text), out var v) ? v : throw Invalid(n);

    public static long Integer(XmlElementNode n) => XmlValues.ParseInteger(n.Text)
        ?? throw new ModelMappingException($"Het getal in '{n.LocalName}' is te groot voor het model.", n.XPath);

    public static int Int(XmlElementNode n) => checked((int)Integer(n));

    public static decimal Decimal(XmlElementNode n) => XmlValues.ParseDecimal(n.Text)
        ?? throw new ModelMappingException($"Het getal in '{n.LocalName}' is te groot of te precies voor het model.", n.XPath);

    public static Base64Text Base64(XmlElementNode n) => n.Base64 ?? Base64Text.FromText(n.Text);

    public static WaardeMetOmschrijving TextRecord(XmlElementNode n) =>
        new() { Waarde = n.Text, Omschrijving = n.Attribute("omschrijving") };

    public static List<T> List<T>(XmlElementNode wrapper, string inner, Func<XmlElementNode, T> read)
    {
        var list = new List<T>(wrapper.Elements.Count);
        foreach (var c in wrapper.Elements)
            if (c.LocalName == inner) list.Add(read(c));
        return list;
    }

    public static XmlElementNode Single(XmlElementNode wrapper, string inner) =>
        wrapper.Element(inner) ?? throw Missing(inner);

    public static Exception Missing(string element) =>
        new InvalidOperationException($"'{element}' ontbreekt; het model wordt alleen gelezen uit een structureel geldig document.");

    private static InvalidOperationException Invalid(XmlElementNode n) =>
        new($"De waarde van '{n.LocalName}' is ongeldig; het model wordt alleen gelezen uit een structureel geldig document.");
}
