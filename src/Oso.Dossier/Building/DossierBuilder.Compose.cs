using Oso.Dossier.Codes;
using Oso.Dossier.Model;
using Oso.Dossier.Profiles;

namespace Oso.Dossier.Building;

// Composes the model from what was set and the defaults. Defaults that depend on other values (the school history
// on the school, the birth date and inzage date on the dossier date) are resolved here, so the order of the calls
// does not matter.
public sealed partial class DossierBuilder
{
    private Model.Dossier Compose()
    {
        var datum = _datum ?? DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().DateTime);
        var schoolYear = ExampleValues.SchoolYear(datum);
        var school = _school ?? ExampleValues.School(IsVo);

        var leerling = Pupil(datum, schoolYear, school);
        foreach (var change in _leerlingChanges) leerling = change(leerling);

        var dossier = new Model.Dossier
        {
            Metadata = new Metadata
            {
                Deeldossier = "LASLVS",
                Pakketnaam = _pakketnaam,
                Pakketversie = _pakketversie,
                Datum = datum,
                Standaardversie = ExampleValues.Standaardversie,
                Validatieversie = ExampleValues.Validatieversie,
            },
            Overdrachtsoort = Profile.Overdrachtsoort,
            Inzage = Inzage(datum),
            Huidigeschool = new Huidigeschool
            {
                Naam = school.Naam, Adreslijst = school.Adreslijst, Communicatielijst = school.Communicatielijst, Brincode = school.Brincode,
                Vestigingscode = school.Vestigingscode, Aanleverpunt = school.Aanleverpunt, Soort = school.Soort, Type = school.Type,
                Naamdirecteur = school.Naamdirecteur, Website = school.Website, Leerling = leerling,
            },
        };
        foreach (var change in _dossierChanges) dossier = change(dossier);
        return CategoryFilter.Apply(dossier, Profile, _optOut);
    }

    private Leerling Pupil(DateOnly datum, int schoolYear, School school)
    {
        var voornamen = _voornamen ?? ExampleValues.Voornamen;
        var geboortedatum = _geboortedatum ?? ExampleValues.Birth(IsVo, schoolYear);
        var (bsn, onderwijsnummer) = _pgn ?? (ExampleValues.Bsn, null);
        var verzorgers = _verzorgers ?? [ExampleValues.Parent];
        return new Leerling
        {
            Voornaam = voornamen,
            Voorletters1 = ExampleValues.Initials(voornamen),
            Voorvoegsel = _voorvoegsel,
            Achternaam = _achternaam ?? ExampleValues.Achternaam,
            Roepnaam = _roepnaam ?? (voornamen.Count > 0 ? voornamen[0] : null),
            Geboortedatum = geboortedatum,
            Geslacht = _geslacht,
            Adresgeheim = _adresGeheim,
            Adreslijst = _adresGeheim ? [] : [_adres ?? ExampleValues.Home],
            // a dossier for the samenwerkingsverband never carries the BSN or onderwijsnummer (PaO.LL12)
            Bsn = IsSwv ? null : bsn,
            Onderwijsnummer = IsSwv ? null : onderwijsnummer,
            Leerlingid = _leerlingid ?? ExampleValues.Leerlingid,
            Datuminschrijving = _datuminschrijving ?? ExampleValues.Enrolment(IsVo, geboortedatum, schoolYear),
            Verzorgersaansprakelijk = verzorgers.Count > 0 ? true : null,
            Verzorger = verzorgers,
            Overstapadvies = Advice(),
            Schoolloopbaanlijst = _schoolloopbaan?.Select(line => line(school)).ToList() ?? [ExampleValues.CurrentYear(IsVo, schoolYear, school)],
            Onderwijsondersteuning = Support(),
            Verzuim = _verzuim,
            EindtoetsBasisonderwijs = _eindtoets,
            Toetslijst = _toetsen ?? [],
            Overigdocumentlijst = _bijlagen ?? [],
        };
    }

    private Ouderinzage Inzage(DateOnly datum)
    {
        var inzage = _inzage ?? new Ouderinzage { Voorlopigdossier = false, Inzage = true, Inzagedatum = datum, Akkoord = "Ja" };
        // VOVO needs toestemming (OVa.IZ05): yes once the parents have seen the dossier, unknown before
        var toestemming = _toestemming ?? (Profile.Overstap == "VOVO" && Profile.Overdrachtsoort == "overstapdossier"
            ? new Code<JaNeeOnbekend>(_voorlopig ? "Onbekend" : "Ja")
            : inzage.Toestemming);
        return inzage with { Toestemming = toestemming };
    }

    private Overstapadvies Advice()
    {
        var advies = _overstapadvies ?? new Overstapadvies { Contactnodig = false };
        // POVO requires the schooladvies (OVa.OA02)
        var code = _schooladvies ?? advies.Advies ?? (Profile.Overstap == "POVO" ? new Code<AdviesVo>(ExampleValues.Schooladvies) : (Code<AdviesVo>?)null);
        return advies with { Advies = code };
    }

    private Onderwijsondersteuning? Support()
    {
        // the samenwerkingsverband requires the category (OS.cat09): medicijngebruik is the smallest element it counts
        var support = _ondersteuning ?? (IsSwv ? new Onderwijsondersteuning { Medicijngebruik = false } : null);
        if (_handelingsplannen is null) return support;
        support ??= new Onderwijsondersteuning();
        return support with { Handelingsplan = [.. support.Handelingsplan, .. _handelingsplannen] };
    }
}
