using Oso.Dossier.Codes;
using Oso.Dossier.Model;
using Oso.Dossier.Profiles;

namespace Oso.Synthetic.Composition;

/// <summary>A level of secondary education: name, class prefix, number of years and its comparison group (code list 22).</summary>
internal sealed record VoLevel(string Name, string ClassPrefix, int Years, string Vergelijkingsgroep);

/// <summary>
/// Composes one dossier of a profile. Every choice comes from one seeded <see cref="Draw"/>, in a fixed order, and
/// every date from the reference date, so a seed and a date give the same dossier byte for byte. Attachments draw
/// from a stream of their own, so the pupil does not change with the attachment size.
/// </summary>
internal sealed partial class DossierComposer
{
    private static readonly VoLevel[] Levels =
    [
        new("vmbo-bb", "B", 4, "BB"), new("vmbo-kb", "K", 4, "KB"), new("vmbo-gt", "M", 4, "GT"), new("havo", "H", 5, "HAVO"), new("vwo", "V", 6, "VWO"),
    ];

    private static readonly string[] Gewichten = ["0.30", "1.20"];

    private static readonly string[] Peuterspeelzalen = ["De Kleine Beer", "Het Speelhuis", "Ukkepuk", "De Boefjes"];

    private readonly SyntheticProfile _profile;
    private readonly SyntheticOptions _options;
    private readonly Draw _draw;
    private readonly Timeline _time;
    private readonly AttachmentFactory _attachments;
    private readonly School _school;
    private readonly Sector _sector;
    private readonly PupilIdentity _pupil;
    private readonly double _ability;        // standard normal: drives level, advice, test scores and grades
    private readonly int _grade;             // group 1–8 (PO) or leerjaar 1–6 (VO) in the current school year
    private readonly VoLevel? _level;        // secondary pupils only
    private readonly DateOnly _birth;
    private readonly DateOnly _entry;        // first day at the current school
    private readonly char _classLetter;
    private readonly Place _place;

    private DossierComposer(SyntheticProfile profile, int seed, DateOnly reference, SyntheticOptions options, IdentityRegistry? registry, PupilIdentity? identity)
    {
        _profile = profile;
        _options = options;
        // the profile is part of the seed, so that seed 1 of POPO and seed 1 of VOVO are different pupils
        _draw = new Draw(SyntheticIds.Seed(seed, SyntheticIds.Seed(profile.Name)));
        _time = new Timeline(reference);
        _attachments = new AttachmentFactory(_draw.Seed(), options.AttachmentSize, reference);
        _sector = options.School is { } given ? Schools.SectorOf(given) : profile.Sector ?? (_draw.Chance(0.5) ? Sector.Po : Sector.Vo);
        _school = options.School ?? Schools.Create(_draw, _sector);
        _pupil = identity ?? People.Identity(_draw, registry);
        _ability = Math.Clamp(_draw.Normal(), -2.5, 2.5);
        _classLetter = _draw.Letter("ABC");
        // pupils live in the school's town (when the school is in one of the known places)
        var drawn = _draw.Pick(DutchData.Places);
        _place = DutchData.Places.FirstOrDefault(p => _school.Adreslijst.Any(a => a.Plaats == p.Plaats)) ?? drawn;
        if (_sector == Sector.Po)
        {
            _grade = profile == SyntheticProfile.Povo ? 8 : _draw.Int(3, 8);
            var (from, to) = _time.PrimaryBirthRange(_grade);
            _birth = _draw.Date(from, to);
            _entry = Timeline.PrimaryEntry(_birth);
        }
        else
        {
            _level = Levels[_ability switch { < -1.0 => 0, < -0.4 => 1, < 0.2 => 2, < 0.9 => 3, _ => 4 }];
            var highest = _profile.IsSwv ? Math.Min(3, _level.Years - 1) : _level.Years - 1;
            _grade = _draw.Int(1, highest);
            var (from, to) = _time.SecondaryBirthRange(_grade);
            _birth = _draw.Date(from, to);
            _entry = Timeline.YearStart(_time.SchoolYear - _grade + 1);
        }
        LeerlingId = _draw.Digits(6);
        while (registry is not null && !registry.TryTake("leerlingid:" + LeerlingId)) LeerlingId = _draw.Digits(6);
    }

    private string LeerlingId { get; }

    public static Dossier.Model.Dossier Compose(SyntheticProfile profile, int seed, DateOnly reference, SyntheticOptions options,
        IdentityRegistry? registry = null, PupilIdentity? identity = null) =>
        new DossierComposer(profile, seed, reference, options, registry, identity).Compose();

