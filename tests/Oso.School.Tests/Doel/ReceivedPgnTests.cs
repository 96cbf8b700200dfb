using System.Text;
using Oso.Dossier;
using Oso.School.Doel;
using Oso.Synthetic;
using Oso.Testing;

namespace Oso.School.Tests.Doel;

/// <summary>
/// The doel checks that a received dossier is of the pupil it asked for from the one leerling element, in a streaming
/// pass (ADR 0014), instead of reading the whole model: it must find what the model finds.
/// </summary>
public sealed class ReceivedPgnTests
{
    private static string? FromModel(byte[] xml) =>
        DossierReader.Read(new MemoryStream(xml)).Dossier?.Huidigeschool.Leerling is { } l ? l.Bsn ?? l.Onderwijsnummer : null;

    [Theory]
    [MemberData(nameof(StandardFiles.ExampleNames), MemberType = typeof(StandardFiles))]
    public async Task On_every_official_example_it_finds_the_pupil_the_model_finds(string name)
    {
        var xml = await File.ReadAllBytesAsync(StandardFiles.Example(name), TestContext.Current.CancellationToken);
        var model = FromModel(xml);

        if (model is null) return; // not a single dossier (a dossiers batch, a terugkoppeling)
        Assert.Equal(model, TransferRunner.ReceivedPgn(new MemoryStream(xml)));
    }

    [Fact]
    public void On_synthetic_dossiers_with_a_bsn_or_an_onderwijsnummer_it_finds_the_pupil_the_model_finds()
    {
        var seen = 0;
        foreach (var dossier in SyntheticDossiers.Many(SyntheticProfile.Povo, 40, 14, new DateOnly(2026, 4, 1)))
        {
            var xml = DossierWriter.ToBytes(dossier);
            Assert.Equal(FromModel(xml), TransferRunner.ReceivedPgn(new MemoryStream(xml)));
            seen++;
        }
        Assert.Equal(40, seen);
    }

    [Theory]
    [InlineData("<dossier xmlns=\"urn:x\"><huidigeschool><leerling><bsn>", null)]
    [InlineData("<terugkoppeling xmlns=\"urn:x\"><huidigeschool><leerling><bsn>123</bsn></leerling></huidigeschool></terugkoppeling>", null)]
    [InlineData("<dossier xmlns=\"urn:x\"><huidigeschool><naam>S</naam><leerling><onderwijsnummer> 100000009 </onderwijsnummer></leerling></huidigeschool></dossier>", "100000009")]
    [InlineData("<dossier xmlns=\"urn:x\"><huidigeschool><leerling><onderwijsnummer>100000009</onderwijsnummer><bsn>999991073</bsn></leerling></huidigeschool></dossier>", "999991073")]
    [InlineData("<dossier xmlns=\"urn:x\"><andere><leerling><bsn>999991073</bsn></leerling></andere></dossier>", null)]
    [InlineData("<!DOCTYPE dossier [<!ENTITY b \"999991073\">]><dossier><huidigeschool><leerling><bsn>&b;</bsn></leerling></huidigeschool></dossier>", null)]
    public void Only_the_leerling_of_the_huidigeschool_counts_and_an_unreadable_dossier_gives_none(string xml, string? expected) =>
        Assert.Equal(expected, TransferRunner.ReceivedPgn(new MemoryStream(Encoding.UTF8.GetBytes(xml))));
}
