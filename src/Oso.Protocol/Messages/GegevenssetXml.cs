using Oso.Dossier.Xml;
using System.Diagnostics.CodeAnalysis;
using System.Xml;

namespace Oso.Protocol.Messages;

/// <summary>
/// An element of the OSO gegevensset namespace (<c>dossier</c>, <c>dossiers</c> or <c>terugkoppeling</c>) carried
/// in a message, as raw UTF-8 bytes without an XML declaration. This library never interprets it: Oso.Dossier
/// validates it. <see cref="ToString"/> shows only the size, so content cannot leak into a log.
/// </summary>
public sealed class GegevenssetXml : IEquatable<GegevenssetXml>
{
    private GegevenssetXml(ReadOnlyMemory<byte> utf8, string rootName)
    {
        Utf8 = utf8;
        RootName = rootName;
    }

    /// <summary>The UTF-8 bytes of the element.</summary>
    public ReadOnlyMemory<byte> Utf8 { get; }

    /// <summary>Length in bytes.</summary>
    public int Length => Utf8.Length;

    /// <summary>The root element's local name: <c>dossier</c>, <c>dossiers</c> or <c>terugkoppeling</c>.</summary>
    public string RootName { get; }

    /// <summary>A read-only stream over the bytes (for Oso.Dossier's reader).</summary>
    public Stream OpenRead() => new ReadOnlyMemoryStream(Utf8);

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

    internal static XmlReaderSettings HardenedSettings { get; } = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    /// <summary>Byte-for-byte equality.</summary>
    public bool Equals(GegevenssetXml? other) => other is not null && Utf8.Span.SequenceEqual(other.Utf8.Span);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as GegevenssetXml);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Length, RootName);

    /// <summary>Only the size, never content.</summary>
    public override string ToString() => $"{RootName} ({Length} bytes)";
}
