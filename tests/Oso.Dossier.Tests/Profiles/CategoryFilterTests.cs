using Oso.Dossier.Profiles;
using Oso.Testing;

namespace Oso.Dossier.Tests.Profiles;

public sealed class CategoryFilterTests
{
    private static Dossier.Model.Dossier Example(string name) => DossierReader.Read(StandardFiles.Example(name)).Dossier!;

    [Fact]
    public void A_POPO_dossier_filtered_for_POVO_loses_its_VVE_data_and_declares_the_profile()
    {
        var popo = Example("OV_POPO_full");
        Assert.Contains(Category.Vve, CategoryFilter.Present(popo));

        var povo = CategoryFilter.Apply(popo, OverstapProfiles.Povo);

        Assert.DoesNotContain(Category.Vve, CategoryFilter.Present(povo));
        Assert.Null(povo.Huidigeschool.Leerling.Voorschools);
        Assert.Equal("POVO", povo.Metadata.Overstap?.Value);
        Assert.Equal("VERBODEN", povo.Metadata.CategorieUitlevering!.CatVve.Value);
        Assert.Equal("OPTIONEEL", povo.Metadata.CategorieUitlevering.CatBijlagedocs.Value);
    }

    [Fact]
    public void Categories_the_school_switches_off_are_removed_and_marked_OPT_UIT()
    {
        var povo = CategoryFilter.Apply(Example("OV_POVO_full"), OverstapProfiles.Povo, new HashSet<Category> { Category.Bijlagedocs, Category.Toetsresultaten });

        Assert.Empty(povo.Huidigeschool.Leerling.Overigdocumentlijst);
        Assert.Empty(povo.Huidigeschool.Leerling.Toetslijst);
        Assert.Equal("OPT-UIT", povo.Metadata.CategorieUitlevering!.CatBijlagedocs.Value);
        Assert.Equal("OPT-UIT", povo.Metadata.CategorieUitlevering.CatToetsresultaten.Value);
    }

    [Fact]
    public void A_required_category_cannot_be_switched_off()
    {
        var povo = CategoryFilter.Apply(Example("OV_POVO_full"), OverstapProfiles.Povo, new HashSet<Category> { Category.Overstapadvies });

        Assert.NotNull(povo.Huidigeschool.Leerling.Overstapadvies);
        Assert.Equal("VERPLICHT", povo.Metadata.CategorieUitlevering!.CatOverstapadvies.Value);
    }

    [Fact]
    public void Missing_required_categories_are_named()
    {
        var popo = Example("OV_POPO_full");
        var withoutAdvice = popo with { Huidigeschool = popo.Huidigeschool with { Leerling = popo.Huidigeschool.Leerling with { Overstapadvies = null } } };

        Assert.Equal([Category.Overstapadvies], CategoryFilter.MissingRequired(withoutAdvice, OverstapProfiles.Povo));
        Assert.Empty(CategoryFilter.MissingRequired(popo, OverstapProfiles.Povo));
    }

    [Theory]
    [InlineData("PO", "VO", false, "POVO")]
    [InlineData("PO", "PO", false, "POPO")]
    [InlineData("SO", "VO", false, "POVO")]
    [InlineData("VO", "VO", false, "VOVO")]
    [InlineData("PO", "SWV", false, "POSWV")]
    [InlineData("VO", "SWV", false, "VOSWV")]
    [InlineData("PO", "PO", true, "BB")]
    [InlineData("VO", "PO", false, null)]
    public void The_profile_follows_the_sectors(string bron, string doel, bool binnenBrin, string? expected) =>
        Assert.Equal(expected, OverstapProfiles.For(bron, doel, binnenBrin)?.Name);

    [Fact]
    public async Task Every_full_example_filtered_for_its_profile_with_and_without_opt_outs_is_valid_by_the_official_tools()
    {
        var directory = Directory.CreateTempSubdirectory("oso-filter-");
        try
        {
            var cases = new (string Example, OverstapProfile Profile)[]
            {
                ("OV_POPO_full", OverstapProfiles.Popo), ("OV_POPO_full", OverstapProfiles.Povo), ("OV_POVO_full", OverstapProfiles.Povo),
                ("OV_VOVO_full", OverstapProfiles.Vovo), ("OV_BB_full", OverstapProfiles.BinnenBrin),
                ("PaO_POSWV_full", OverstapProfiles.Poswv), ("PaO_VOSWV_full", OverstapProfiles.Voswv),
            };
            var optional = Enum.GetValues<Category>().ToHashSet();
            var files = new List<string>();
            foreach (var (example, profile) in cases)
            {
                foreach (var optOut in new[] { new HashSet<Category>(), optional })
                {
                    var filtered = CategoryFilter.Apply(Example(example), profile, optOut);
                    var file = Path.Combine(directory.FullName, $"{example}-{profile.Name}-{optOut.Count}.xml");
                    DossierWriter.Write(filtered, file);
                    files.Add(file);
                }
            }

            var verdicts = await OfficialValidator.ValidateAsync(files);

            Assert.All(verdicts, v => Assert.True(v.Valid, $"{Path.GetFileName(v.File)}: {string.Join(" | ", v.Xsd.Concat(v.Rules.Select(r => r.Locatie + " " + r.Tekst)))}"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
