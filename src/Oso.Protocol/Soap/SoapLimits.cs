namespace Oso.Protocol.Soap;

/// <summary>
/// Limits that protect the SOAP reader against hostile input. Every limit is checked while streaming, so an input
/// that exceeds one is refused in bounded time and memory. The defaults fit any real OSO message, including a
/// dossier with large attachments.
/// </summary>
public sealed record SoapLimits
{
    /// <summary>The defaults.</summary>
    public static SoapLimits Default { get; } = new();

    /// <summary>Most bytes in one message (default 128 MiB). Also caps the captured dossier.</summary>
    public long MaxMessageBytes { get; init; } = 128L * 1024 * 1024;

    /// <summary>Deepest element nesting, counted from the Envelope (default 64; a dossier in a response needs about 16).</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Most elements in one message (default 1,000,000).</summary>
    public int MaxElements { get; init; } = 1_000_000;

    /// <summary>Longest text of one element inside an embedded dossier, in characters (default 64 M: base64 attachments).</summary>
    public long MaxTextLength { get; init; } = 64L * 1024 * 1024;

    /// <summary>Longest value of one protocol field (e.g. <c>bronBrin</c>, <c>url</c>), in characters (default 4096).</summary>
    public int MaxFieldLength { get; init; } = 4096;

    /// <summary>Most characters in all protocol fields of one message together (default 16 M: a full aanleverpunt list).</summary>
    public long MaxFieldsTotalLength { get; init; } = 16L * 1024 * 1024;

    /// <summary>Most attributes on one element (default 32).</summary>
    public int MaxAttributes { get; init; } = 32;

    /// <summary>Longest attribute value, in characters (default 65,536).</summary>
    public int MaxAttributeLength { get; init; } = 64 * 1024;
}
