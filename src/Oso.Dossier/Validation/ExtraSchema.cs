using System.Xml;
using System.Xml.Schema;

using Oso.Dossier.Xml;

namespace Oso.Dossier.Validation;

/// <summary>
/// An additional XSD a user supplies (e.g. a newer published schema), checked with .NET's XmlSchemaSet on top of
/// the built-in validation. The XSD and anything it includes must lie in the XSD's own directory tree; DTDs are
/// refused. The built-in validation never needs it.
/// </summary>
public sealed class ExtraSchema
{
    private readonly XmlSchemaSet _set;

    private ExtraSchema(XmlSchemaSet set, string path)
    {
        _set = set;
        Path = path;
    }

    /// <summary>The XSD file.</summary>
    public string Path { get; }

    /// <summary>Loads and compiles an XSD; false with a Dutch message when it cannot.</summary>
    public static bool TryLoad(string path, out ExtraSchema? schema, out string? error)
    {
        schema = null;
        error = null;
        try
        {
            var full = System.IO.Path.GetFullPath(path);
            var resolver = new ConfinedResolver(System.IO.Path.GetDirectoryName(full)!);
            var set = new XmlSchemaSet { XmlResolver = resolver };
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
            using (var reader = XmlReader.Create(full, settings)) set.Add(null, reader);
            set.Compile();
            schema = new ExtraSchema(set, full);
            return true;
        }
        catch (Exception ex) when (ex is XmlException or XmlSchemaException or IOException or UnauthorizedAccessException)
        {
            error = $"Het XSD-bestand '{path}' kan niet worden gebruikt: {ex.Message}";
            return false;
        }
    }

    /// <summary>Validates a document, returning one <see cref="MeldingType.Fout"/> per schema error.</summary>
    public IReadOnlyList<Melding> Validate(Stream input)
    {
        var meldingen = new List<Melding>();
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            ValidationType = ValidationType.Schema,
            Schemas = _set,
        };
        settings.ValidationEventHandler += (_, e) => meldingen.Add(new Melding(
            e.Severity == XmlSeverityType.Error ? MeldingType.Fout : MeldingType.Waarschuwing, "XSD.Extra", "",
            e.Exception.LineNumber, e.Exception.LinePosition, $"Volgens {System.IO.Path.GetFileName(Path)}: {e.Message}"));
        try
        {
            using var reader = XmlReader.Create(input, settings);
            while (reader.Read()) { }
        }
        catch (XmlException ex)
        {
            meldingen.Add(new Melding(MeldingType.Fout, "XSD.Extra", "", ex.LineNumber, ex.LinePosition, ex.Message));
        }
        catch (Exception ex) when (XmlErrors.IsParserFailure(ex))
        {
            meldingen.Add(new Melding(MeldingType.Fout, "XSD.Extra", "", 1, 1, XmlErrors.Describe(XmlErrorKind.Encoding)));
        }
        return meldingen;
    }

    private sealed class ConfinedResolver(string root) : XmlUrlResolver
    {
        public override object? GetEntity(Uri absoluteUri, string? role, Type? ofObjectToReturn)
        {
            if (!absoluteUri.IsFile || !System.IO.Path.GetFullPath(absoluteUri.LocalPath).StartsWith(root, StringComparison.Ordinal))
                throw new XmlException($"'{absoluteUri}' ligt buiten de map van het XSD-bestand en wordt niet gelezen.");
            return base.GetEntity(absoluteUri, role, ofObjectToReturn);
        }
    }
}
