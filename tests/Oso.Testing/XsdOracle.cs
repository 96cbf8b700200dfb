using System.Xml;
using System.Xml.Schema;

namespace Oso.Testing;

/// <summary>One error (or warning) of <see cref="XsdOracle"/>: the element concerned, as our meldingen name it, and .NET's message.</summary>
/// <param name="Locatie">The XPath of the element the reader was on when the error was raised (<c>/dossier[1]/leerling[1]</c>), the same form as <c>Melding.Locatie</c>.</param>
/// <param name="Line">The line .NET reports.</param>
/// <param name="Column">The column .NET reports.</param>
/// <param name="Message">.NET's message.</param>
/// <param name="IsWarning">True for a warning (e.g. a root element no schema declares).</param>
public sealed record XsdError(string Locatie, int Line, int Column, string Message, bool IsWarning)
{
    public override string ToString() => $"{(IsWarning ? "warning" : "error")} {Locatie} ({Line}:{Column}): {Message}";
}

/// <summary>
/// The official XSD (../shared, see <see cref="StandardFiles"/>) compiled once into .NET's <see cref="XmlSchemaSet"/>,
/// as an independent oracle for the structural verdict. Strict settings: xml:* attributes must be declared like any
/// other (as xmllint and the XML Schema specification require), and warnings are reported, because a root element
/// that no schema declares is only a warning to .NET but an error to xmllint.
/// </summary>
public static class XsdOracle
{
    private static readonly Lazy<XmlSchemaSet> LazySchemas = new(Load);

    /// <summary>The compiled official schema (skips the test when the standard is absent).</summary>
    public static XmlSchemaSet Schemas
    {
        get
        {
            StandardFiles.Require();
            return LazySchemas.Value;
        }
    }

    /// <summary>Validates a document; every error and warning in the order .NET raises them.</summary>
    public static IReadOnlyList<XsdError> Validate(byte[] document)
    {
        var errors = new List<XsdError>();
        var pending = new List<(XmlSeverityType Severity, XmlSchemaException Exception)>();
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            ValidationType = ValidationType.Schema,
            Schemas = Schemas,
            ValidationFlags = XmlSchemaValidationFlags.ProcessIdentityConstraints | XmlSchemaValidationFlags.ReportValidationWarnings,
        };
        settings.ValidationEventHandler += (_, e) => pending.Add((e.Severity, e.Exception));

        // the path of the node the reader is on: an error raised while reading a node concerns that node's element
        var path = new List<(string Step, Dictionary<string, int> Children)>();
        var root = new Dictionary<string, int>(StringComparer.Ordinal);
        using var reader = XmlReader.Create(new MemoryStream(document), settings);
        try
        {
            while (reader.Read())
            {
                var leaving = reader.NodeType == XmlNodeType.EndElement;
                if (reader.NodeType == XmlNodeType.Element)
                {
                    var siblings = path.Count == 0 ? root : path[^1].Children;
                    var n = siblings[reader.LocalName] = siblings.GetValueOrDefault(reader.LocalName) + 1;
                    path.Add(($"{reader.LocalName}[{n}]", new Dictionary<string, int>(StringComparer.Ordinal)));
                    leaving = reader.IsEmptyElement;
                }
                Flush();
                if (leaving) path.RemoveAt(path.Count - 1);
            }
        }
        catch (XmlException ex)
        {
            pending.Add((XmlSeverityType.Error, new XmlSchemaException(ex.Message, ex, ex.LineNumber, ex.LinePosition)));
        }
        Flush();
        return errors;

        void Flush()
        {
            if (pending.Count == 0) return;
            var locatie = string.Concat(path.Select(p => "/" + p.Step));
            foreach (var (severity, exception) in pending)
                errors.Add(new XsdError(locatie, exception.LineNumber, exception.LinePosition, exception.Message, severity == XmlSeverityType.Warning));
            pending.Clear();
        }
    }

    private static XmlSchemaSet Load()
    {
        var set = new XmlSchemaSet { XmlResolver = null };
        using (var reader = XmlReader.Create(StandardFiles.Xsd, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null }))
            set.Add(null, reader);
        set.Compile();
        return set;
    }
}
