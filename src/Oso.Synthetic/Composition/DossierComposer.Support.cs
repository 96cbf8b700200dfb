using Oso.Dossier.Codes;
using Oso.Dossier.Model;

namespace Oso.Synthetic.Composition;

/// <summary>The transfer advice, support (diagnoses, plans, OPP, arrangements, LWOO) and absence.</summary>
internal sealed partial class DossierComposer
{
    private static readonly string[] Profielen = ["basis", "plus", "bespreek", "disharmonisch", "ondersteuning"];

    private static readonly string[] Arrangementen =
        ["Ambulante begeleiding cluster 4", "Licht arrangement lezen en spelling", "Arrangement gedrag en werkhouding", "Taalklas"];

    /// <summary>
    /// The advice block every overstapdossier needs (OVa.OA01): whether contact is wanted, with a contact person and
    /// telephone when it is (OVa.OA03–05); for POVO also the schooladvies (OVa.OA02) and the wishes of parents and pupil.
    /// </summary>
    private Overstapadvies Overstapadvies()
    {
        var contact = _draw.Chance(0.3);
        var aandachtspunten = _draw.Chance(0.5) ? _draw.Pick(DutchData.Aandachtspunten) : null;
        var advies = new Overstapadvies
        {
            Contactnodig = contact,
            Contactpersoon = contact ? People.Staff(_draw) : null,
            Contacttelefoon = contact ? _school.Communicatielijst.FirstOrDefault(c => c.Soort.Value == "telefoon")?.Nummer ?? People.Mobile(_draw) : null,
            Contactemail = contact ? _school.Communicatielijst.FirstOrDefault(c => c.Soort.Value == "e-mail")?.Nummer : null,
            Aandachtspunten = aandachtspunten,
        };
        if (_profile != SyntheticProfile.Povo) return advies;

        var codes = DutchData.AdviesCodes;
        var index = (int)Math.Round((_ability + 2.5) / 5.0 * (codes.Length - 1));
        Code<AdviesVo> Higher(int steps) => codes[Math.Min(codes.Length - 1, index + steps)];
        var revised = _time.Reference >= EindtoetsResults && _draw.Chance(0.08);
        return advies with
        {
            Advies = codes[index],
            Wensouders = _draw.Chance(0.4) ? Higher(_draw.Int(0, 2)) : (Code<AdviesVo>?)null,
            Wensleerling = _draw.Chance(0.3) ? Higher(_draw.Int(0, 1)) : (Code<AdviesVo>?)null,
            Herzienadvies = revised ? Higher(1) : (Code<AdviesVo>?)null,
            MotivatieHerzienadvies = revised ? "Na de uitslag van de doorstroomtoets is het advies heroverwogen en naar boven bijgesteld." : null,
            Profiel = _draw.Chance(0.3) ? new Code<AdviesProfiel>(_draw.Pick(Profielen)) : (Code<AdviesProfiel>?)null,
            Argumentatie = _draw.Pick(DutchData.Argumentaties),
        };
    }

