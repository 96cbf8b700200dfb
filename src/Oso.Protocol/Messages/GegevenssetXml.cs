using Oso.Dossier.Xml;
using System.Diagnostics.CodeAnalysis;
using System.Xml;

namespace Oso.Protocol.Messages;

/// <summary>
/// An element of the OSO gegevensset namespace (<c>dossier</c>, <c>dossiers</c> or <c>terugkoppeling</c>) carried
/// in a message, as raw UTF-8 bytes without an XML declaration. This library never interprets it: Oso.Dossier
/// validates it. <see cref="ToString"/> shows only the size, so content cannot leak into a log.
/// </summary>
/// <remarks>
/// Two forms (ADR 0014): in memory (<see cref="Utf8"/>), or, for a large dossier a client received, <em>spooled</em>:
/// the bytes are in an encrypted temporary file (<see cref="Soap.SpoolFile"/>) and only <see cref="OpenRead"/>,
/// <see cref="Sha256"/> and <see cref="ToArray"/> read them — <see cref="Utf8"/> refuses, so no consumer holds a large
/// dossier whole by accident. Whoever receives a message that carries one owns it and disposes it (for a
/// documentResponse: <see cref="DocumentResponse.Geleverd.Dispose"/>); disposing closes the spool file and so removes
/// its bytes. The in-memory form holds no resources (disposing it changes nothing). Not thread-safe: one reader at a time.
/// </remarks>
public sealed class GegevenssetXml : IEquatable<GegevenssetXml>, IDisposable
{
    private readonly ReadOnlyMemory<byte> _utf8;
    private Soap.SpoolFile? _spool;
    private bool _disposed;

    private GegevenssetXml(ReadOnlyMemory<byte> utf8, string rootName)
    {
        _utf8 = utf8;
        Length = utf8.Length;
        RootName = rootName;
    }

    private GegevenssetXml(Soap.SpoolFile spool, string rootName)
    {
        _spool = spool;
        Length = spool.Length;
        RootName = rootName;
        Spooled = true;
    }

    /// <summary>
    /// The UTF-8 bytes of the element, for the in-memory form. A spooled document refuses (<see cref="InvalidOperationException"/>):
    /// read it with <see cref="OpenRead"/>, or ask a copy with <see cref="ToArray"/>.
    /// </summary>
    public ReadOnlyMemory<byte> Utf8 => Spooled
        ? throw new InvalidOperationException($"Dit {RootName}-document ({Length} bytes) staat in een versleuteld tijdelijk bestand; lees het als stroom (OpenRead) of vraag uitdrukkelijk een kopie (ToArray).")
        : _utf8;

    /// <summary>Length in bytes.</summary>
    public long Length { get; }

    /// <summary>Whether the bytes are in an encrypted spool file rather than memory (a large received dossier, ADR 0014).</summary>
    public bool Spooled { get; }

    /// <summary>The root element's local name: <c>dossier</c>, <c>dossiers</c> or <c>terugkoppeling</c>.</summary>
    public string RootName { get; internal set; }

    /// <summary>
    /// A read-only stream over the bytes (for Oso.Dossier's reader). For a spooled document it decrypts one 64 KiB chunk
    /// at a time; a chunk changed on disk ends the read with an <see cref="IOException"/>, never with other bytes.
    /// </summary>
    public Stream OpenRead()
    {
        ObjectDisposedException.ThrowIf(_disposed && Spooled, this);
        return _spool is { } spool ? spool.OpenRead() : new ReadOnlyMemoryStream(_utf8);
    }

    /// <summary>The SHA-256 of the bytes (what a dossier signature covers), hashed while streaming for a spooled document.</summary>
    public byte[] Sha256()
    {
        if (!Spooled) return System.Security.Cryptography.SHA256.HashData(_utf8.Span);
        using var stream = OpenRead();
        return System.Security.Cryptography.SHA256.HashData(stream);
    }

