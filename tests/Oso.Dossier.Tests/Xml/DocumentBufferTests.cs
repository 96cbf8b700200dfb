using System.Text;
using Oso.Dossier.Validation;
using Oso.Dossier.Xml;
using Oso.Testing;

namespace Oso.Dossier.Tests.Xml;

/// <summary>
/// The validator's read buffer (ADR 0014): a document past the fast reader's limit is replayed whole to the streaming
/// reader from what is held, and what is held stays bounded — the limit for a stream of unknown length, the profile's
/// first MiB for one whose length says it is larger.
/// </summary>
public sealed class DocumentBufferTests
{
    private const int Limit = 1 << 20;

    public static TheoryData<int> Sizes => new() { 0, 1000, Limit - 1, Limit, Limit + 1, 3 * Limit + 17 };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void The_document_is_replayed_whole_and_no_more_than_the_limit_is_held(int size)
    {
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        // how the input comes: seekable, forward-only, forward-only with its length, with a wrong length either way
        var inputs = new (Func<Stream> Open, long? Known)[]
        {
            (() => new MemoryStream(bytes), null), (() => new Forward(bytes), null), (() => new Forward(bytes), size),
            (() => new Forward(bytes), size + 2L * Limit), (() => new Forward(bytes), 0),
        };
        foreach (var (open, known) in inputs)
        {
            using var input = open();
            using var buffer = DocumentBuffer.Read(input, Limit, known);
            using var replay = new MemoryStream();
            buffer.OpenStream().CopyTo(replay);
            Assert.Equal(bytes, replay.ToArray());
            Assert.True(buffer.Length <= Limit, $"{buffer.Length} bytes held of {size} (known {known})");
            if (buffer.Complete) Assert.Equal(size, buffer.Length);
            if (size <= Limit && (input.CanSeek || known is null || known == size)) Assert.True(buffer.Complete); // the fast reader still gets it
            if (size > Limit && (input.CanSeek || known == size)) Assert.Equal(DocumentBuffer.ProfilePrefixLength, buffer.Length); // only the profile's MiB
        }
    }

    [Fact]
    public void A_dossier_past_the_fast_readers_limit_gets_the_same_report_however_it_is_streamed()
    {
        var text = File.ReadAllText(StandardFiles.Example("OV_POVO_full"));
        var at = text.IndexOf("<bestandsinhoud>", StringComparison.Ordinal) + "<bestandsinhoud>".Length;
        var end = text.IndexOf("</bestandsinhoud>", at, StringComparison.Ordinal);
        using var built = new MemoryStream();
        built.Write(Encoding.UTF8.GetBytes(text[..at]));
        var line = Encoding.ASCII.GetBytes(new string('Q', 76) + "\n");
        while (built.Length < 40L << 20) built.Write(line); // 40 MiB: past the 32 MiB the fast reader takes
        built.Write(Encoding.UTF8.GetBytes(text[end..]));
        var bytes = built.ToArray();
        var validator = new DossierValidator();

        static string Of(ValidationReport report) => string.Join("\n", report.Meldingen.Select(m => m.ToString()));
        var expected = Of(validator.Validate(new MemoryStream(bytes)));
        Assert.NotEmpty(validator.Validate(new MemoryStream(bytes)).Meldingen); // the inflated attachment is no ZIP: a report with content to compare

        Assert.Equal(expected, Of(validator.Validate(new Forward(bytes))));
        Assert.Equal(expected, Of(validator.Validate(new Forward(bytes), bytes.Length)));
        Assert.Equal(expected, Of(validator.Validate(new Forward(bytes), 1000)));
        // and the small example keeps the fast reader's report when its length is given
        var small = File.ReadAllBytes(StandardFiles.Example("OV_POVO_full"));
        Assert.Equal(Of(validator.Validate(new MemoryStream(small))), Of(validator.Validate(new Forward(small), small.Length)));
    }

    private sealed class Forward(byte[] bytes) : ForwardReadStream
    {
        private int _position;

        public override int Read(Span<byte> buffer)
        {
            // at most 7,000 bytes a call, as a network or spool stream hands them out
            var n = Math.Min(Math.Min(buffer.Length, 7000), bytes.Length - _position);
            bytes.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }
    }
}