    /// <summary>
    /// Support data. <c>medicijngebruik</c> is always given with support, so that a profile where the category is
    /// VERPLICHT (POSWV, VOSWV) always has one of the elements the rule OS.cat09 counts, with or without attachments.
    /// </summary>
    private Onderwijsondersteuning Onderwijsondersteuning(bool support, bool plans)
    {
        var diagnoses = new List<Diagnose>();
        if (support && _draw.Chance(0.5))
        {
            var (code, naam, instantie) = _draw.Pick(DutchData.Diagnoses);
            diagnoses.Add(new Diagnose
            {
                Code = [code],
                Naam = naam,
                Datum = _draw.Date(Min(_entry.AddYears(1), _time.Reference), _time.Reference),
                Doorwie = People.Staff(_draw),
                Instantie = instantie,
                Document = _attachments.Maybe($"diagnose-{People.Slug(naam)}.txt", "Onderzoeksverslag " + naam.ToLowerInvariant(), _pupil.Naam, 0.7) is { } verslag ? [verslag] : [],
            });
        }
        var medicijnen = support ? diagnoses.Any(d => d.Code[0].Value == "F90") && _draw.Chance(0.5) : (bool?)null;

        var handelingsplannen = new List<Handelingsplan>();
        for (var i = plans ? _draw.Int(1, 2) : 0; i > 0; i--)
        {
            // plans start after the summer holiday (or on the reference date, early in the school year)
            var start = _draw.Date(Min(Timeline.YearStart(_time.SchoolYear).AddDays(31), _time.Reference), _time.Reference);
            var gericht = _draw.Pick(DutchData.Handelingsplannen);
            handelingsplannen.Add(new Handelingsplan
            {
                Startdatum = start,
                Einddatum = start.AddMonths(_draw.Int(3, 6)),
                Isgerichtop = gericht,
                Document = _attachments.Maybe($"handelingsplan-{People.Slug(gericht)}.txt", "Handelingsplan " + gericht, _pupil.Naam, 0.6),
            });
        }

        Opp? opp = null;
        if (support && _sector == Sector.Po && _draw.Chance(0.2))
        {
            var document = _attachments.Maybe("ontwikkelingsperspectief.txt", "Ontwikkelingsperspectiefplan", _pupil.Naam, 0.8);
            opp = new Opp
            {
                OppIngangdatum = _draw.Date(Timeline.YearStart(_time.SchoolYear - 1), Timeline.YearEnd(_time.SchoolYear - 1)),
                OppEinddatum = Timeline.YearEnd(_time.SchoolYear),
                Document = document is null ? [] : [document],
            };
        }

        var arrangementen = new List<ArrangementPao>();
        if (support && _draw.Chance(_profile.IsSwv ? 0.5 : 0.15))
        {
            arrangementen.Add(new ArrangementPao
            {
                ArrangementDatum = _draw.Date(Timeline.YearStart(_time.SchoolYear - 1), _time.Reference),
                ArrangementKenmerk = _draw.Pick(Arrangementen),
                ArrangementBeschikkingsnr = _draw.Digits(9),
                ArrangementEinddatum = Timeline.YearEnd(_time.SchoolYear),
            });
        }

        Lwoo? lwoo = null;
        if (support && _level is { ClassPrefix: "B" or "K" or "M" } && _draw.Chance(0.3))
        {
            var firstYear = _time.SchoolYear - _grade + 1;
            lwoo = new Lwoo
            {
                LwooIngangdatum = Timeline.YearStart(firstYear),
                LwooSwvnummer = "VO" + _draw.Digits(4),
                LwooBeschikkingsnummer = _draw.Digits(10),
                LwooEinddatum = Timeline.YearEnd(firstYear + _level.Years - 1), // always a 31 July (einddatumType, OG.03)
            };
        }

        return new Onderwijsondersteuning
        {
            ToelichtingOnderwijsbehoeften = support ? _attachments.Maybe("toelichting-onderwijsbehoeften.txt", "Toelichting onderwijsbehoeften", _pupil.Naam, 0.4) : null,
            Diagnose = diagnoses,
            Medicijngebruik = medicijnen,
            Handelingsplan = handelingsplannen,
            Opp = opp,
            ArrangementPao = arrangementen,
            Lwoo = lwoo,
        };
    }

    /// <summary>Absence this school year, in dagdelen; unauthorised absence is usually none.</summary>
    private Verzuim Verzuim()
    {
        var ongeoorloofd = _draw.Chance(0.75) ? 0 : _draw.Int(1, 8);
        return new Verzuim
        {
            Dagdelengeoorloofd = _draw.Int(0, 16),
            Dagdelenongeoorloofd = ongeoorloofd,
            Meerdan25percent = false,
            Contactleerplicht = ongeoorloofd >= 4,
        };
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
