using System.Globalization;
using Oso.Dossier.Model;

namespace Oso.Synthetic.Composition;

/// <summary>Test results: the doorstroomtoets, the pupil-tracking (LOVS) tests and secondary report cards.</summary>
internal sealed partial class DossierComposer
{
    private sealed record TestKind(string Code, string Naam, string Leergebied, double Base, double PerYear, double Spread);

    private static readonly TestKind[] PoTests =
    [
        new("RW", "Rekenen-Wiskunde", "rekenen-wiskunde", 15, 17, 9), new("BL", "Begrijpend lezen", "begrijpend lezen", 5, 12, 10),
        new("SP", "Spelling", "spelling", 100, 6, 5), new("DMT", "Drie-Minuten-Toets", "technisch lezen", -20, 14, 8),
    ];

    private static readonly TestKind[] VoTests =
    [
        new("VT-NL", "Volgtoets Nederlands leesvaardigheid", "Nederlands", 120, 8, 10), new("VT-EN", "Volgtoets Engels leesvaardigheid", "Engels", 100, 9, 12),
        new("VT-RW", "Volgtoets rekenen-wiskunde", "rekenen-wiskunde", 110, 10, 11),
    ];

    private static readonly string[] EindtoetsSoorten = ["0011", "0012", "0013", "0014", "0016"];

    private static readonly string[] Niveaus = ["V", "IV", "III", "II", "I"];

    private static readonly string[] Vakken = ["Nederlands", "Engels", "wiskunde", "geschiedenis", "aardrijkskunde", "biologie", "Frans", "Duits", "Latijn"];

    /// <summary>The doorstroomtoets is taken in February; its results are in by mid-March.</summary>
    private DateOnly EindtoetsResults => new(_time.SchoolYear + 1, 3, 15);

    /// <summary>The doorstroomtoets of group 8, with its toetsadvies (OVa.EB02–04); a few pupils are exempt.</summary>
    private EindtoetsBasisonderwijs Eindtoets()
    {
        var date = _draw.Weekday(new DateOnly(_time.SchoolYear + 1, 2, 2), new DateOnly(_time.SchoolYear + 1, 2, 13));
        var soort = _draw.Pick(EindtoetsSoorten);
        if (_draw.Chance(0.03))
        {
            return new EindtoetsBasisonderwijs
            {
                Deelgenomen = false,
                Eindtoetsresultaat = new Eindtoetsresultaat { Toetssoort = soort, Toetsniveau = "G", DatumAfname = date, WettelijkeOntheffing = "J" },
            };
        }
        string Reference() => "0" + Math.Clamp((int)Math.Round(2.5 + _ability + 0.5 * _draw.Normal()), 1, 4).ToString(CultureInfo.InvariantCulture);
        var score = _ability + 0.4 * _draw.Normal();
        var document = _attachments.Maybe("uitslag-doorstroomtoets.txt", "Leerlingrapport doorstroomtoets", _pupil.Naam, 0.5);
        return new EindtoetsBasisonderwijs
        {
            Deelgenomen = true,
            Eindtoetsresultaat = new Eindtoetsresultaat
            {
                Toetssoort = soort,
                Toetsniveau = "G",
                Toetsomschrijving = "Doorstroomtoets",
                DatumAfname = date,
                WettelijkeOntheffing = "N",
                Standaardscore = soort == "0011" ? Math.Clamp((long)Math.Round(534 + 7 * score), 501, 550) : null,
                ToetsAdvies = DutchData.ToetsAdviezen[Math.Clamp((int)Math.Round(3 + 1.6 * score), 0, DutchData.ToetsAdviezen.Length - 1)],
                Onderdelen =
                [
                    new EindtoetsOnderdeel
                    {
                        Onderdeelcode = "8000", Onderdeelomschrijving = "Nederlandse taal", OndReferentieniveau = Reference(),
                        Domeinen =
                        [
                            new EindtoetsDomein { Domeincode = "8050", Domeinomschrijving = "Lezen", DomReferentieniveau = Reference() },
                            new EindtoetsDomein { Domeincode = "8051", Domeinomschrijving = "Taalverzorging", DomReferentieniveau = Reference() },
                        ],
                    },
                    new EindtoetsOnderdeel { Onderdeelcode = "8001", Onderdeelomschrijving = "Rekenen", OndReferentieniveau = Reference() },
                ],
            },
            Document = document is null ? [] : [document],
        };
    }

