using Oso.Dossier.Model;
using Oso.Testing;

namespace Oso.Dossier.Tests.Model;

public sealed class OfficialExampleTests
{
    [Theory]
    [MemberData(nameof(StandardFiles.ExampleNames), MemberType = typeof(StandardFiles))]
    public void Every_official_example_reads_into_the_typed_model_without_messages(string example)
    {
        var path = StandardFiles.Example(example);

        var result = DossierReader.Read(path);

        Assert.Empty(result.Meldingen);
        var dossier = Assert.IsType<Dossier.Model.Dossier>(result.Document);
        Assert.Equal("2019.1", dossier.Metadata.Standaardversie);
        Assert.False(string.IsNullOrEmpty(dossier.Huidigeschool.Leerling.Achternaam));
    }

    [Theory]
    [MemberData(nameof(StandardFiles.ExampleNames), MemberType = typeof(StandardFiles))]
    public void Reading_and_writing_an_official_example_keeps_its_infoset(string example)
    {
        var original = File.ReadAllBytes(StandardFiles.Example(example));

        var written = DossierWriter.ToBytes(DossierReader.Read(new MemoryStream(original)).Document!);

        Assert.Null(XmlInfoset.Difference(original, written));
    }

    [Theory]
    [MemberData(nameof(StandardFiles.ExampleNames), MemberType = typeof(StandardFiles))]
    public void A_written_example_reads_back_into_an_equal_model(string example)
    {
        var first = DossierReader.Read(StandardFiles.Example(example)).Document!;

        var second = DossierReader.Read(new MemoryStream(DossierWriter.ToBytes(first))).Document!;

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Fact]
    public void The_POVO_example_exposes_advice_attachments_and_parents()
    {
        var dossier = DossierReader.Read(StandardFiles.Example("OV_POVO_full")).Dossier!;
        var leerling = dossier.Huidigeschool.Leerling;

        Assert.Equal("POVO", dossier.Metadata.Overstap?.Value);
        Assert.Equal("Basisonderwijs naar voortgezet onderwijs", dossier.Metadata.Overstap?.Label);
        Assert.Equal("40", leerling.Overstapadvies?.Advies?.Value);
        Assert.Equal("Nee", dossier.Inzage?.Akkoord?.Value);
        Assert.NotEmpty(leerling.Verzorger);
        Assert.Equal(new DateOnly(2003, 3, 17), leerling.Geboortedatum);
        var attachment = leerling.Overigdocumentlijst.First().Bestandsinhoud;
        Assert.True(attachment.TryDecode(out var bytes));
        Assert.Equal(attachment.DecodedLength, bytes.Length);
        Assert.Equal((byte)'P', bytes[0]); // a ZIP file
        Assert.Equal((byte)'K', bytes[1]);
        using var stream = attachment.OpenRead();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        Assert.Equal(bytes, copy.ToArray());
    }
}
