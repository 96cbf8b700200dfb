using Oso.Dossier.Building;
using Oso.Dossier.Identifiers;
using Oso.Dossier.Model;
using Oso.Dossier.Profiles;
using Oso.Dossier.Validation;

namespace Oso.Dossier.Tests.Building;

public sealed class DossierBuilderRefusalTests
{
    private static readonly DateOnly Date = new(2026, 3, 20);

    private const string Leerling = "/dossier[1]/huidigeschool[1]/leerling[1]";

    private static DossierBuilder Povo() => DossierBuilder.For(OverstapProfiles.Povo).Datum(Date);

    private static IReadOnlyList<Melding> Refused(DossierBuilder builder)
    {
        Assert.False(builder.TryBuild(out var dossier, out var meldingen));
        Assert.Null(dossier);
        Assert.NotEmpty(meldingen);
        return meldingen;
    }

    [Fact]
    public void A_BSN_that_fails_the_11_proef_is_refused_with_the_field_and_without_the_number()
    {
        var builder = Povo().Leerling(l => l with { Bsn = "123456789" });

        var melding = Assert.Single(Refused(builder));
        Assert.Equal(("BOUW.BsnOngeldig", Leerling + "/bsn[1]"), (melding.Code, melding.Locatie));
        var exception = Assert.Throws<InvalidOperationException>(() => builder.Build());
        Assert.Contains("Het BSN van de leerling (leerling/bsn) is ongeldig", exception.Message);
        Assert.DoesNotContain("123456789", exception.Message);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("")]
    [InlineData("99999001A")]
    public void A_BSN_of_the_wrong_shape_is_refused_once_without_the_schema_melding_that_quotes_it(string bsn)
    {
        var meldingen = Refused(Povo().Leerling(l => l with { Bsn = bsn }));

        var melding = Assert.Single(meldingen);
        Assert.Equal("BOUW.BsnOngeldig", melding.Code);
        Assert.All(meldingen, m => Assert.DoesNotContain(bsn.Length > 0 ? bsn : "''", m.Tekst));
    }

    [Fact]
    public void An_unset_BSN_struct_is_refused()
    {
        Assert.Equal(["BOUW.BsnOngeldig"], Refused(Povo().Bsn(default)).Select(m => m.Code));
    }

    [Fact]
    public void An_invalid_onderwijsnummer_is_refused()
    {
        var melding = Assert.Single(Refused(Povo().Leerling(l => l with { Bsn = null, Onderwijsnummer = "123456782" })));

        Assert.Equal(("BOUW.OnderwijsnummerOngeldig", Leerling + "/onderwijsnummer[1]"), (melding.Code, melding.Locatie));
        Assert.Contains("onderwijsnummer", melding.Tekst);
    }

    [Fact]
    public void A_school_with_an_invalid_BRIN_and_vestiging_is_refused_for_both()
    {
        var school = new School
        {
            Naam = "De Horizon", Brincode = "0YY", Vestigingscode = "1", Aanleverpunt = "1",
            Adreslijst = [new Adres { Soortadres = "bezoek", Straat = "Laan", Nummer = "1", Postcode = "1234AB", Plaats = "Ergens" }],
            Communicatielijst = [new Communicatie { Soort = "telefoon", Nummer = "0101234567" }],
        };

        var meldingen = Refused(Povo().School(school));

        Assert.Contains(meldingen, m => m is { Code: "BOUW.BrinOngeldig", Locatie: "/dossier[1]/huidigeschool[1]/brincode[1]" });
        Assert.Contains(meldingen, m => m is { Code: "BOUW.VestigingOngeldig", Locatie: "/dossier[1]/huidigeschool[1]/vestigingscode[1]" });
        // the default school history is at this school, so its BRIN and vestiging are refused too
        Assert.Contains(meldingen, m => m.Locatie == Leerling + "/schoolloopbaanlijst[1]/schoolloopbaan[1]/brincode[1]");
        Assert.All(meldingen, m => Assert.StartsWith("BOUW.", m.Code));
    }

