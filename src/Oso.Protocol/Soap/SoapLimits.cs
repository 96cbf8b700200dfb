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

    /// <summary>
    /// The defaults of a client reading answers: as <see cref="Default"/>, and the bytes of a message past 8 MiB go to an
    /// encrypted spool file (<see cref="SpoolAboveBytes"/>), so a documentResponse may carry a dossier up to
    /// <see cref="MaxSpooledMessageBytes"/> (ADR 0014).
    /// </summary>
    public static SoapLimits Spooled { get; } = new() { SpoolAboveBytes = 8L * 1024 * 1024 };

    /// <summary>Most bytes in one message that is not spooled (default 128 MiB). Also caps the captured dossier then.</summary>
    public long MaxMessageBytes { get; init; } = 128L * 1024 * 1024;

    /// <summary>
    /// When set, the received bytes past this many are kept in an encrypted temporary file instead of memory
    /// (<see cref="SpoolFile"/>, ADR 0014), and the message may be up to <see cref="MaxSpooledMessageBytes"/>. Null (the
    /// default, and for every request a server reads): nothing is spooled and <see cref="MaxMessageBytes"/> is the limit.
    /// </summary>
    public long? SpoolAboveBytes { get; init; }

    /// <summary>Most bytes in one message when spooling is on (default 256 MiB: a dossier with ~190 MiB of attachments, base64).</summary>
    public long MaxSpooledMessageBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Where spool files are made (default: the system's temporary directory). They never outlive the read.</summary>
    public string? SpoolDirectory { get; init; }

    /// <summary>The size limit that applies: <see cref="MaxMessageBytes"/>, or with spooling the larger of it and <see cref="MaxSpooledMessageBytes"/>.</summary>
    public long MessageLimit => SpoolAboveBytes is null ? MaxMessageBytes : Math.Max(MaxMessageBytes, MaxSpooledMessageBytes);

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
