using System.Text;
using System.Xml;

namespace Oso.Testing;

/// <summary>
/// Compares two XML documents by infoset: elements (namespace, name, order), attributes (namespace declarations
/// excluded), and non-whitespace text. Returns the first difference, or null when equal.
/// </summary>
public static class XmlInfoset
{
    public static string? Difference(byte[] expected, byte[] actual)
    {
        var a = Events(expected);
        var b = Events(actual);
        for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
            if (a[i] != b[i]) return $"event {i}: expected «{Shorten(a[i])}» but was «{Shorten(b[i])}»";
        return a.Count == b.Count ? null : $"expected {a.Count} events but was {b.Count}";
    }

    public static List<string> Events(byte[] xml)
    {
        var events = new List<string>();
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreProcessingInstructions = true };
        using var reader = XmlReader.Create(new MemoryStream(xml), settings);
        var text = new StringBuilder();
        void FlushText()
        {
            if (text.Length > 0 && !string.IsNullOrWhiteSpace(text.ToString())) events.Add("text:" + text);
            text.Clear();
        }
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    FlushText();
                    var attributes = new List<string>();
                    if (reader.MoveToFirstAttribute())
                    {
                        do
                        {
                            if (reader.NamespaceURI != "http://www.w3.org/2000/xmlns/")
                                attributes.Add($"{{{reader.NamespaceURI}}}{reader.LocalName}={reader.Value}");
                        } while (reader.MoveToNextAttribute());
                        reader.MoveToElement();
                    }
                    attributes.Sort(StringComparer.Ordinal);
                    events.Add($"start:{{{reader.NamespaceURI}}}{reader.LocalName} {string.Join(" ", attributes)}");
                    if (reader.IsEmptyElement) events.Add("end");
                    break;
                case XmlNodeType.EndElement:
                    FlushText();
                    events.Add("end");
                    break;
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                case XmlNodeType.Whitespace:
                case XmlNodeType.SignificantWhitespace:
                    text.Append(reader.Value);
                    break;
            }
        }
        return events;
    }

    private static string Shorten(string s) => s.Length > 200 ? s[..200] + "…" : s;
}
