using System.Text;
using Oso.Protocol.Messages;
using Oso.Protocol.Soap;

namespace Oso.Protocol.Tests.Soap;

/// <summary>
/// A message past <see cref="SoapLimits.SpoolAboveBytes"/> is kept in an encrypted spool file (ADR 0014): it reads the
/// same as one held in memory, may be larger than <see cref="SoapLimits.MaxMessageBytes"/> up to the spooled limit, is
/// refused there and when truncated or malformed with a located Dutch fault, and no path leaves a spool file open.
/// Small limits stand in for the real ones (8 MiB / 256 MiB) so each test reads a few megabytes.
/// </summary>
public sealed class SpooledMessageTests : IDisposable
{
    private const string DossierNs = "http://www.edustandaard.nl/oso_gegevensset/2019/dossier";
    private const string Head = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" "
        + "xmlns:ns1=\"http://xml.kennisnet.nl/schemas/Overstapservice/20200910\"><s:Body>";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "oso-spool-test-" + Guid.NewGuid().ToString("N"));

    private SoapLimits Spooling => SoapLimits.Spooled with
    {
        MaxMessageBytes = 1024 * 1024,
        SpoolAboveBytes = 256 * 1024,
        MaxSpooledMessageBytes = 6 * 1024 * 1024,
        SpoolDirectory = _directory,
    };

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    /// <summary>A documentResponse whose dossier holds <paramref name="texts"/> base64-like texts of <paramref name="each"/> characters, each different.</summary>
    private static byte[] BigDocumentResponse(int texts, int each)
    {
        var dossier = new StringBuilder($"<dossier xmlns=\"{DossierNs}\">");
        for (var i = 0; i < texts; i++)
        {
            dossier.Append("<bijlage nr=\"").Append(i).Append("\">");
            for (var j = 0; j < each; j++) dossier.Append((char)('A' + (i * 7 + j) % 26));
            dossier.Append("</bijlage>\n");
        }
        dossier.Append("</dossier>");
        return Encoding.UTF8.GetBytes(TestData.Envelope("<ns1:documentResponse>" + dossier + "</ns1:documentResponse>"));
    }

    private void AssertNoSpoolFileLeft()
    {
        Assert.Equal(0, SpoolFile.OpenIn(_directory));
        Assert.Empty(Directory.Exists(_directory) ? Directory.GetFiles(_directory) : []);
    }

    [Fact]
    public async Task A_message_past_the_memory_limit_is_spooled_and_reads_exactly_as_one_held_in_memory()
    {
        var message = BigDocumentResponse(texts: 5, each: 700 * 1024); // ~3.4 MB: over MaxMessageBytes (1 MiB), under the spooled limit
        Assert.True(message.Length > Spooling.MaxMessageBytes);

        var spooled = TestData.Read<DocumentResponse.Geleverd>(await SoapReader.ReadAsync(new MemoryStream(message), Spooling, TestData.Ct));
        using var inMemory = TestData.Read<DocumentResponse.Geleverd>(await SoapReader.ReadAsync(new MemoryStream(message),
            SoapLimits.Default with { MaxMessageBytes = 8 * 1024 * 1024 }, TestData.Ct));

        // the dossier itself is spooled (ADR 0014 phase 2): one spool file open — the capture's — and none of the
        // message's own or of the parses that started again (at 1 MiB of read-ahead the dossier was already past the threshold)
        Assert.True(spooled.Dossier.Spooled);
        Assert.False(inMemory.Dossier.Spooled);
        Assert.Equal(1, SpoolFile.OpenIn(_directory));
        Assert.Equal(inMemory.Dossier.Length, spooled.Dossier.Length);
        Assert.True(spooled.Dossier.ToArray().AsSpan().SequenceEqual(inMemory.Dossier.Utf8.Span));
        Assert.Equal(inMemory.Dossier, spooled.Dossier);
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(inMemory.Dossier.Utf8.Span), spooled.Dossier.Sha256());
        Assert.Equal("dossier", spooled.Dossier.RootName);
        // never held whole by accident: the bytes in one piece only on an explicit ToArray
        var refused = Assert.Throws<InvalidOperationException>(() => spooled.Dossier.Utf8);
        Assert.Contains("versleuteld tijdelijk bestand", refused.Message, StringComparison.Ordinal);

        spooled.Dispose(); // the receiver owns the answer: disposing it removes the spool file
        AssertNoSpoolFileLeft();
        Assert.Throws<ObjectDisposedException>(() => spooled.Dossier.OpenRead());
    }

    [Fact]
    public async Task A_small_dossier_stays_in_memory_while_spooling_is_on()
    {
        var message = BigDocumentResponse(texts: 2, each: 50 * 1024);

        using var read = TestData.Read<DocumentResponse.Geleverd>(await SoapReader.ReadAsync(new MemoryStream(message), Spooling, TestData.Ct));

        Assert.False(read.Dossier.Spooled);
        Assert.True(read.Dossier.Length > 100 * 1024);
        Assert.Equal(read.Dossier.Length, read.Dossier.Utf8.Length);
        AssertNoSpoolFileLeft();
    }

    [Fact]
    public async Task A_spooled_dossier_followed_by_a_second_document_is_refused_and_its_capture_removed()
    {
        var single = Encoding.UTF8.GetString(BigDocumentResponse(texts: 3, each: 400 * 1024));
        var dossier = single[single.IndexOf("<dossier", StringComparison.Ordinal)..(single.IndexOf("</dossier>", StringComparison.Ordinal) + "</dossier>".Length)];
        var twice = single.Replace(dossier, dossier + dossier, StringComparison.Ordinal);

        var fault = TestData.Rejected(await SoapReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(twice)), Spooling, TestData.Ct));

        Assert.Equal(SoapFoutcodes.DubbelElement, fault.Foutcode);
        AssertNoSpoolFileLeft();
    }

    [Fact]
    public async Task A_read_cancelled_after_the_dossier_was_spooled_leaves_no_spool_file()
    {
        using var cts = new CancellationTokenSource();
        var input = new CancellingStream(BigDocumentResponse(texts: 5, each: 700 * 1024), cancelAt: 2 * 1024 * 1024, cts);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => SoapReader.ReadAsync(input, Spooling, cts.Token));

        Assert.True(cts.IsCancellationRequested);
        AssertNoSpoolFileLeft();
    }

    [Fact]
    public async Task A_spooled_dossier_changed_on_disk_is_refused_never_read()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "reaches the unlinked spool file through /proc/self/fd");
        var message = BigDocumentResponse(texts: 5, each: 700 * 1024);
        using var read = TestData.Read<DocumentResponse.Geleverd>(await SoapReader.ReadAsync(new MemoryStream(message), Spooling, TestData.Ct));
        Assert.True(read.Dossier.Spooled);

        // what someone with access to the node's temporary directory could do: flip one byte of the file's first chunk
        var fd = Assert.Single(Directory.GetFiles("/proc/self/fd"), f => LinkTarget(f)?.StartsWith(_directory, StringComparison.Ordinal) == true);
        // (by another process, as an intruder would: this one holds the file locked)
        var path = $"/proc/{Environment.ProcessId}/fd/{Path.GetFileName(fd)}";
        var b = Dd($"if={path} bs=1 skip=100 count=1 status=none", null);
        Assert.Single(b);
        Dd($"of={path} bs=1 seek=100 count=1 conv=notrunc status=none", [(byte)(b[0] ^ 0x01)]);

        var e = Assert.Throws<IOException>(() => read.Dossier.Sha256());
        Assert.Contains("gewijzigd", e.Message, StringComparison.Ordinal);
        using var stream = read.Dossier.OpenRead();
        Assert.Throws<IOException>(() => stream.Read(new byte[1024]));
    }

    [Fact]
    public async Task Without_spooling_the_same_message_is_refused_at_the_memory_limit()
    {
        var message = BigDocumentResponse(texts: 5, each: 700 * 1024);

        var fault = TestData.Rejected(await SoapReader.ReadAsync(new MemoryStream(message), Spooling with { SpoolAboveBytes = null }, TestData.Ct));

        Assert.Equal(SoapFoutcodes.TeGroot, fault.Foutcode);
        Assert.Contains("groter dan 1048576 bytes", fault.Omschrijving, StringComparison.Ordinal);
        AssertNoSpoolFileLeft();
    }

    [Fact]
    public async Task A_spooled_message_over_the_spooled_limit_is_refused_at_that_limit_in_Dutch_and_leaves_no_spool_file()
    {
        var input = new GeneratedStream(Head + $"<ns1:documentResponse><dossier xmlns=\"{DossierNs}\"><a>", "QUFB", 100L * 1024 * 1024);

        var fault = TestData.Rejected(await SoapReader.ReadAsync(input, Spooling, TestData.Ct));

        Assert.Equal(SoapFoutcodes.TeGroot, fault.Foutcode);
        Assert.Contains("groter dan 6291456 bytes (de grens voor een bericht met een groot dossier)", fault.Omschrijving, StringComparison.Ordinal);
        Assert.True(input.Delivered <= Spooling.MaxSpooledMessageBytes + 64 * 1024, $"read {input.Delivered} bytes");
        AssertNoSpoolFileLeft();
    }

    [Fact]
    public async Task A_truncated_spooled_message_is_refused_with_a_located_fault_and_leaves_no_spool_file()
    {
        var message = BigDocumentResponse(texts: 5, each: 700 * 1024);
        var cut = message.AsSpan(0, message.Length * 2 / 3).ToArray();

        var fault = TestData.Rejected(await SoapReader.ReadAsync(new MemoryStream(cut), Spooling, TestData.Ct));

        Assert.Equal(SoapFaultCode.Client, fault.Code);
        Assert.NotNull(fault.Regel);
        AssertNoSpoolFileLeft();
    }

    [Fact]
    public async Task A_malformed_tag_deep_in_the_spooled_part_is_refused_on_its_line_and_leaves_no_spool_file()
    {
        var message = BigDocumentResponse(texts: 5, each: 700 * 1024);
        var at = Encoding.UTF8.GetString(message).IndexOf("<bijlage nr=\"3\">", StringComparison.Ordinal);
        Assert.True(at > Spooling.SpoolAboveBytes);
        message[at + 1] = (byte)'<'; // "<<ijlage": not well-formed, on line 4 of the dossier

        var fault = TestData.Rejected(await SoapReader.ReadAsync(new MemoryStream(message), Spooling, TestData.Ct));

        Assert.Equal(SoapFaultCode.Client, fault.Code);
        Assert.Equal(4, fault.Regel);
        AssertNoSpoolFileLeft();
    }

    [Fact]
    public void The_spool_file_gives_back_every_byte_from_any_position_and_is_gone_from_its_directory_while_open()
    {
        var bytes = new byte[SpoolFile.ChunkSize * 3 + 1234];
        new Random(14).NextBytes(bytes);
        using (var spool = new SpoolFile(_directory))
        {
            // appended in uneven pieces, across chunk boundaries
            for (var at = 0; at < bytes.Length;)
            {
                var n = Math.Min(bytes.Length - at, 10_000 + at % 7_777);
                spool.Append(bytes.AsSpan(at, n));
                at += n;
            }
            Assert.Equal(bytes.Length, spool.Length);
            Assert.Equal(1, SpoolFile.OpenIn(_directory));
            Assert.Empty(Directory.GetFiles(_directory)); // removed from the directory while open: a crash leaves nothing

            foreach (var start in new long[] { 0, 1, SpoolFile.ChunkSize - 1, SpoolFile.ChunkSize * 2 + 5, bytes.Length - 3 })
            {
                var read = new List<byte>();
                var buffer = new byte[5_000];
                for (var p = start; ; )
                {
                    var n = spool.ReadAt(p, buffer);
                    if (n == 0) break;
                    read.AddRange(buffer.AsSpan(0, n).ToArray());
                    p += n;
                }
                Assert.True(bytes.AsSpan((int)start).SequenceEqual(read.ToArray()), $"from {start}");
            }
            Assert.Equal(0, spool.ReadAt(bytes.Length, new byte[10]));
        }
        Assert.Equal(0, SpoolFile.OpenIn(_directory));
    }

    private static byte[] Dd(string arguments, byte[]? input)
    {
        using var dd = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("dd", arguments)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false,
        })!;
        if (input is not null) dd.StandardInput.BaseStream.Write(input);
        dd.StandardInput.Close();
        var output = new MemoryStream();
        dd.StandardOutput.BaseStream.CopyTo(output);
        dd.WaitForExit();
        Assert.Equal(0, dd.ExitCode);
        return output.ToArray();
    }

    private static string? LinkTarget(string fd)
    {
        try
        {
            return new FileInfo(fd).LinkTarget;
        }
        catch (IOException)
        {
            return null; // closed meanwhile by another test
        }
    }

    /// <summary>Delivers <paramref name="bytes"/> and cancels once past <paramref name="cancelAt"/>, as a network stream whose caller gave up.</summary>
    private sealed class CancellingStream(byte[] bytes, long cancelAt, CancellationTokenSource cts) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position >= cancelAt) cts.Cancel();
            cts.Token.ThrowIfCancellationRequested();
            var n = (int)Math.Min(buffer.Length, bytes.Length - _position);
            bytes.AsSpan((int)_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