    private Dossier.Model.Dossier Compose()
    {
        var rules = _profile.Profile;
        var home = People.Address(_draw, _place, "gba");
        var inzage = Include(rules[Category.Ouderinzage], 0.85) ? Inzage() : null;
        var parents = Include(rules[Category.Oudersverzorgers], 0.9) ? People.Parents(_draw, _pupil, home, _place) : null;
        var loopbaan = Include(rules[Category.Schoolloopbaan], 0.9) ? Schoolloopbaan() : [];
        var advies = Include(rules[Category.Overstapadvies], _profile.IsSwv ? 0.3 : 0.5) ? Overstapadvies() : null;
        var vve = _sector == Sector.Po && _grade <= 4 && Include(rules[Category.Vve], 0.6);
        var support = Include(rules[Category.Onderwijsondersteuning], 0.3);
        var plans = Include(Requirement.Optioneel, support ? 0.6 : 0.15);
        var ondersteuning = support || plans ? Onderwijsondersteuning(support, plans) : null;
        var verzuim = Include(Requirement.Optioneel, 0.7) ? Verzuim() : null;
        var eindtoets = _profile == SyntheticProfile.Povo && _time.Reference >= EindtoetsResults && Include(rules[Category.Eindtoetsbo], 0.95) ? Eindtoets() : null;
        var toetsen = Include(Requirement.Optioneel, 0.85) ? Toetsen() : [];
        var cijfers = _sector == Sector.Vo && Include(Requirement.Optioneel, 0.5) ? Cijferlijsten() : [];
        var bevorderd = _sector == Sector.Vo && _grade >= 2 && Include(rules[Category.Vombo], 0.4) ? new Bevorderd { Leerjaar = VoYear(_grade) } : null;
        var bijlagen = _options.OptOut ? [] : _attachments.Overige(_pupil.Naam);

        var leerling = new Leerling
        {
            Voornaam = _pupil.Voornamen,
            Voorletters1 = People.Initials(_pupil.Voornamen),
            Voorvoegsel = _pupil.Voorvoegsel,
            Achternaam = _pupil.Achternaam,
            Roepnaam = _pupil.Roepnaam,
            Geboortedatum = _birth,
            Geslacht = _pupil.Geslacht,
            Adresgeheim = _pupil.Adresgeheim,
            Adreslijst = _pupil.Adresgeheim ? [] : [home],
            Communicatielijst = _sector == Sector.Vo && !_pupil.Adresgeheim && _draw.Chance(0.6) ? [People.Phone(People.Mobile(_draw), "prive")] : [],
            // a dossier for the samenwerkingsverband never carries the BSN or onderwijsnummer (PaO.LL12)
            Bsn = _profile.IsSwv ? null : _pupil.Bsn,
            Onderwijsnummer = _profile.IsSwv ? null : _pupil.Onderwijsnummer,
            Leerlingid = LeerlingId,
            Onderwijssinds = Timeline.PrimaryEntry(_birth),
            Startdatumhuidigonderwijs = _entry,
            Datuminschrijving = _entry,
            Datumuitschrijving = _profile == SyntheticProfile.Povo ? Timeline.YearEnd(_time.SchoolYear) : null,
            Leerlinggewicht = _sector == Sector.Po ? new Code<Leerlinggewicht>(_draw.Chance(0.85) ? "0.00" : _draw.Pick(Gewichten)) : (Code<Leerlinggewicht>?)null,
            Verzorgersaansprakelijk = parents is null ? null : true,
            Verzorger = parents ?? [],
            Overstapadvies = advies,
            Vanpeuterspeelzaal = vve ? true : null,
            Naampeuterspeelzaal = vve ? "Peuterspeelzaal " + _draw.Pick(Peuterspeelzalen) : null,
            Vroegschools = vve ? [new Vroegschools { Codevroegschoolsprogramma = _draw.Int(1, 15).ToString(System.Globalization.CultureInfo.InvariantCulture), Vroegschoolsdatumingang = _entry }] : [],
            Schoolloopbaanlijst = loopbaan,
            Onderwijsondersteuning = ondersteuning,
            Verzuim = verzuim,
            EindtoetsBasisonderwijs = eindtoets,
            Toetslijst = toetsen,
            Cijferlijstlijst = cijfers,
            Overigdocumentlijst = bijlagen,
            Bevorderd = bevorderd,
        };
        return new Dossier.Model.Dossier
        {
            Metadata = Metadata(),
            Overdrachtsoort = _profile.Overdrachtsoort,
            Inzage = inzage,
            Huidigeschool = new Huidigeschool
            {
                Naam = _school.Naam, Adreslijst = _school.Adreslijst, Communicatielijst = _school.Communicatielijst, Brincode = _school.Brincode,
                Vestigingscode = _school.Vestigingscode, Aanleverpunt = _school.Aanleverpunt, Soort = _school.Soort, Type = _school.Type,
                Naamdirecteur = _school.Naamdirecteur, Website = _school.Website, Leerling = leerling,
            },
        };
    }

