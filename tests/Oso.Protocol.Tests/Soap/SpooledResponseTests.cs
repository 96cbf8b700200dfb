using System.Security.Cryptography;
using System.Text;
using Oso.Protocol.Messages;
using Oso.Protocol.Proofs;
using Oso.Protocol.Soap;

namespace Oso.Protocol.Tests.Soap;

/// <summary>
/// The bron's answer never holds a large dossier whole (ADR 0014 phase 3): the copy is written through a
/// <see cref="GegevenssetXmlWriteStream"/> (memory up to the threshold, an encrypted spool file past it, hashed while
/// written), sent from the spool file in pieces of at most 64 KiB, byte-identical to the answer the in-memory dossier
/// gives, and <see cref="SoapWriter.WriteResponseAsync"/> disposes it on every path: sent, the client gone mid-response,
/// cancelled, refused. Small limits stand in for the real 8 MiB threshold.
/// </summary>
public sealed class SpooledResponseTests : IDisposable
{
    private const string DossierNs = "http://www.edustandaard.nl/oso_gegevensset/2019/dossier";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "oso-spool-test-" + Guid.NewGuid().ToString("N"));

    private SoapLimits Spooling => SoapLimits.Spooled with { SpoolAboveBytes = 256 * 1024, SpoolDirectory = _directory };

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private static byte[] BigDossier(int texts, int each, string tail = "</dossier>")
    {
        var dossier = new StringBuilder($"<dossier xmlns=\"{DossierNs}\">");
        for (var i = 0; i < texts; i++)
        {
            dossier.Append("<bijlage nr=\"").Append(i).Append("\">");
            for (var j = 0; j < each; j++) dossier.Append((char)('A' + (i * 7 + j) % 26));
            dossier.Append("</bijlage>\n");
        }
        dossier.Append(tail);
        return Encoding.UTF8.GetBytes(dossier.ToString());
    }

    // as DocumentRequests.Decide: the copy writes in pieces, the writer hashes and spools as it goes
    private (GegevenssetXml Xml, byte[] Sha256) Write(byte[] bytes)
    {
        using var writer = new GegevenssetXmlWriteStream(bytes.Length + 4096, Spooling);
        for (var at = 0; at < bytes.Length; at += 7000) writer.Write(bytes.AsSpan(at, Math.Min(7000, bytes.Length - at)));
        return writer.Complete();
    }

    private void AssertNoSpoolFileLeft()
    {
        Assert.Equal(0, GegevenssetXmlWriteStream.OpenSpoolFiles(_directory));
        Assert.Empty(Directory.Exists(_directory) ? Directory.GetFiles(_directory) : []);
    }

    [Fact]
    public async Task An_answer_past_the_threshold_is_spooled_hashed_once_and_sent_byte_identical_to_the_in_memory_answer_in_pieces_of_at_most_64_KiB()
    {
        var bytes = BigDossier(texts: 30, each: 50_000); // ~1.5 MB, past the 256 KiB threshold
        var (xml, sha256) = Write(bytes);
        Assert.True(xml.Spooled);
        Assert.Equal("dossier", xml.RootName);
        Assert.Equal(bytes.Length, xml.Length);
        Assert.Equal(1, GegevenssetXmlWriteStream.OpenSpoolFiles(_directory));
        Assert.Equal(Bewijzen.Digest(bytes), sha256); // the digest the Disclosure records and the signature covers

        var inMemory = new MemoryStream();
        await SoapWriter.WriteAsync(inMemory, new DocumentResponse.Geleverd(GegevenssetXml.Create(bytes)));
        var spooled = new Output();
        await SoapWriter.WriteResponseAsync(spooled, new DocumentResponse.Geleverd(xml));

        Assert.Equal(inMemory.ToArray(), spooled.Bytes.ToArray());
        Assert.InRange(spooled.LargestWrite, 1, SoapBuffer.MaxWrite);
        AssertNoSpoolFileLeft(); // sent: the response disposed it
        Assert.Throws<ObjectDisposedException>(() => xml.OpenRead());
    }

    [Fact]
    public void A_small_answer_stays_in_memory_with_the_same_digest()
    {
        var bytes = BigDossier(texts: 3, each: 1000);
        var (xml, sha256) = Write(bytes);
        Assert.False(xml.Spooled);
        Assert.Equal(bytes, xml.Utf8.ToArray());
        Assert.Equal(SHA256.HashData(bytes), sha256);
        AssertNoSpoolFileLeft();
    }

    [Fact]
    public async Task A_client_that_goes_away_mid_response_leaves_no_spool_file()
    {
        var (xml, _) = Write(BigDossier(texts: 30, each: 50_000));
        var output = new Output { FailAfter = 300_000 };
        await Assert.ThrowsAsync<IOException>(() => SoapWriter.WriteResponseAsync(output, new DocumentResponse.Geleverd(xml)));
        Assert.InRange(output.Bytes.Length, 1, 300_000);
        AssertNoSpoolFileLeft();
    }

    [Fact]
    public async Task A_response_cancelled_mid_way_leaves_no_spool_file()
    {
        var (xml, _) = Write(BigDossier(texts: 30, each: 50_000));
        using var cancel = new CancellationTokenSource();
        var output = new Output { OnWrite = cancel.Cancel };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => SoapWriter.WriteResponseAsync(output, new DocumentResponse.Geleverd(xml), cancel.Token));
        AssertNoSpoolFileLeft();
    }

    [Fact]
    public async Task A_spooled_dossier_malformed_deep_inside_is_refused_before_a_byte_is_sent_and_removed()
    {
        var (xml, _) = Write(BigDossier(texts: 30, each: 50_000, tail: "<bijlage></dossier>"));
        Assert.True(xml.Spooled);
        var output = new Output();
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => SoapWriter.WriteResponseAsync(output, new DocumentResponse.Geleverd(xml)));
        Assert.Contains("geen welgevormde XML", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, output.Bytes.Length);
        AssertNoSpoolFileLeft();
    }

    [Fact]
    public void A_copy_that_fails_while_writing_or_is_not_a_gegevensset_leaves_no_spool_file()
    {
        var bytes = BigDossier(texts: 30, each: 50_000);
        using (var writer = new GegevenssetXmlWriteStream(bytes.Length, Spooling))
        {
            writer.Write(bytes.AsSpan(0, 1_000_000)); // the copy fails here: Decide's using disposes the writer
            Assert.True(writer.Spooled);
            Assert.Equal(1, GegevenssetXmlWriteStream.OpenSpoolFiles(_directory));
        }
        AssertNoSpoolFileLeft();

        var other = Encoding.UTF8.GetBytes("<leerling xmlns=\"urn:x\">" + new string('x', 400_000) + "</leerling>");
        using (var writer = new GegevenssetXmlWriteStream(other.Length, Spooling))
        {
            writer.Write(other);
            var refused = Assert.Throws<ArgumentException>(() => writer.Complete());
            Assert.Contains("hoofdelement", refused.Message, StringComparison.Ordinal);
        }
        AssertNoSpoolFileLeft();

        var declared = Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?>").Concat(bytes).ToArray();
        using (var writer = new GegevenssetXmlWriteStream(declared.Length, Spooling))
        {
            writer.Write(declared);
            Assert.Throws<ArgumentException>(() => writer.Complete());
        }
        AssertNoSpoolFileLeft();
    }

    /// <summary>A response body: records what arrives and the largest write; can fail or cancel part-way like a client that goes away.</summary>
    private sealed class Output : Stream
    {
        public MemoryStream Bytes { get; } = new();
        public int LargestWrite { get; private set; }
        public long FailAfter { get; init; } = long.MaxValue;
        public Action? OnWrite { get; init; }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Bytes.Length + buffer.Length > FailAfter) throw new IOException("De verbinding is verbroken.");
            Bytes.Write(buffer.Span);
            LargestWrite = Math.Max(LargestWrite, buffer.Length);
            OnWrite?.Invoke();
            return ValueTask.CompletedTask;
        }

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public override void Flush() { }
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => Bytes.Length;
        public override long Position { get => Bytes.Length; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