    /// <summary>
    /// LOVS tests of the current and the two previous school years (never older: OVa.TR04), never after the
    /// reference date: in primary a midyear and an end-of-year round from group 3, in secondary one round in February.
    /// </summary>
    private List<Toets> Toetsen()
    {
        var list = new List<Toets>();
        var firstYear = Math.Max(Timeline.SchoolYearOf(_entry), _time.SchoolYear - 2);
        for (var year = firstYear; year <= _time.SchoolYear; year++)
        {
            var grade = _grade - (_time.SchoolYear - year);
            var teacher = People.Staff(_draw);
            if (_sector == Sector.Po)
            {
                if (grade < 3) continue;
                Round(list, year, grade, "M", _draw.Weekday(new DateOnly(year + 1, 1, 15), new DateOnly(year + 1, 2, 10)), teacher);
                if (grade < 8) Round(list, year, grade, "E", _draw.Weekday(new DateOnly(year + 1, 6, 1), new DateOnly(year + 1, 6, 20)), teacher);
            }
            else if (grade >= 1)
            {
                Round(list, year, grade, "", _draw.Weekday(new DateOnly(year + 1, 2, 1), new DateOnly(year + 1, 2, 28)), teacher);
            }
        }
        return list;
    }

    private void Round(List<Toets> list, int year, int grade, string moment, DateOnly date, string teacher)
    {
        if (date > _time.Reference || date < _time.TestWindowStart) return;
        var po = _sector == Sector.Po;
        foreach (var kind in po ? PoTests : VoTests)
        {
            if (kind.Code is "SP" or "DMT" && !_draw.Chance(0.7)) continue;
            var ability = _ability + 0.35 * _draw.Normal();
            var progress = grade + (moment == "E" ? 0.5 : 0.0);
            var value = Math.Round(kind.Base + kind.PerYear * progress + kind.Spread * ability);
            var toetsscore = kind.Code == "DMT"
                ? new Toetsscore { Aantalgoed = (int)Math.Max(5, value) }
                : new Toetsscore { Vaardigheidsscore = (decimal)value };
            var referentie = po
                ? new Referentiescore { Codereferentiescore = "IV", Codevergelijkingsgroep = "Landelijk", Waarde = Niveaus[Math.Clamp((int)Math.Floor((ability + 2.1) / 0.85), 0, 4)] }
                : new Referentiescore
                {
                    Codereferentiescore = "RNTRM", Codevergelijkingsgroep = _level!.Vergelijkingsgroep,
                    Waarde = $"{Math.Clamp((int)Math.Round(1.6 + 0.7 * ability + 0.25 * grade), 1, 3)}F",
                };
            list.Add(new Toets
            {
                Toetsidentificatie = new Toetsidentificatie
                {
                    Eldtoetscode = po ? $"{kind.Code}-{moment}{grade}" : $"{kind.Code}-{grade}",
                    Leergebied = kind.Leergebied,
                    Toetsnaam = po ? $"{kind.Naam} {moment}{grade}" : $"{kind.Naam} leerjaar {grade}",
                },
                Afname = new Afname
                {
                    Afnamedatum = date,
                    Jaargroep = po ? grade.ToString(CultureInfo.InvariantCulture) : VoYear(grade),
                    // didactische leeftijd: months of education since the start of group 3, ten per school year
                    Dl = po ? (grade - 3) * 10 + (moment == "M" ? 5 : 10) : null,
                    Afgenomendoor = new Afgenomendoor { Naammedewerker = teacher, Functie = po ? "leerkracht" : "mentor" },
                },
                Resultaat = new Resultaat { Toetsscore = toetsscore, Referentiescore = [referentie] },
            });
        }
    }

    /// <summary>The latest report card: of the last period finished this school year, else last year's final report.</summary>
    private List<Cijferlijst> Cijferlijsten()
    {
        var year = _time.SchoolYear;
        (string Periode, DateOnly Datum)[] periods =
            [("periode 3", new(year + 1, 4, 30)), ("periode 2", new(year + 1, 2, 15)), ("periode 1", new(year, 11, 15))];
        var (periode, datum) = periods.FirstOrDefault(p => p.Datum <= _time.Reference);
        var grade = _grade;
        if (periode is null)
        {
            if (_grade < 2) return [];
            (periode, datum, grade) = ("eindrapport", new DateOnly(year, 7, 5), _grade - 1);
        }
        var count = _level!.ClassPrefix switch { "V" => 9, "H" => 8, _ => 6 };
        var onderdelen = new List<Onderdeel>();
        var sum = 0.0;
        foreach (var vak in Vakken.Take(count))
        {
            var cijfer = Math.Round(Math.Clamp(6.6 + 0.5 * _ability + 0.9 * _draw.Normal(), 3.0, 9.8), 1);
            sum += cijfer;
            onderdelen.Add(new Onderdeel { Naam = vak, Score = new Score { Waarde = Grade(cijfer) } });
        }
        return
        [
            new Cijferlijst
            {
                CijferlijstTypelijst = new CijferlijstTypelijst
                {
                    Groepen = [new CijferlijstTypelijstGroep { Naam = "Rapport " + periode, Onderdeel = onderdelen, Score = [new Score { Waarde = Grade(Math.Round(sum / count, 1)), Kwalificatie = "Gemiddelde" }] }],
                },
                Afnamedatum = datum,
                Jaargroep = VoYear(grade),
                Periode = periode,
            },
        ];
    }

    /// <summary>A grade the Dutch way: <c>6,8</c>.</summary>
    private static string Grade(double value) => value.ToString("0.0", CultureInfo.InvariantCulture).Replace('.', ',');
}
