using Oso.Dossier.Building;
using Oso.Dossier.Identifiers;
using Oso.Dossier.Profiles;
using Oso.Testing;

namespace Oso.Dossier.Tests.Building;

/// <summary>Built dossiers against the oracle: the official XSD and XSLT business rules, in one batch (one JVM).</summary>
public sealed class DossierBuilderOfficialTests
{
    [Fact]
    public async Task Built_dossiers_of_every_profile_are_valid_by_the_official_tools()
    {
        StandardFiles.Require();
        var directory = Directory.CreateTempSubdirectory("oso-builder-official-");
        try
        {
            var files = new List<string>();
            void Write(string name, Dossier.Model.Dossier dossier)
            {
                var path = Path.Combine(directory.FullName, name + ".xml");
                DossierWriter.Write(dossier, path);
                files.Add(path);
            }

            var everyCategory = Enum.GetValues<Category>();
            foreach (var (name, profile) in DossierBuilderTests.Profiles)
            {
                Write(name + "-default-today", DossierBuilder.For(profile).Build());
                Write(name + "-default-20260801", DossierBuilder.For(profile).Datum(new DateOnly(2026, 8, 1)).Build());
                Write(name + "-opt-out", DossierBuilder.For(profile).Datum(new DateOnly(2026, 3, 20)).OptOut(everyCategory).Build());
            }
            Write("POVO-composed", ComposedExample.Build(ComposedExample.Rapport));
            Write("POVO-onderwijsnummer-adresgeheim", DossierBuilder.For(OverstapProfiles.Povo).Onderwijsnummer(Onderwijsnummer.Parse("110000001")).AdresGeheim().Build());
            Write("POSWV-composed", DossierBuilder.For(OverstapProfiles.Poswv)
                .Leerling(["Finn"], null, "Mulder").Geboortedatum(new DateOnly(2017, 2, 1)).Bsn(Bsn.Parse("999991425"))
                .Handelingsplan(new Dossier.Model.Handelingsplan { Startdatum = new DateOnly(2025, 9, 1), Isgerichtop = "rekenen", Document = Attachment.Create("plan.txt", "plan"u8) })
                .Bijlage("verslag.txt", "verslag"u8, "Verslag")
                .Build());

            var verdicts = await OfficialValidator.ValidateAsync(files);

            Assert.Equal(files.Count, verdicts.Count);
            Assert.All(verdicts, v => Assert.True(v.Valid,
                $"{Path.GetFileName(v.File)}: {string.Join(" | ", v.Xsd.Concat(v.Rules.Select(r => r.Locatie + " " + r.Tekst)))}"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_provisional_dossier_breaks_only_the_inzage_rule_for_the_official_tools_too()
    {
        StandardFiles.Require();
        var path = Path.Combine(Path.GetTempPath(), $"oso-builder-provisional-{Guid.NewGuid():N}.xml");
        try
        {
            DossierWriter.Write(DossierBuilder.For(OverstapProfiles.Povo).Datum(new DateOnly(2026, 3, 20)).NogNietIngezien().Build(), path);

            var verdict = await OfficialValidator.ValidateAsync(path);

            Assert.Empty(verdict.Xsd);
            var melding = Assert.Single(verdict.Rules);
            Assert.Contains("moet zijn ingezien door ouders", melding.Tekst);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
