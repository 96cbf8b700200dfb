using System.IO.Compression;
using System.Text;
using Oso.Dossier.Schema;
using Oso.Dossier.Xml;
using Oso.Testing;

namespace Oso.Dossier.Tests.Xml;

public sealed class AttachmentTests
{
    private static List<XmlElementNode> Contents(XmlReadResult read) =>
        read.Root!.Descendants().Where(n => n.LocalName == "bestandsinhoud").ToList();

    [Fact]
    public void Every_attachment_of_the_POVO_example_decodes_the_same_whole_and_streamed_and_is_judged_as_zip_like_the_zip_library()
    {
        var read = SchemaValidatingReader.Read(File.OpenRead(StandardFiles.Example("OV_POVO_full")), Gegevensset2019.Schema);

        var contents = Contents(read);
        Assert.Equal(15, contents.Count);
        Assert.Contains(contents, c => c.Base64!.Length > 3 * Base64Text.SegmentSize); // spans several segments
        foreach (var node in contents)
        {
            var base64 = node.Base64!;
            Assert.True(base64.TryDecode(out var whole));
            using var copy = new MemoryStream();
            using (var stream = base64.OpenRead()) stream.CopyTo(copy, 1000);
            Assert.Equal(whole, copy.ToArray());
            Assert.Equal(whole.Length, base64.DecodedLength);
            Assert.Equal(OpensAsZip(whole), node.Attachment!.LooksLikeZip);
            Assert.Equal(whole.Length, node.Attachment.DecodedLength);
        }
    }

    private static bool OpensAsZip(byte[] bytes)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            return zip.Entries.Count > 0;
        }
        catch (InvalidDataException)
        {
            return false; // several official examples carry truncated ZIPs of 162 bytes
        }
    }

    [Fact]
    public void Validation_keeps_no_attachment_but_knows_the_same_facts()
    {
        var path = StandardFiles.Example("OV_POVO_full");
        var kept = Contents(SchemaValidatingReader.Read(File.OpenRead(path), Gegevensset2019.Schema, keepAttachments: true));

        var facts = Contents(SchemaValidatingReader.Read(File.OpenRead(path), Gegevensset2019.Schema, keepAttachments: false));

        Assert.All(facts, f => Assert.Null(f.Base64));
        Assert.Equal(kept.Select(k => k.Attachment), facts.Select(f => f.Attachment));
    }

    [Theory]
    [InlineData("UEsDBBQAAAAIAA==", true, false)]          // starts like a ZIP, no directory at the end
    [InlineData("SGVsbG8gd29ybGQ=", true, false)]          // "Hello world": base64, not a ZIP
    [InlineData("SGVsbG8=gd29ybGQ=", false, false)]        // data after padding
    [InlineData("SGVsbG8gd29ybGQ", false, false)]          // length not a multiple of four
    [InlineData("Zm9v\n  YmFy\n", true, false)]            // whitespace is allowed anywhere
    [InlineData("Zm9v*YmFy", false, false)]                // a character outside the alphabet
    public void Attachment_facts_judge_base64_text(string text, bool isBase64, bool looksLikeZip)
    {
        var facts = Base64Text.FromText(text).Facts();

        Assert.Equal(isBase64, facts.IsBase64);
        Assert.Equal(looksLikeZip, facts.LooksLikeZip);
        Assert.Equal(text.Length, facts.TextLength);
    }

    [Fact]
    public void A_real_zip_encoded_with_line_breaks_looks_like_a_zip()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        using (var writer = new StreamWriter(zip.CreateEntry("verslag.txt").Open()))
            writer.Write(new string('x', 50_000));
        var text = Convert.ToBase64String(buffer.ToArray(), Base64FormattingOptions.InsertLineBreaks);

        var facts = Base64Text.FromText(text).Facts();

        Assert.True(facts.LooksLikeZip);
        Assert.Equal(buffer.Length, facts.DecodedLength);
    }

    [Fact]
    public void Text_with_characters_outside_ASCII_is_kept_as_text_and_is_not_base64()
    {
        var base64 = Base64Text.FromText("Zm9vé");

        Assert.False(base64.IsAscii);
        Assert.False(base64.TryDecode(out _));
        Assert.Equal("Zm9vé", base64.ToString());
        Assert.False(base64.Facts().IsBase64);
        Assert.Equal(Encoding.UTF8.GetBytes("Zm9vé").Length - 1, base64.Length);
    }
}
