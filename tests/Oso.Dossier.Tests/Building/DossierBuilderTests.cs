using System.IO.Compression;
using Oso.Dossier.Building;
using Oso.Dossier.Codes;
using Oso.Dossier.Identifiers;
using Oso.Dossier.Model;
using Oso.Dossier.Profiles;
using Oso.Dossier.Validation;
using Oso.Testing;

namespace Oso.Dossier.Tests.Building;

public sealed class DossierBuilderTests
{
    private static readonly DateOnly Date = new(2026, 3, 20);

    /// <summary>Every profile, the binnen-BRIN profile of a secondary school, and dates at the edges of a school year.</summary>
    public static TheoryData<string, DateOnly> ProfilesAndDates
    {
        get
        {
            var data = new TheoryData<string, DateOnly>();
            foreach (var profile in Profiles.Keys)
                foreach (var date in new DateOnly[] { new(2026, 3, 20), new(2026, 7, 31), new(2026, 8, 1), new(2025, 10, 1) })
                    data.Add(profile, date);
            return data;
        }
    }

    internal static IReadOnlyDictionary<string, OverstapProfile> Profiles { get; } = new Dictionary<string, OverstapProfile>
    {
        ["POPO"] = OverstapProfiles.Popo, ["POVO"] = OverstapProfiles.Povo, ["VOVO"] = OverstapProfiles.Vovo, ["BB"] = OverstapProfiles.BinnenBrin,
        ["BB-VO"] = OverstapProfiles.For("VO", "VO", binnenBrin: true)!, ["POSWV"] = OverstapProfiles.Poswv, ["VOSWV"] = OverstapProfiles.Voswv,
    };

    internal static ValidationReport Validate(Dossier.Model.Dossier dossier) =>
        new DossierValidator().Validate(new MemoryStream(DossierWriter.ToBytes(dossier)));

    [Fact]
    public void A_new_builder_builds_a_POVO_dossier_of_today_that_the_validator_accepts_without_any_melding()
    {
        var dossier = new DossierBuilder().Build();

        Assert.Empty(Validate(dossier).Meldingen);
        Assert.Equal("POVO", dossier.Metadata.Overstap?.Value);
        Assert.Equal("overstapdossier", dossier.Overdrachtsoort.Value);
        Assert.Equal("2019.1", dossier.Metadata.Standaardversie);
        Assert.Equal("00YY", dossier.Huidigeschool.Brincode);
        Assert.True(Bsn.IsValid(dossier.Huidigeschool.Leerling.Bsn));
        Assert.NotNull(dossier.Huidigeschool.Leerling.Overstapadvies?.Advies);
    }

    [Theory]
    [MemberData(nameof(ProfilesAndDates))]
    public void The_default_dossier_of_every_profile_is_valid_and_declares_the_profile(string name, DateOnly date)
    {
        var profile = Profiles[name];

        var dossier = DossierBuilder.For(profile).Datum(date).Build();

        Assert.Empty(Validate(dossier).Meldingen);
        Assert.Equal(profile.Overdrachtsoort, dossier.Overdrachtsoort.Value);
        Assert.Equal(profile.Overstap, dossier.Metadata.Overstap?.Value);
        Assert.Empty(CategoryFilter.MissingRequired(dossier, profile));
        Assert.Equal(date, dossier.Metadata.Datum);
    }

    [Fact]
    public void A_dossier_for_the_samenwerkingsverband_leaves_the_pupil_number_out_and_carries_support()
    {
        var dossier = DossierBuilder.For(OverstapProfiles.Poswv).Datum(Date).Bsn(Bsn.Parse("999991000")).Build();

        var leerling = dossier.Huidigeschool.Leerling;
        Assert.Null(leerling.Bsn);
        Assert.Null(leerling.Onderwijsnummer);
        Assert.NotNull(leerling.Onderwijsondersteuning);
        Assert.Equal("swv-dossier", dossier.Overdrachtsoort.Value);
    }