    /// <summary>A copy of the bytes in one array — for the few consumers that keep a document whole (a SWV dossier); never for a large one by default.</summary>
    public byte[] ToArray()
    {
        if (!Spooled) return _utf8.ToArray();
        if (Length > Array.MaxLength) throw new InvalidOperationException($"Dit {RootName}-document ({Length} bytes) past niet in één array.");
        var bytes = GC.AllocateUninitializedArray<byte>((int)Length);
        using var stream = OpenRead();
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>Closes the spool file of a spooled document (its bytes are gone); nothing for the in-memory form.</summary>
    public void Dispose()
    {
        _disposed = true;
        _spool?.Dispose();
        _spool = null;
    }

    /// <summary>
    /// Wraps UTF-8 XML whose root element is in the gegevensset namespace. Only the start of the root element is
    /// read here; the rest is checked when it is written into a message. Returns false with a Dutch reason otherwise.
    /// A leading byte-order mark and a UTF-8 XML declaration are left out (a slice, no copy), so <see cref="Utf8"/> holds
    /// the bytes the receiver captures — the bytes a dossier signature covers (docs/protocol.md §4a).
    /// </summary>
    public static bool TryCreate(ReadOnlyMemory<byte> utf8, [NotNullWhen(true)] out GegevenssetXml? xml, [NotNullWhen(false)] out string? reden)
    {
        xml = null;
        try
        {
            using var reader = XmlReader.Create(new ReadOnlyMemoryStream(utf8), HardenedSettings);
            if (reader.MoveToContent() != XmlNodeType.Element)
            {
                reden = "Het document bevat geen element.";
                return false;
            }
            if (reader.NamespaceURI != OsoNamespaces.Gegevensset || reader.LocalName is not ("dossier" or "dossiers" or "terugkoppeling"))
            {
                reden = $"Het hoofdelement moet dossier, dossiers of terugkoppeling zijn in namespace {OsoNamespaces.Gegevensset}.";
                return false;
            }
            xml = new GegevenssetXml(utf8[WithoutDeclaration(utf8.Span)..], reader.LocalName);
            reden = null;
            return true;
        }
        catch (Exception e) when (e is XmlException || Oso.Dossier.Xml.XmlErrors.IsParserFailure(e))
        {
            reden = "Het begin van het document is geen welgevormde XML.";
            return false;
        }
    }

    /// <summary>Like <see cref="TryCreate"/>, but throws <see cref="ArgumentException"/> when the bytes do not qualify.</summary>
    public static GegevenssetXml Create(ReadOnlyMemory<byte> utf8) =>
        TryCreate(utf8, out var xml, out var reden) ? xml : throw new ArgumentException(reden, nameof(utf8));

    // The offset of the first byte after a BOM and a UTF-8 (or encoding-less) XML declaration and the white space after it.
    private static int WithoutDeclaration(ReadOnlySpan<byte> bytes)
    {
        var start = bytes.StartsWith("\uFEFF"u8) ? 3 : 0;
        var rest = bytes[start..];
        if (!rest.StartsWith("<?xml"u8) || rest.Length < 6 || rest[5] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return start;
        var end = rest.IndexOf("?>"u8);
        if (end < 0) return start;
        var declaration = System.Text.Encoding.ASCII.GetString(rest[..end]).ToLowerInvariant();
        var encoding = declaration.IndexOf("encoding", StringComparison.Ordinal);
        if (encoding >= 0 && !declaration[encoding..].Replace(" ", "", StringComparison.Ordinal).Replace("'", "\"", StringComparison.Ordinal)
                .StartsWith("encoding=\"utf-8\"", StringComparison.Ordinal)) return start;
        var offset = start + end + 2;
        while (offset < bytes.Length && bytes[offset] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') offset++;
        return offset;
    }

    internal static GegevenssetXml Trusted(ReadOnlyMemory<byte> utf8, string rootName) => new(utf8, rootName);

    /// <summary>A spooled document: takes over <paramref name="spool"/> (disposed with this).</summary>
    internal static GegevenssetXml Trusted(Soap.SpoolFile spool, string rootName) => new(spool, rootName);

    internal static XmlReaderSettings HardenedSettings { get; } = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    /// <summary>Byte-for-byte equality (streamed when either is spooled).</summary>
    public bool Equals(GegevenssetXml? other)
    {
        if (other is null || other.Length != Length) return false;
        if (ReferenceEquals(this, other)) return true;
        if (!Spooled && !other.Spooled) return _utf8.Span.SequenceEqual(other._utf8.Span);
        using var a = OpenRead();
        using var b = other.OpenRead();
        var x = new byte[16 * 1024];
        var y = new byte[16 * 1024];
        int n;
        while ((n = a.ReadAtLeast(x, x.Length, throwOnEndOfStream: false)) > 0)
        {
            if (b.ReadAtLeast(y.AsSpan(0, n), n, throwOnEndOfStream: false) != n || !x.AsSpan(0, n).SequenceEqual(y.AsSpan(0, n))) return false;
        }
        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as GegevenssetXml);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Length, RootName);

    /// <summary>Only the size, never content.</summary>
    public override string ToString() => $"{RootName} ({Length} bytes)";
}
