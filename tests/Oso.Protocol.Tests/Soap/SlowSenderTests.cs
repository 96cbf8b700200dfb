using Oso.Protocol.Messages;
using Oso.Protocol.Soap;
using Oso.Testing;

namespace Oso.Protocol.Tests.Soap;

/// <summary>
/// A slow sender holds memory, never a thread (issue 14, ADR 0010): the reader reads ahead asynchronously and parses
/// only what it received, so a message that stalls past the first read-ahead leaves the caller's thread free.
/// </summary>
public class SlowSenderTests
{
    [Fact]
    public async Task More_stalled_senders_than_the_thread_pool_has_threads_hold_no_thread_and_a_normal_message_is_still_read()
    {
        var (dossier, envelope) = await LongDocumentResponse();
        Assert.True(envelope.Length > 2 * SoapInput.FirstReadAhead, "the message must go on past the first read-ahead");
        ThreadPool.GetMinThreads(out var minWorkers, out _);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var senders = Enumerable.Range(0, minWorkers + 4).Select(_ => new DrippingStream(envelope, SoapInput.FirstReadAhead + 1000, gate.Task)).ToArray();

        // started on this thread: a reader that waited for the network synchronously would never hand this thread back
        var stalled = senders.Select(s => SoapReader.ReadAsync(s, cancellationToken: TestData.Ct)).ToArray();

        Assert.All(senders, s => Assert.True(s.Stalled, "every sender delivered its first part and now waits"));
        Assert.All(stalled, t => Assert.False(t.IsCompleted));
        var normal = TestData.Read<DocumentResponse.Geleverd>(await Task.Run(() => SoapReader.ReadAsync(new MemoryStream(envelope), cancellationToken: TestData.Ct), TestData.Ct));
        Assert.Equal(dossier, normal.Dossier.Utf8.ToArray());
        Assert.All(stalled, t => Assert.False(t.IsCompleted));

        gate.SetResult();
        foreach (var result in await Task.WhenAll(stalled))
            Assert.Equal(dossier, TestData.Read<DocumentResponse.Geleverd>(result).Dossier.Utf8.ToArray());
    }

    [Fact]
    public async Task A_long_message_dripping_in_a_few_bytes_at_a_time_is_read_whole()
    {
        var (dossier, envelope) = await LongDocumentResponse();
        var input = new DrippingStream(envelope, 0, Task.CompletedTask, drip: 97);

        var read = TestData.Read<DocumentResponse.Geleverd>(await SoapReader.ReadAsync(input, cancellationToken: TestData.Ct));

        Assert.Equal(dossier, read.Dossier.Utf8.ToArray());
    }

    [Fact]
    public async Task A_sender_that_breaks_off_while_stalled_is_a_read_error_not_a_hang()
    {
        var (_, envelope) = await LongDocumentResponse();
        var gate = new TaskCompletionSource();
        var input = new DrippingStream(envelope, SoapInput.FirstReadAhead + 1000, gate.Task);

        var reading = SoapReader.ReadAsync(input, cancellationToken: TestData.Ct);
        gate.SetException(new IOException("connection reset"));

        Assert.Equal(SoapFoutcodes.Leesfout, TestData.Rejected(await reading).Foutcode);
    }

    /// <summary>
    /// The official full POVO example (175 KB) as a documentResponse, longer than the first read-ahead, and the dossier
    /// as read from memory in one go (the original's trailing newline is outside the dossier element).
    /// </summary>
    private static async Task<(byte[] Dossier, byte[] Envelope)> LongDocumentResponse()
    {
        var dossier = GegevenssetXml.Create(await File.ReadAllBytesAsync(StandardFiles.Example("Voorbeelddossier_OV_POVO_full.xml"), TestData.Ct));
        var envelope = await TestData.WriteAsync(new DocumentResponse.Geleverd(dossier));
        var read = TestData.Read<DocumentResponse.Geleverd>(await TestData.ReadAsync(envelope)).Dossier.Utf8.ToArray();
        Assert.Equal(dossier.Utf8.ToArray().AsSpan().TrimEnd("\n"u8).ToArray(), read);
        return (read, envelope);
    }

    /// <summary>Delivers <c>bytes</c>: the first <c>atOnce</c> at once, then waits for <c>gate</c>, then the rest <c>drip</c> bytes per read, each read completing later.</summary>
    private sealed class DrippingStream(byte[] bytes, int atOnce, Task gate, int drip = 1024) : Stream
    {
        private int _position;

        public bool Stalled => _position >= atOnce && !gate.IsCompleted;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position >= atOnce)
            {
                // the ten seconds only end a broken reader's hang (it would hold the caller's thread in a synchronous wait)
                await gate.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
                await Task.Yield();
            }
            var n = Math.Min(buffer.Length, _position < atOnce ? atOnce - _position : Math.Min(drip, bytes.Length - _position));
            bytes.AsSpan(_position, n).CopyTo(buffer.Span);
            _position += n;
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) =>
            throw new InvalidOperationException("a synchronous read: the reader would hold a thread while the sender is slow");

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