    [Fact]
    public void The_composed_example_carries_what_was_set_and_is_valid()
    {
        var dossier = ComposedExample.Build(ComposedExample.Rapport);

        Assert.Empty(Validate(dossier).Meldingen);
        var school = dossier.Huidigeschool;
        var leerling = school.Leerling;
        Assert.Equal(("91PO", "Basisschool De Regenboog"), (school.Brincode, school.Naam));
        Assert.Equal(["Sanne", "Maria"], leerling.Voornaam);
        Assert.Equal(("S.M.", "Sanne", "de", "Vries"), (leerling.Voorletters1, leerling.Roepnaam, leerling.Voorvoegsel, leerling.Achternaam));
        Assert.Equal("999991000", leerling.Bsn);
        Assert.Null(leerling.Onderwijsnummer);
        Assert.Equal("Vries", Assert.Single(leerling.Verzorger).Achternaam);
        Assert.True(leerling.Verzorgersaansprakelijk);
        var loopbaan = Assert.Single(leerling.Schoolloopbaanlijst);
        Assert.Equal(("2025-2026", "8B", "91PO", "00", "BAO"), (loopbaan.Schooljaar, loopbaan.Groepscode, loopbaan.Brincode, loopbaan.Vestigingscode, loopbaan.Schoolsoort));
        Assert.Equal("61", leerling.Overstapadvies?.Advies?.Value);
        Assert.False(leerling.Overstapadvies?.Contactnodig);
        Assert.Single(leerling.Toetslijst);
        Assert.Equal(4, leerling.Verzuim?.Dagdelengeoorloofd);
        Assert.Equal(new DateOnly(2026, 3, 12), dossier.Inzage?.Inzagedatum);
        Assert.Equal(("MijnLAS", "4.2"), (dossier.Metadata.Pakketnaam, dossier.Metadata.Pakketversie));
        Assert.Equal(Categorie.Optioneel, dossier.Metadata.CategorieUitlevering?.CatBijlagedocs.Value);
    }

    [Fact]
    public void A_built_dossier_reads_back_into_an_equal_model_and_writes_the_same_bytes()
    {
        var built = ComposedExample.Build(ComposedExample.Rapport);
        var bytes = DossierWriter.ToBytes(built);

        var read = DossierReader.Read(new MemoryStream(bytes));

        Assert.Empty(read.Meldingen);
        Assert.Equal(built, read.Dossier);
        Assert.Equal(bytes, DossierWriter.ToBytes(read.Dossier!));
    }

    [Fact]
    public void The_school_history_line_takes_the_school_set_later_and_the_order_of_calls_does_not_matter()
    {
        var first = DossierBuilder.For(OverstapProfiles.Popo).Datum(Date)
            .Schoolloopbaan("2025-2026", "5", "5A").School(Brin.Parse("12AB"), Vestiging.Parse("03"), "De Horizon").Build();
        var second = DossierBuilder.For(OverstapProfiles.Popo).Datum(Date)
            .School(Brin.Parse("12AB"), Vestiging.Parse("03"), "De Horizon").Schoolloopbaan("2025-2026", "5", "5A").Build();

        Assert.Equal(first, second);
        var line = Assert.Single(first.Huidigeschool.Leerling.Schoolloopbaanlijst);
        Assert.Equal(("12AB", "03"), (line.Brincode, line.Vestigingscode));
    }

    [Fact]
    public void The_first_parent_added_replaces_the_example_parent()
    {
        var parent = new Verzorger { Voornaam = ["Kees"], Achternaam = "Jansen", Wettigevertegenwoordiger = true };

        var leerling = DossierBuilder.For(OverstapProfiles.Popo).Datum(Date).Verzorger(parent).Verzorger(parent with { Voornaam = ["Els"] }).Build().Huidigeschool.Leerling;

        Assert.Equal(["Kees", "Els"], leerling.Verzorger.Select(v => v.Voornaam[0]));
    }

    [Fact]
    public void An_onderwijsnummer_replaces_the_BSN()
    {
        var leerling = DossierBuilder.For(OverstapProfiles.Povo).Datum(Date).Pgn(Pgn.Parse("110000001")).Build().Huidigeschool.Leerling;

        Assert.Null(leerling.Bsn);
        Assert.Equal("110000001", leerling.Onderwijsnummer);
    }

    [Fact]
    public void A_secret_address_leaves_every_pupil_address_out()
    {
        var dossier = DossierBuilder.For(OverstapProfiles.Povo).Datum(Date).AdresGeheim().Build();

        Assert.True(dossier.Huidigeschool.Leerling.Adresgeheim);
        Assert.Empty(dossier.Huidigeschool.Leerling.Adreslijst);
        Assert.Empty(Validate(dossier).Meldingen);
    }

    [Fact]
    public void Opted_out_categories_are_left_out_and_marked_OPT_UIT()
    {
        var dossier = DossierBuilder.For(OverstapProfiles.Povo).Datum(Date)
            .Verzuim(new Verzuim { Dagdelengeoorloofd = 2 })
            .Bijlage("verslag.txt", "verslag"u8)
            .OptOut(Category.Verzuim, Category.Bijlagedocs, Category.Overstapadvies)
            .Build();

        var leerling = dossier.Huidigeschool.Leerling;
        Assert.Null(leerling.Verzuim);
        Assert.Empty(leerling.Overigdocumentlijst);
        Assert.NotNull(leerling.Overstapadvies); // VERPLICHT: cannot be switched off
        Assert.Equal(Categorie.OptUit, dossier.Metadata.CategorieUitlevering?.CatVerzuim.Value);
        Assert.Equal(Categorie.Verplicht, dossier.Metadata.CategorieUitlevering?.CatOverstapadvies.Value);
    }

