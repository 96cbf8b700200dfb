using Oso.Dossier.Model;

namespace Oso.Synthetic.Composition;

/// <summary>Synthetic schools: a Dutch name, a BRIN, a real place with an address, a phone number and an e-mail address.</summary>
internal static class Schools
{
    public static School Create(Draw draw, Sector sector)
    {
        var place = draw.Pick(DutchData.Places);
        var naam = sector == Sector.Po
            ? $"{draw.Pick(DutchData.PoSchoolPrefixes)} {draw.Pick(DutchData.PoSchoolNames)}"
            : draw.Pick(DutchData.VoSchoolNames);
        var web = People.Slug(naam + " " + place.Plaats);
        var brin = $"{draw.Int(10, 99)}{draw.Letter("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}{draw.Letter("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}";
        return new School
        {
            Naam = naam,
            Adreslijst = [People.Address(draw, place, "bezoek")],
            Communicatielijst = [People.Phone(People.Landline(draw, place), "werk"), People.Email($"administratie@{web}.example", "werk")],
            Brincode = brin,
            Vestigingscode = "00",
            Aanleverpunt = "1",
            Soort = sector == Sector.Po ? "BAO" : "VO",
            Naamdirecteur = People.Staff(draw),
            Website = $"www.{web}.example",
        };
    }

    /// <summary>The test school of the fixed pupils: BRIN 00YY, vestiging 00 for primary and 01 for secondary.</summary>
    public static School Test(Sector sector)
    {
        var place = DutchData.Places.Single(p => p.Plaats == "Utrecht");
        var naam = sector == Sector.Po ? "OSO Testschool De Proef (basisonderwijs)" : "OSO Testschool De Proef (voortgezet onderwijs)";
        return new School
        {
            Naam = naam,
            Adreslijst = [new Adres
            {
                Soortadres = "bezoek", Straat = "Proefstraat", Nummer = "1", Postcode = "3511AA", Plaats = place.Plaats, Gemeente = place.Gemeente,
                Land = new WaardeMetOmschrijving { Waarde = "6030", Omschrijving = "Nederland" },
            }],
            Communicatielijst = [People.Phone("0301234567", "werk"), People.Email("testschool@oso-testschool.example", "werk")],
            Brincode = "00YY",
            Vestigingscode = sector == Sector.Po ? "00" : "01",
            Aanleverpunt = "1",
            Soort = sector == Sector.Po ? "BAO" : "VO",
            Naamdirecteur = "mevr. T. Proef",
            Website = "www.oso-testschool.example",
        };
    }

    public static Sector SectorOf(School school) => school.Soort == "VO" ? Sector.Vo : Sector.Po;
}
