using System.Text;
using Oso.Dossier.Schema;
using Oso.Dossier.Xml;

namespace Oso.Dossier.Tests.Rules;

/// <summary>Reads test documents into the element tree the rules run on.</summary>
internal static class RuleDocuments
{
    public const string Od = "http://www.edustandaard.nl/oso_gegevensset/2019/dossier";

    // The business rules judge any well-formed document; an empty schema gives the full tree with all text.
    private static readonly SchemaDefinition AnyDocument = new("2019.1", Od, []);

    public static XmlElementNode Read(string xml) => Read(Encoding.UTF8.GetBytes(xml));

    /// <summary>As the product reads: with the gegevensset's schema, which drops text where it allows only elements.</summary>
    public static XmlElementNode ReadWithSchema(byte[] bytes) =>
        SchemaValidatingReader.Read(new MemoryStream(bytes), Gegevensset2019.Schema).Root
        ?? throw new InvalidOperationException("The test document is not well-formed XML.");

    public static XmlElementNode Read(byte[] bytes) =>
        SchemaValidatingReader.Read(new MemoryStream(bytes), AnyDocument).Root
        ?? throw new InvalidOperationException("The test document is not well-formed XML.");

    /// <summary>A <c>dossier</c> document in the gegevensset namespace with this content.</summary>
    public static XmlElementNode Dossier(string body) => Read($"<dossier xmlns=\"{Od}\">{body}</dossier>");
}
