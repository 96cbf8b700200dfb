namespace Oso.Dossier.Xml;

/// <summary>
/// Limits that protect a reader against hostile input. Every limit is checked while streaming, so an input
/// that exceeds one is refused in bounded time and memory. The defaults fit any real dossier with room to spare.
/// </summary>
public sealed record XmlLimits
{
    /// <summary>The defaults: depth 64, 1,000,000 elements, 64 M characters per text node, 512 M characters in all.</summary>
    public static XmlLimits Default { get; } = new();

    /// <summary>Deepest element nesting. The gegevensset itself nests about 12 deep.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Most elements in one document.</summary>
    public int MaxElements { get; init; } = 1_000_000;

    /// <summary>Longest text of one element, in characters (attachments are base64 text: 64 M characters is 48 MB of file).</summary>
    public long MaxTextLength { get; init; } = 64L * 1024 * 1024;

    /// <summary>Most characters in the whole document.</summary>
    public long MaxDocumentLength { get; init; } = 512L * 1024 * 1024;

    /// <summary>Most attributes on one element.</summary>
    public int MaxAttributes { get; init; } = 32;
}
