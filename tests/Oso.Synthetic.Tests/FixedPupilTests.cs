using Oso.Dossier;
using Oso.Dossier.Identifiers;

namespace Oso.Synthetic.Tests;

public sealed class FixedPupilTests
{
    private static readonly DateOnly Date = new(2026, 4, 1);

    [Fact]
    public void Fixed_pupils_have_unique_keys_and_valid_numbers_from_the_test_range()
    {
        var pupils = SyntheticDossiers.FixedPupils;

        Assert.Equal(pupils.Count, pupils.Select(p => p.Key).Distinct().Count());
        Assert.Equal(pupils.Count, pupils.Select(p => p.Pgn).Distinct().Count());
        Assert.All(pupils, p => Assert.True(Pgn.TryParse(p.Pgn, out _), p.Key));
        Assert.All(pupils.Where(p => Bsn.IsValid(p.Pgn)), p => Assert.StartsWith("9999", p.Pgn));
        foreach (var status in Enum.GetValues<FixedPupilStatus>()) Assert.Contains(pupils, p => p.Status == status);
        foreach (var profile in SyntheticProfile.All) Assert.Contains(pupils, p => p.Profile == profile);
    }

    [Fact]
    public void A_fixed_pupil_keeps_name_and_number_and_is_the_same_for_the_same_date()
    {
        var first = SyntheticDossiers.Fixed("povo-akkoord", Date);
        var again = SyntheticDossiers.Fixed("povo-akkoord", Date);

        var leerling = first.Huidigeschool.Leerling;
        Assert.Equal(["Sanne", "Maria"], leerling.Voornaam);
        Assert.Equal("de", leerling.Voorvoegsel);
        Assert.Equal("Vries", leerling.Achternaam);
        Assert.Equal("999991000", leerling.Bsn);
        Assert.Equal("00YY", first.Huidigeschool.Brincode);
        Assert.Equal("Ja", first.Inzage?.Akkoord?.Value);
        Assert.Equal(DossierWriter.ToBytes(first), DossierWriter.ToBytes(again));
        Assert.Equal("Sanne de Vries", SyntheticDossiers.FixedPupils[0].Naam);
    }

    [Fact]
    public void Each_case_shows_in_the_dossier()
    {
        var disagree = SyntheticDossiers.Fixed("povo-niet-akkoord", Date);
        Assert.Equal("Nee", disagree.Inzage?.Akkoord?.Value);
        Assert.Equal(SyntheticDossiers.FixedDisagreement, disagree.Inzage?.Redennietakkoord);

        var onderwijsnummer = SyntheticDossiers.Fixed("povo-onderwijsnummer", Date).Huidigeschool.Leerling;
        Assert.Null(onderwijsnummer.Bsn);
        Assert.Equal("110000001", onderwijsnummer.Onderwijsnummer);

        var geheim = SyntheticDossiers.Fixed("povo-adresgeheim", Date).Huidigeschool.Leerling;
        Assert.True(geheim.Adresgeheim);
        Assert.Empty(geheim.Adreslijst);
        Assert.All(geheim.Verzorger, v => Assert.Empty(v.Adreslijst));

        var noInzage = SyntheticDossiers.Fixed("geen-inzage", Date).Inzage!;
        Assert.True(noInzage.Voorlopigdossier);
        Assert.False(noInzage.Inzage);

        var swv = SyntheticDossiers.Fixed("poswv", Date).Huidigeschool.Leerling;
        Assert.Null(swv.Bsn);
        Assert.Equal("Finn", swv.Roepnaam);

        Assert.Equal("01", SyntheticDossiers.Fixed("vovo", Date).Huidigeschool.Vestigingscode);
    }

    [Fact]
    public void The_unknown_pupil_and_an_unknown_key_have_no_dossier()
    {
        Assert.Throws<ArgumentException>(() => SyntheticDossiers.Fixed("onbekend", Date));
        Assert.Throws<ArgumentException>(() => SyntheticDossiers.Fixed("bestaat-niet", Date));
    }
}
