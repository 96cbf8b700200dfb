using System.Buffers;
using System.Text;
using Oso.Dossier.Xml;

namespace Oso.Dossier.Tests.Xml;

/// <summary>
/// The facts validation reports about an attachment (size, base64 validity, ZIP signatures) are computed while streaming,
/// in chunks, with a vectorized scan. They must not depend on where the chunks break, and must equal what decoding the
/// whole text says.
/// </summary>
public sealed class AttachmentFactsTests
{
    private static readonly SearchValues<char> Letters = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");

    [Fact]
    public void The_vectorized_letter_scan_finds_the_same_first_non_letter_as_a_plain_search()
    {
        var random = new Random(6);
        const string pool = "ABCXYZabcxyz0189+/=\n\r\t *-.@[`{:é\u0100\u2B2B\uFF0F";
        for (var n = 0; n < 3000; n++)
        {
            var length = random.Next(0, 90);
            var chars = new char[length];
            for (var i = 0; i < length; i++)
                chars[i] = random.Next(8) == 0 ? pool[random.Next(pool.Length)] : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"[random.Next(64)];
            Assert.Equal(chars.AsSpan().IndexOfAnyExcept(Letters), AttachmentFactsBuilder.IndexOfNonLetter(chars));
        }
    }

    public static TheoryData<string> Texts => new()
    {
        Convert.ToBase64String(Zip(1000)),
        Convert.ToBase64String(Zip(1001)),
        Convert.ToBase64String(Zip(1002)),
        Convert.ToBase64String(Zip(5000), Base64FormattingOptions.InsertLineBreaks),
        "  " + Convert.ToBase64String(Zip(300)).Replace("A", "A\n", StringComparison.Ordinal) + "\r\n  ",
        Convert.ToBase64String(Zip(999)) + "A",          // not a multiple of four
        Convert.ToBase64String(Zip(1000))[..^2] + "=A=", // data after padding
        Convert.ToBase64String(Zip(1000)) + "===",       // too much padding
        Convert.ToBase64String(Zip(100)).Insert(50, "-"), // not base64
        Convert.ToBase64String(Encoding.ASCII.GetBytes("geen zip, wel base64")),
        "",
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Facts_do_not_depend_on_how_the_text_is_chunked_and_agree_with_decoding_it(string text)
    {
        var whole = Facts(text, text.Length + 1);
        foreach (var size in new[] { 1, 3, 4, 7, 16, 17, 31, 64, 100 })
            Assert.Equal(whole, Facts(text, size));

        Assert.Equal(text.Length, whole.TextLength);
        var decoded = TryDecode(text);
        Assert.Equal(decoded?.Length, whole.DecodedLength);
        if (decoded is not null && decoded.Length > 30)
        {
            Assert.Equal(decoded.AsSpan().StartsWith("PK\x03\x04"u8), whole.StartsLikeZip);
            Assert.Equal(AttachmentFactsBuilder.HasDirectoryRecord(decoded), whole.EndsLikeZip);
        }
    }

    private static AttachmentFacts Facts(string text, int chunk)
    {
        var builder = new AttachmentFactsBuilder();
        for (var i = 0; i < text.Length; i += chunk) builder.Append(text.AsSpan(i, Math.Min(chunk, text.Length - i)));
        return builder.Build();
    }

    private static byte[]? TryDecode(string text)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    // a ZIP file of about the given size (stored, not compressed, so the size is predictable)
    private static byte[] Zip(int size)
    {
        using var memory = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(memory, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            var entry = zip.CreateEntry("bijlage.txt", System.IO.Compression.CompressionLevel.NoCompression);
            using var stream = entry.Open();
            stream.Write(new byte[Math.Max(0, size - 120)]);
        }
        return memory.ToArray();
    }
}