    /// <summary>Whether a category's data go in: always when VERPLICHT, never when VERBODEN or switched off, else by chance.</summary>
    private bool Include(Requirement rule, double probability) => rule switch
    {
        Requirement.Verplicht => true,
        Requirement.Verboden => false,
        _ => !_options.OptOut && _draw.Chance(probability),
    };

    private Metadata Metadata()
    {
        // the profile decides every category; with OptOut each OPTIONEEL one is switched off
        var optOut = _options.OptOut ? Enum.GetValues<Category>().ToHashSet() : [];
        var declared = CategoryFilter.Apply(Shell(), _profile.Profile, optOut).Metadata.CategorieUitlevering;
        return new Metadata
        {
            Deeldossier = "LASLVS",
            Pakketnaam = _options.Pakketnaam,
            Pakketversie = _options.Pakketversie,
            Datum = _time.Reference,
            Standaardversie = "2019.1",
            Validatieversie = "2019.1.1",
            CategorieUitlevering = declared,
            Overstap = _profile.Overstap(_sector),
        };
    }

    // the smallest dossier, only to let the profile declare its categories
    private Dossier.Model.Dossier Shell() => new()
    {
        Metadata = new Metadata { Deeldossier = "LASLVS", Pakketnaam = "-", Pakketversie = "-", Datum = _time.Reference, Standaardversie = "2019.1", Validatieversie = "2019.1.1" },
        Overdrachtsoort = _profile.Overdrachtsoort,
        Huidigeschool = new Huidigeschool { Naam = "-", Brincode = "00YY", Vestigingscode = "00", Aanleverpunt = "1", Leerling = new Leerling { Achternaam = "-" } },
    };

    private Ouderinzage Inzage()
    {
        var agree = !_draw.Chance(0.12);
        return new Ouderinzage
        {
            Voorlopigdossier = false,
            Inzage = true,
            Inzagedatum = _draw.Date(_time.Reference.AddDays(-30), _time.Reference.AddDays(-1)),
            Akkoord = agree ? "Ja" : "Nee",
            Redennietakkoord = agree ? null : _draw.Pick(DutchData.ReasonsNotAgreed),
            // consent is required from VO (OVa.IZ05 for VOVO) and asked for a request to the samenwerkingsverband
            Toestemming = _sector == Sector.Vo || _profile.IsSwv ? new Code<JaNeeOnbekend>("Ja") : (Code<JaNeeOnbekend>?)null,
        };
    }

    /// <summary>One line per school year at this school, from the first year to the current one.</summary>
    private List<Schoolloopbaan> Schoolloopbaan()
    {
        var list = new List<Schoolloopbaan>();
        var first = Timeline.SchoolYearOf(_entry);
        for (var year = first; year <= _time.SchoolYear; year++)
        {
            var grade = Math.Max(1, _grade - (_time.SchoolYear - year));
            var po = _sector == Sector.Po;
            list.Add(new Schoolloopbaan
            {
                Schooljaar = Timeline.YearName(year),
                Groepscode = po ? $"{grade}{_classLetter}" : $"{_level!.ClassPrefix}{grade}{_classLetter}",
                Groepsnaam = po ? $"Groep {grade}{_classLetter}" : $"{_level!.Name} {grade}{_classLetter}",
                Jaargroep = po ? grade.ToString(System.Globalization.CultureInfo.InvariantCulture) : VoYear(grade),
                Begindatum = year == first ? _entry : Timeline.YearStart(year),
                // the current year ends with the summer only for a pupil leaving group 8
                Einddatum = year < _time.SchoolYear || _profile == SyntheticProfile.Povo ? Timeline.YearEnd(year) : null,
                Brincode = _school.Brincode,
                Vestigingscode = _school.Vestigingscode,
                Schoolsoort = _school.Soort,
                Schoolsoortomschrijving = po ? null : _level!.Name,
            });
        }
        return list;
    }

    /// <summary>Code list 13 numbers the years of secondary education 11 to 16.</summary>
    private static Code<Jaargroep> VoYear(int leerjaar) => (10 + leerjaar).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