    [Fact]
    public void A_provisional_dossier_builds_and_breaks_only_the_inzage_rule()
    {
        var dossier = DossierBuilder.For(OverstapProfiles.Vovo).Datum(Date).NogNietIngezien().Build();

        Assert.Equal((true, false), (dossier.Inzage?.Voorlopigdossier, dossier.Inzage?.Inzage));
        Assert.Equal("Onbekend", dossier.Inzage?.Toestemming?.Value);
        Assert.Equal(["OVa.IZ02"], Validate(dossier).Meldingen.Select(m => m.Code));
    }

    [Fact]
    public void Parents_who_disagree_have_their_view_in_the_dossier()
    {
        var dossier = DossierBuilder.For(OverstapProfiles.Povo).Datum(Date).Ingezien(Date.AddDays(-3), "Nee", "Het advies is te laag.").Build();

        Assert.Equal(("Nee", "Het advies is te laag."), (dossier.Inzage?.Akkoord?.Value, dossier.Inzage?.Redennietakkoord));
    }

    [Fact]
    public void A_handelingsplan_goes_into_the_support_block()
    {
        var plan = new Handelingsplan { Startdatum = Date.AddMonths(-2), Isgerichtop = "technisch lezen", Document = Attachment.Create("plan.txt", "plan"u8) };

        var dossier = DossierBuilder.For(OverstapProfiles.Povo).Datum(Date).Handelingsplan(plan).Build();

        Assert.Equal(plan, Assert.Single(dossier.Huidigeschool.Leerling.Onderwijsondersteuning!.Handelingsplan));
        Assert.Equal(Categorie.Optioneel, dossier.Metadata.CategorieUitlevering?.CatHandelingsplannen.Value);
    }

    [Fact]
    public void The_leerling_and_dossier_hooks_change_the_composed_records()
    {
        var dossier = DossierBuilder.For(OverstapProfiles.Povo).Datum(Date)
            .Leerling(l => l with { Roepnaam = "Sammie", Leerlinggewicht = "0.30" })
            .Dossier(d => d with { Metadata = d.Metadata with { Deeldossier = "LAS" } })
            .Build();

        Assert.Equal("Sammie", dossier.Huidigeschool.Leerling.Roepnaam);
        Assert.Equal("0.30", dossier.Huidigeschool.Leerling.Leerlinggewicht?.Value);
        Assert.Equal("LAS", dossier.Metadata.Deeldossier.Value);
    }

    [Fact]
    public void An_attachment_is_a_ZIP_holding_the_file_and_a_ZIP_is_kept_as_it_is()
    {
        var document = Attachment.Create("map/rapport.pdf", ComposedExample.Rapport, "Rapport");

        Assert.Equal(("map/rapport.pdf", "Rapport"), (document.Bestandsnaam, document.Omschrijving));
        Assert.True(document.Bestandsinhoud.TryDecode(out var zip));
        using (var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read))
        {
            var entry = Assert.Single(archive.Entries);
            Assert.Equal("rapport.pdf", entry.FullName);
            using var content = new MemoryStream();
            entry.Open().CopyTo(content);
            Assert.Equal(ComposedExample.Rapport, content.ToArray());
        }

        var again = Attachment.Create("rapport.zip", zip);
        Assert.True(again.Bestandsinhoud.TryDecode(out var kept));
        Assert.Equal(zip, kept);
        Assert.Equal(document.Bestandsinhoud, Attachment.Create("map/rapport.pdf", ComposedExample.Rapport, "Rapport").Bestandsinhoud);
    }

    [Fact]
    public void The_documented_example_is_this_code()
    {
        var docs = File.ReadAllText(Path.Combine(StandardFiles.RepositoryRoot, "docs", "dossier.md"));
        var source = File.ReadAllText(Path.Combine(StandardFiles.RepositoryRoot, "tests", "Oso.Dossier.Tests", "Building", "ComposedExample.cs"));
        var start = source.IndexOf("// begin documented example", StringComparison.Ordinal);
        var end = source.IndexOf("// end documented example", StringComparison.Ordinal);
        var lines = source[start..end].Split('\n').Skip(1).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

        var normalizedDocs = string.Join('\n', docs.Split('\n').Select(l => l.Trim()));
        Assert.Contains(string.Join('\n', lines), normalizedDocs);
    }
}
