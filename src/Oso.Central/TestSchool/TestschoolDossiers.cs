using Oso.Dossier;
using Oso.Dossier.Codes;
using Oso.Dossier.Model;
using Oso.Protocol.Messages;

namespace Oso.Central.TestSchool;

/// <summary>
/// The dossiers the test school delivers: small opt-out dossiers (only metadata, school and pupil) composed with
/// Oso.Dossier's model, made once per test pupil.
/// </summary>
internal sealed class TestschoolDossiers
{
    private readonly Dictionary<string, GegevenssetXml> _cache = TestLeerlingen.Alle
        .Where(l => l.Geval is TestGeval.Vrijgegeven)
        .ToDictionary(l => l.Pgn, l => GegevenssetXml.Create(DossierWriter.ToBytes(Compose(l), indent: false)));

    public GegevenssetXml Voor(TestLeerling leerling) =>
        _cache.TryGetValue(leerling.Pgn, out var xml) ? xml : throw new ArgumentException("De testschool heeft voor deze leerling geen dossier.", nameof(leerling));

    private static Dossier.Model.Dossier Compose(TestLeerling leerling)
    {
        var delen = leerling.Naam.Split(' ');
        const string uit = Categorie.OptUit;
        return new Dossier.Model.Dossier
        {
            Metadata = new Metadata
            {
                Deeldossier = "LAS",
                Pakketnaam = "OpenOSO testschool",
                Pakketversie = "1",
                Datum = DateOnly.FromDateTime(TestLeerlingen.Klaargezet.Date),
                Standaardversie = "2019.1",
                Validatieversie = "2019.1.1",
                CategorieUitlevering = new CategorieUitlevering
                {
                    CatMetadata = Categorie.Verplicht, CatSchool = Categorie.Verplicht, CatLeerling = Categorie.Verplicht,
                    CatOuderinzage = uit, CatOudersverzorgers = uit, CatVve = uit, CatSchoolloopbaan = uit, CatOverstapadvies = uit,
                    CatOnderwijsondersteuning = uit, CatVerzuim = uit, CatEindtoetsbo = uit, CatToetsresultaten = uit, CatHandelingsplannen = uit,
                    CatCijferlijsten = uit, CatVombo = uit, CatBijlagedocs = uit,
                },
            },
            Overdrachtsoort = "overstapdossier",
            Huidigeschool = new Huidigeschool
            {
                Naam = Testschool.Naam,
                Brincode = Testschool.Brin,
                Vestigingscode = "00",
                Aanleverpunt = "1",
                Leerling = new Leerling
                {
                    Voornaam = [delen[0]],
                    Roepnaam = delen[0],
                    Voorvoegsel = delen.Length > 2 ? string.Join(' ', delen[1..^1]) : null,
                    Achternaam = delen[^1],
                    Bsn = leerling.Pgn,
                },
            },
        };
    }
}