    [Fact]
    public void Unset_BRIN_and_vestiging_structs_are_refused()
    {
        var codes = Refused(Povo().School(default, default, "De Horizon")).Select(m => m.Code).ToList();

        Assert.Contains("BOUW.BrinOngeldig", codes);
        Assert.Contains("BOUW.VestigingOngeldig", codes);
    }

    [Fact]
    public void An_empty_name_is_refused_with_the_field()
    {
        var meldingen = Refused(Povo().Leerling(["Sanne", " "], null, ""));

        Assert.Contains(meldingen, m => m.Code == "BOUW.Leeg" && m.Locatie == Leerling + "/achternaam[1]" && m.Tekst.Contains("achternaam van de leerling"));
        Assert.Contains(meldingen, m => m.Code == "BOUW.Leeg" && m.Locatie == Leerling + "/voornaam[2]" && m.Tekst.StartsWith("Voornaam 2 van de leerling"));
    }

    [Fact]
    public void A_pupil_without_voornamen_is_refused_by_the_official_rule()
    {
        Assert.Contains("OVa.LL01", Refused(Povo().Leerling([], null, "Vries")).Select(m => m.Code));
    }

    [Fact]
    public void A_code_that_is_not_on_its_list_is_refused_with_the_official_field_name()
    {
        var melding = Assert.Single(Refused(Povo().Geslacht("7")));

        Assert.Equal(("CL14", Leerling + "/geslacht[1]"), (melding.Code, melding.Locatie));
        Assert.Contains("'Geslacht'", melding.Tekst);
        Assert.Equal((0, 0), (melding.Regel, melding.Kolom));
    }

    [Fact]
    public void A_schooladvies_that_is_not_on_code_list_2_is_refused()
    {
        Assert.Equal(["CL2"], Refused(Povo().Schooladvies("99")).Select(m => m.Code));
    }

    [Fact]
    public void Parents_who_disagree_without_their_view_are_refused()
    {
        Assert.Equal(["EXTRA.NietAkkoordZonderZienswijze"], Refused(Povo().Ingezien(Date, "Nee")).Select(m => m.Code));
    }

    [Fact]
    public void A_birth_date_after_the_dossier_date_is_refused()
    {
        var codes = Refused(Povo().Geboortedatum(Date.AddDays(1))).Select(m => m.Code).ToList();

        Assert.Contains("EXTRA.DatumNaDossierdatum", codes);
    }

    [Fact]
    public void A_parent_without_a_name_and_an_attachment_without_a_file_name_are_refused()
    {
        var meldingen = Refused(Povo()
            .Verzorger(new Verzorger { Achternaam = "", Wettigevertegenwoordiger = true })
            .Bijlage(" ", "inhoud"u8));

        Assert.Contains(meldingen, m => m.Locatie == Leerling + "/verzorger[1]/achternaam[1]");
        Assert.Contains(meldingen, m => m.Locatie == Leerling + "/overigdocumentlijst[1]/document[1]/bestandsnaam[1]");
    }

    [Fact]
    public void A_BSN_set_in_a_dossier_for_the_samenwerkingsverband_through_the_hook_is_refused_by_the_official_rule()
    {
        var builder = DossierBuilder.For(OverstapProfiles.Voswv).Datum(Date).Leerling(l => l with { Bsn = "999991000" });

        Assert.Equal(["PaO.LL12"], Refused(builder).Select(m => m.Code));
    }

    [Fact]
    public void A_POVO_dossier_without_inzage_is_refused_unless_it_is_provisional()
    {
        Assert.Contains("OVa.IZ01", Refused(Povo().Dossier(d => d with { Inzage = null })).Select(m => m.Code));
        Assert.True(Povo().NogNietIngezien().TryBuild(out _, out var meldingen));
        Assert.Empty(meldingen);
    }

    [Fact]
    public void The_exception_lists_every_melding_in_Dutch()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => Povo().Geslacht("7").Schooladvies("99").Build());

        Assert.StartsWith("Het dossier kan niet worden samengesteld (2 meldingen):", exception.Message);
        Assert.Contains("CL14 " + Leerling + "/geslacht[1]: Het veld 'Geslacht'", exception.Message);
        Assert.Contains("CL2 ", exception.Message);
    }
}
