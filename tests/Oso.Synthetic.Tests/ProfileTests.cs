using Oso.Dossier;
using Oso.Dossier.Model;
using Oso.Testing;

namespace Oso.Synthetic.Tests;

public sealed class ProfileTests
{
    public static TheoryData<string, string> ProfilesAndExamples => new()
    {
        { "POPO", "OV_POPO" }, { "POVO", "OV_POVO" }, { "VOVO", "OV_VOVO" }, { "BB", "OV_BB" }, { "POSWV", "PaO_POSWV" }, { "VOSWV", "PaO_VOSWV" },
    };

    [Theory]
    [MemberData(nameof(ProfilesAndExamples))]
    public void Categories_are_declared_exactly_as_in_the_official_example_of_the_profile(string name, string example)
    {
        var profile = SyntheticDossiersTests.Profile(name);
        foreach (var (optOut, suffix) in new[] { (false, "_full"), (true, "_opt_out") })
        {
            var official = DossierReader.Read(StandardFiles.Example(example + suffix)).Dossier!.Metadata;

            foreach (var seed in new[] { 1, 2, 3 })
            {
                var metadata = SyntheticDossiers.Create(profile, seed, new DateOnly(2026, 5, 20), new SyntheticOptions { OptOut = optOut }).Metadata;
                Assert.Equal(official.CategorieUitlevering, metadata.CategorieUitlevering);
            }
        }
    }

    [Theory]
    [InlineData("POPO", "overstapdossier", "POPO")]
    [InlineData("POVO", "overstapdossier", "POVO")]
    [InlineData("VOVO", "overstapdossier", "VOVO")]
    [InlineData("POSWV", "swv-dossier", "POSWV")]
    [InlineData("VOSWV", "swv-dossier", "VOSWV")]
    public void Each_profile_sets_its_overdrachtsoort_and_overstap(string name, string overdrachtsoort, string overstap)
    {
        var dossier = SyntheticDossiers.Create(SyntheticDossiersTests.Profile(name), 1, new DateOnly(2026, 1, 10));

        Assert.Equal(overdrachtsoort, dossier.Overdrachtsoort.Value);
        Assert.Equal(overstap, dossier.Metadata.Overstap?.Value);
        Assert.Equal(new DateOnly(2026, 1, 10), dossier.Metadata.Datum);
    }

    [Fact]
    public void A_transfer_within_the_BRIN_takes_the_overstap_of_the_pupils_own_sector()
    {
        var dossiers = Enumerable.Range(1, 20).Select(seed => SyntheticDossiers.Create(SyntheticProfile.BinnenBrin, seed, new DateOnly(2026, 1, 10))).ToList();

        Assert.All(dossiers, d => Assert.Equal("overdrachtbinnenbrin", d.Overdrachtsoort.Value));
        Assert.All(dossiers, d => Assert.Equal(d.Huidigeschool.Soort == "VO" ? "VOVO" : "POPO", d.Metadata.Overstap?.Value));
        Assert.Contains(dossiers, d => d.Huidigeschool.Soort == "VO");
        Assert.Contains(dossiers, d => d.Huidigeschool.Soort == "BAO");
    }

    [Theory]
    [InlineData("POVO", 10, 12)]
    [InlineData("POPO", 5, 12)]
    [InlineData("POSWV", 5, 12)]
    [InlineData("VOVO", 11, 17)]
    [InlineData("VOSWV", 11, 15)]
    public void Pupils_have_the_age_of_their_profile_on_the_reference_date(string name, int youngest, int oldest)
    {
        // group 8 is the school year a pupil turns twelve: on 1 August the youngest are still ten
        foreach (var date in OfficialValidationTests.Dates)
        {
            foreach (var dossier in SyntheticDossiers.Many(SyntheticDossiersTests.Profile(name), 40, 5, date, new SyntheticOptions { AttachmentSize = 0 }))
            {
                var age = Age(dossier.Huidigeschool.Leerling.Geboortedatum!.Value, date);
                Assert.InRange(age, youngest, oldest);
                Assert.True(dossier.Huidigeschool.Leerling.Datuminschrijving <= date);
            }
        }
    }

    [Fact]
    public void POVO_tests_lie_in_the_official_window_and_never_after_the_dossier_date()
    {
        foreach (var date in OfficialValidationTests.Dates)
        {
            // OVa.TR04: from 1 August of the school year two before the current one
            var from = new DateOnly(date.Month >= 8 ? date.Year - 2 : date.Year - 3, 8, 1);
            foreach (var dossier in SyntheticDossiers.Many(SyntheticProfile.Povo, 30, 9, date, new SyntheticOptions { AttachmentSize = 0 }))
            {
                var leerling = dossier.Huidigeschool.Leerling;
                Assert.All(leerling.Toetslijst, t => Assert.InRange(t.Afname.Afnamedatum, from, date));
                if (leerling.EindtoetsBasisonderwijs?.Eindtoetsresultaat is { } eindtoets) Assert.True(eindtoets.DatumAfname < date);
                Assert.NotNull(leerling.Overstapadvies?.Advies);
                Assert.NotNull(leerling.Leerlingid);
            }
        }
    }

    [Fact]
    public void Some_POVO_pupils_have_a_test_result_only_after_the_results_are_in()
    {
        var before = SyntheticDossiers.Many(SyntheticProfile.Povo, 30, 1, new DateOnly(2026, 3, 1)).ToList();
        var after = SyntheticDossiers.Many(SyntheticProfile.Povo, 30, 1, new DateOnly(2026, 5, 1)).ToList();

        Assert.All(before, d => Assert.Null(d.Huidigeschool.Leerling.EindtoetsBasisonderwijs));
        Assert.True(after.Count(d => d.Huidigeschool.Leerling.EindtoetsBasisonderwijs is not null) >= 20);
    }

    [Fact]
    public void Parents_sometimes_disagree_and_then_their_view_travels_with_the_dossier()
    {
        var inzages = SyntheticDossiers.Many(SyntheticProfile.Povo, 200, 4, new DateOnly(2026, 3, 1)).Select(d => d.Inzage!).ToList();

        Assert.All(inzages, i => Assert.True(i.Inzage == true && i.Inzagedatum < new DateOnly(2026, 3, 1)));
        var disagree = inzages.Where(i => i.Akkoord?.Value == "Nee").ToList();
        Assert.InRange(disagree.Count, 5, 60);
        Assert.All(disagree, i => Assert.False(string.IsNullOrWhiteSpace(i.Redennietakkoord)));
        Assert.All(inzages.Where(i => i.Akkoord?.Value == "Ja"), i => Assert.Null(i.Redennietakkoord));
    }

    [Fact]
    public void Every_VOVO_dossier_carries_consent()
    {
        Assert.All(SyntheticDossiers.Many(SyntheticProfile.Vovo, 50, 2, new DateOnly(2026, 3, 1)), d => Assert.Equal("Ja", d.Inzage?.Toestemming?.Value));
    }

    [Theory]
    [InlineData("bb", "BB")]
    [InlineData("binnen-brin", "BB")]
    [InlineData(" povo ", "POVO")]
    public void Profiles_parse_by_their_short_name(string text, string expected)
    {
        Assert.True(SyntheticProfile.TryParse(text, out var profile));
        Assert.Equal(expected, profile.Name);
        Assert.False(SyntheticProfile.TryParse("VOMBO", out _));
    }

    private static int Age(DateOnly birth, DateOnly on) =>
        on.Year - birth.Year - (on.Month < birth.Month || (on.Month == birth.Month && on.Day < birth.Day) ? 1 : 0);
}
