using System.Diagnostics.CodeAnalysis;
using System.Xml;
using Oso.Dossier.Xml;

namespace Oso.Protocol.Proofs;

/// <summary>
/// A <c>ds:Signature</c> element (XML-DSig) as UTF-8 bytes, as it travels in a message or lies beside a saved dossier
/// (<c>NAME.xml.sig</c>). Not interpreted here: <see cref="Bewijzen.Controleer"/> checks it. <see cref="ToString"/>
/// shows only the size.
/// </summary>
public sealed class Handtekening : IEquatable<Handtekening>
{
    /// <summary>The most bytes a signature may have (a certificate or two and a short statement fit many times).</summary>
    public const int MaxBytes = 64 * 1024;

    private Handtekening(ReadOnlyMemory<byte> utf8) => Utf8 = utf8;

    /// <summary>The UTF-8 bytes of the <c>ds:Signature</c> element.</summary>
    public ReadOnlyMemory<byte> Utf8 { get; }

    /// <summary>Length in bytes.</summary>
    public int Length => Utf8.Length;

    /// <summary>
    /// Wraps bytes whose root element is <c>ds:Signature</c> and that are at most <see cref="MaxBytes"/> long; false with a
    /// Dutch reason otherwise. Only the start is read here.
    /// </summary>
    public static bool TryCreate(ReadOnlyMemory<byte> utf8, [NotNullWhen(true)] out Handtekening? handtekening, [NotNullWhen(false)] out string? reden)
    {
        handtekening = null;
        if (utf8.Length > MaxBytes)
        {
            reden = $"De handtekening is groter dan {MaxBytes / 1024} KiB.";
            return false;
        }
        try
        {
            using var reader = XmlReader.Create(new ReadOnlyMemoryStream(utf8), Settings);
            if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != "Signature" || reader.NamespaceURI != OsoNamespaces.XmlDsig)
            {
                reden = "Het hoofdelement van een handtekening is ds:Signature (XML-DSig).";
                return false;
            }
        }
        catch (XmlException)
        {
            reden = "De handtekening is geen welgevormde XML.";
            return false;
        }
        handtekening = new Handtekening(utf8);
        reden = null;
        return true;
    }

    /// <summary>Like <see cref="TryCreate"/>, but throws <see cref="ArgumentException"/>.</summary>
    public static Handtekening Create(ReadOnlyMemory<byte> utf8) =>
        TryCreate(utf8, out var h, out var reden) ? h : throw new ArgumentException(reden, nameof(utf8));

    /// <summary>
    /// Reads a request body that should hold a signature: its bytes, or null when it is (or declares to be) longer than
    /// <see cref="MaxBytes"/> — then no more than that is read.
    /// </summary>
    public static async Task<byte[]?> ReadBodyAsync(Stream body, long? declaredLength, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (declaredLength > MaxBytes) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes) return null;
        }
        return buffer.ToArray();
    }

    internal static Handtekening Trusted(ReadOnlyMemory<byte> utf8) => new(utf8);

    internal static XmlReaderSettings Settings { get; } = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    /// <summary>Byte-for-byte equality.</summary>
    public bool Equals(Handtekening? other) => other is not null && Utf8.Span.SequenceEqual(other.Utf8.Span);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Handtekening);

    /// <inheritdoc/>
    public override int GetHashCode() => Length;

    /// <summary>Only the size.</summary>
    public override string ToString() => $"ds:Signature ({Length} bytes)";
}
