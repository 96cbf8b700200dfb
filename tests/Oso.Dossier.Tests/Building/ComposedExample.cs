using Oso.Dossier.Building;
using Oso.Dossier.Identifiers;
using Oso.Dossier.Model;
using Oso.Dossier.Profiles;

namespace Oso.Dossier.Tests.Building;

/// <summary>
/// The example of docs/dossier.md ("Dossiers samenstellen in code"), kept as code so that it compiles and is tested:
/// <see cref="DossierBuilderTests.The_documented_example_is_this_code"/> holds the two the same.
/// </summary>
internal static class ComposedExample
{
    /// <summary>A small PDF-like file for the attachment.</summary>
    public static byte[] Rapport { get; } = "%PDF-1.4\n% leerlingrapport groep 8 (testbestand)\n"u8.ToArray();

    public static Dossier.Model.Dossier Build(byte[] rapport)
    {
        // begin documented example
        var dossier = DossierBuilder.For(OverstapProfiles.Povo)
            .Datum(new DateOnly(2026, 3, 20))
            .Pakket("MijnLAS", "4.2")
            .School(new School
            {
                Naam = "Basisschool De Regenboog", Brincode = "91PO", Vestigingscode = "00", Aanleverpunt = "1", Soort = "BAO",
                Adreslijst = [new Adres { Soortadres = "bezoek", Straat = "Schoolstraat", Nummer = "1", Postcode = "3511AB", Plaats = "Utrecht" }],
                Communicatielijst = [new Communicatie { Soort = "telefoon", Nummer = "0301234567" }],
            })
            .Leerling(["Sanne", "Maria"], "de", "Vries")
            .Geboortedatum(new DateOnly(2014, 5, 3))
            .Bsn(Bsn.Parse("999991000"))
            .Leerlingid("4711")
            .Adres(new Adres { Soortadres = "gba", Straat = "Dorpsstraat", Nummer = "12", Postcode = "3512CD", Plaats = "Utrecht" })
            .Verzorger(new Verzorger
            {
                Voornaam = ["Maria"], Voorvoegsel = "de", Achternaam = "Vries", Wettigevertegenwoordiger = true,
                Communicatielijst = [new Communicatie { Soort = "e-mail", Nummer = "m.devries@voorbeeld.example" }],
            })
            .Schoolloopbaan("2025-2026", "8", "8B")
            .Schooladvies("61")
            .Toets(new Toets
            {
                Toetsidentificatie = new Toetsidentificatie { Eldtoetscode = "RW-M8", Toetsnaam = "Rekenen-Wiskunde M8" },
                Afname = new Afname { Afnamedatum = new DateOnly(2026, 1, 22), Jaargroep = "8" },
                Resultaat = new Resultaat { Toetsscore = new Toetsscore { Vaardigheidsscore = 152 } },
            })
            .Verzuim(new Verzuim { Dagdelengeoorloofd = 4, Dagdelenongeoorloofd = 0 })
            .Bijlage("leerlingrapport.pdf", rapport, "Leerlingrapport groep 8")
            .Ingezien(new DateOnly(2026, 3, 12), akkoord: "Ja")
            .Build();
        // end documented example
        return dossier;
    }
}
