using System.Security.Cryptography;
using System.Xml;
using Oso.Protocol.Soap;

namespace Oso.Protocol.Messages;

/// <summary>
/// Where a sender writes a gegevensset document it makes itself (the bron's answer, ADR 0014 phase 3): in memory up to
/// <see cref="SoapLimits.SpoolAboveBytes"/>, past that in an encrypted spool file — the same <see cref="CaptureBuffer"/>
/// and <see cref="SpoolFile"/> the receiver captures into — and hashed (SHA-256) while it is written, so the bytes are
/// passed over once. <see cref="Complete"/> checks the start of the document as <see cref="GegevenssetXml.Create"/> does
/// and hands its bytes to a <see cref="GegevenssetXml"/>, which then owns them; disposing this writer before that
/// (an exception while writing, a refusal) removes what it holds.
/// </summary>
public sealed class GegevenssetXmlWriteStream : Stream
{
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private CaptureBuffer? _capture;

    /// <summary>
    /// A writer whose memory buffer is sized once to <paramref name="sizeHint"/> (at most the spool threshold of
    /// <paramref name="limits"/>); without a threshold it never spools.
    /// </summary>
    public GegevenssetXmlWriteStream(long sizeHint, SoapLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        _capture = new CaptureBuffer(sizeHint, limits);
    }

    /// <summary>Whether what was written so far went past the threshold into a spool file.</summary>
    public bool Spooled => _capture?.Spooled ?? false;

    /// <summary>Spool files open in this process in <paramref name="directory"/> (for tests and diagnostics: every path must end with none).</summary>
    public static int OpenSpoolFiles(string directory) => SpoolFile.OpenIn(directory);

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_capture is null, this);
        _sha256.AppendData(buffer);
        _capture.Write(buffer);
    }

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override void WriteByte(byte value) => Write([value]);

    /// <summary>
    /// Ends the document: checks that it starts with a <c>dossier</c>, <c>dossiers</c> or <c>terugkoppeling</c> element in
    /// the gegevensset namespace, without a byte-order mark or XML declaration (the bytes are embedded as they are, and
    /// the digest covers exactly them), and returns it with the SHA-256 of its bytes. The document owns the bytes from
    /// here (dispose it once it is sent); this writer is empty afterwards. Throws <see cref="ArgumentException"/> with a
    /// Dutch reason otherwise (and removes what it held).
    /// </summary>
    public (GegevenssetXml Xml, byte[] Sha256) Complete()
    {
        var capture = _capture;
        ObjectDisposedException.ThrowIf(capture is null, this);
        _capture = null;
        var xml = capture.ToXml("dossier");
        capture.Dispose();
        try
        {
            xml.RootName = RootOf(xml);
            return (xml, _sha256.GetHashAndReset());
        }
        catch
        {
            xml.Dispose();
            throw;
        }
    }

    // the check GegevenssetXml.TryCreate makes, on the start of the stream (a spooled document is never read whole)
    private static string RootOf(GegevenssetXml xml)
    {
        using (var start = xml.OpenRead())
        {
            Span<byte> head = stackalloc byte[5];
            var n = start.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            if (head[..n].StartsWith("\uFEFF"u8) || head[..n].StartsWith("<?xml"u8))
                throw new ArgumentException("Het document moet zonder byte-order mark en XML-declaratie worden geschreven: het wordt zo ingevoegd.");
        }
        try
        {
            using var reader = XmlReader.Create(xml.OpenRead(), GegevenssetXml.HardenedSettings);
            if (reader.MoveToContent() != XmlNodeType.Element) throw new ArgumentException("Het document bevat geen element.");
            if (reader.NamespaceURI != OsoNamespaces.Gegevensset || reader.LocalName is not ("dossier" or "dossiers" or "terugkoppeling"))
                throw new ArgumentException($"Het hoofdelement moet dossier, dossiers of terugkoppeling zijn in namespace {OsoNamespaces.Gegevensset}.");
            return reader.LocalName;
        }
        catch (Exception e) when (e is XmlException || Oso.Dossier.Xml.XmlErrors.IsParserFailure(e))
        {
            throw new ArgumentException("Het begin van het document is geen welgevormde XML.");
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _capture?.Dispose();
            _capture = null;
            _sha256.Dispose();
        }
        base.Dispose(disposing);
    }

    /// <inheritdoc />
    public override bool CanRead => false;
    /// <inheritdoc />
    public override bool CanSeek => false;
    /// <inheritdoc />
    public override bool CanWrite => true;
    /// <inheritdoc />
    public override long Length => _capture?.Length ?? 0;
    /// <inheritdoc />
    public override long Position { get => Length; set => throw new NotSupportedException(); }
    /// <inheritdoc />
    public override void Flush() { }
    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();
}
