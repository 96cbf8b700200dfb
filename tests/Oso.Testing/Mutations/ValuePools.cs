namespace Oso.Testing.Mutations;

/// <summary>
/// Values a mutation may put into a field: for each kind of field the valid ones, near misses and edge cases.
/// Written independently of the product's code lists, so that the differential test does not copy them.
/// </summary>
internal static class ValuePools
{
    public static readonly string[] ValidBooleans = ["true", "false", "1", "0"];

    public static readonly string[] Booleans = ["true", "false", "1", "0", " true ", "false\n", "TRUE", "True", "yes", "ja", "", " ", "2"];

    public static readonly string[] Overstap = ["POPO", "POVO", "VOVO", "POSWV", "VOSWV", "VSPO", "VOMBO", "WECVO", "OVERIG", "povo", " POVO", "XX", ""];

    // " swv-dossier" and "swv-dossier " choose the PaO stylesheet (the tool skips the space) yet are not "swv-dossier"
    public static readonly string[] Overdrachtsoort = ["overstapdossier", "overdrachtbinnenbrin", "swv-dossier", "Overstapdossier", " overstapdossier", " swv-dossier", "swv-dossier ", "swv", ""];

    public static readonly string[] Category = ["VERPLICHT", "OPTIONEEL", "VERBODEN", "OPT-UIT", "verplicht", "OPT_UIT", " VERBODEN", ""];

    public static readonly string[] CategoryFlags = ["VERPLICHT", "VERBODEN", "OPT-UIT"];

    /// <summary>Per category the blocks the category rules look for under the leerling (~: under its onderwijsondersteuning).</summary>
    public static readonly (string Category, string[] Blocks)[] CategoryBlocks =
    [
        ("cat_metadata", ["^metadata", "^overdrachtsoort"]),
        ("cat_ouderinzage", ["^inzage"]),
        ("cat_oudersverzorgers", ["verzorgersaansprakelijk", "verzorger", "aansprakelijkeinstelling"]),
        ("cat_vve", ["vanpeuterspeelzaal", "naampeuterspeelzaal", "voorschools", "vroegschools"]),
        ("cat_schoolloopbaan", ["schoolloopbaanlijst"]),
        ("cat_overstapadvies", ["overstapadvies"]),
        ("cat_onderwijsondersteuning", ["~toelichting_onderwijsbehoeften", "~toelichting_onderwijsbehoefte", "~diagnose", "~medicijngebruik", "~opp", "~tlv", "~arrangement_cluster12", "~arrangement_pao", "~lwoo", "~rvc"]),
        ("cat_verzuim", ["verzuim"]),
        ("cat_eindtoetsbo", ["eindtoets_basisonderwijs"]),
        ("cat_toetsresultaten", ["toetslijst"]),
        ("cat_handelingsplannen", ["~handelingsplan"]),
        ("cat_cijferlijsten", ["cijferlijstlijst"]),
        ("cat_vombo", ["bevorderd", "examenresultaat", "resultaatvakkenvo", "certificaat", "competenties", "stage", "overigvombo"]),
        ("cat_bijlagedocs", ["overigdocumentlijst"]),
    ];

    /// <summary>Fields of a leerling that the profile rules require (or, in a SWV dossier, forbid).</summary>
    public static readonly string[] PupilFields =
    [
        "voornaam", "geboortedatum", "adresgeheim", "adreslijst", "adresbuitenland", "bsn", "onderwijsnummer", "leerlingid", "datuminschrijving",
        "verzorgersaansprakelijk", "verzorger", "aansprakelijkeinstelling", "schoolloopbaanlijst", "overstapadvies", "communicatielijst",
    ];

    /// <summary>Blocks the OV rules only judge outside a leerling.</summary>
    public static readonly HashSet<string> HoistNames = ["toets", "verzorger", "overstapadvies", "eindtoets_basisonderwijs", "resultaat", "toetsscore", "score", "zorg"];

    /// <summary>Elements the rules name; structural mutations pick them half of the time.</summary>
    public static readonly HashSet<string> FocusNames =
    [
        "metadata", "deeldossier", "datum", "standaardversie", "validatieversie", "categorie_uitlevering", "overstap", "overdrachtsoort",
        "inzage", "inzagedatum", "akkoord", "toestemming", "redennietakkoord", "huidigeschool", "adreslijst", "adres", "communicatielijst",
        "communicatie", "soort", "nummer", "geheim", "leerling", "voornaam", "geboortedatum", "adresgeheim", "adresbuitenland", "bsn",
        "onderwijsnummer", "leerlingid", "datuminschrijving", "verzorgersaansprakelijk", "aansprakelijkeinstelling", "verzorger", "overleden",
        "overlijdensdatum", "huisarts", "schoolloopbaanlijst", "schoolloopbaan", "overstapadvies", "advies", "contactnodig", "contactpersoon",
        "contacttelefoon", "eindtoets_basisonderwijs", "eindtoetsresultaat", "deelgenomen", "toetssoort", "toets_advies", "toets", "afname",
        "afnamedatum", "resultaat", "toetsscore", "referentiescore", "document", "score", "waarde", "kwalificatie", "voorschools", "vroegschools",
        "lwoo_einddatum", "codevoorschoolsetoeleider", "codevoorschoolsehistorie", "codevoorschoolsedeelname", "examenuitslag", "beoordelingexamenvak",
        "toetsniveau", "wettelijke_ontheffing", "onderdeelcode", "banknummer", "jaargroep", "geslacht",
        // every field on a code list
        "wensouders", "wensleerling", "herzienadvies", "aanduiding", "codevoorschoolsprogramma", "codevroegschoolsprogramma", "nnca",
        "codereferentiescore", "leerlinggewicht", "rvcindicatie", "soortadres", "profiel", "codevergelijkingsgroep", "code", "tlvcategorie",
        "relatietotkind", "ond_referentieniveau", "dom_referentieniveau", "domeincode", "aantalgoed", "vaardigheidsscore",
    ];

    public static readonly string[] Deeldossier = ["LAS", "LVS", "LASLVS", "TIB", "las", "LAS ", ""];

    public static readonly string[] Akkoord = ["Ja", "Nee", "Onbekend", "ja", "J", ""];

    public static readonly string[] Advies = ["01", "10", "20", "23", "35", "44", "52", "61", "70", "80", "1", "02", "90", "", "40 "];

    public static readonly string[] Emails =
    [
        "a@b.nl", "geheim@geheim.geheim", "x@y", "a@b", "ab@-b.nl", "ab@b-.nl", "ab@b..nl", "ab@.nl", "@b.nl", "a b@c.nl", "a@b@c.nl",
        "ab@cd.nl\n", " ab@cd.nl", "abc", "", "a@", "ä@b.nl", "a.b-c+d@e-f.g.nl", new string('a', 250) + "@b.nl", new string('a', 260),
    ];

    public static readonly string[] Phones = ["9999999999", "0201234567", " 9999999999", "999999999", ""];

    /// <summary>Values drawn from several code lists and outside them, for any code field.</summary>
    public static readonly string[] Codes =
    [
        "0", "1", "2", "3", "9", "10", "15", "16", "S", "P", "e-mail", "telefoon", "werk", "prive", "overig", "TO", "BY", "bezoek", "post", "gba",
        "basis", "plus", "LWOO", "PRO", "H", "M", "L", "Nvt", "geslaagd", "herexamen", "voldoende", "G", "J", "N", "0011", "0016", "0015",
        "8000", "8001", "8050", "8051", "01", "04", "05", "0.00", "0.30", "1.20", "1.2", "AE", "IQ", "LA", "BB+", "Landelijk", "F84", "F90.0+",
        "H91.9.s", "Z62", "F99", "", " ", "x", "2019.1", "2019.1.1", "2018.1",
    ];

    public static readonly HashSet<string> BooleanElements =
    [
        "adresgeheim", "contactnodig", "deelgenomen", "geheim", "inzage", "noodnummer", "overleden", "tehuis", "vanpeuterspeelzaal",
        "verzorgersaansprakelijk", "voorlopigdossier", "wettigevertegenwoordiger", "medicijngebruik", "lagescoreeindtoets", "leerachterstand",
    ];

    /// <summary>Dates around the POVO test window for a dossier date in <paramref name="year"/>, and invalid ones.</summary>
    public static string[] Dates(int year) =>
    [
        $"{year}-07-31", $"{year}-08-01", $"{year - 1}-07-31", $"{year - 1}-08-01", $"{year - 2}-07-31", $"{year - 2}-08-01",
        $"{year - 3}-07-31", $"{year - 3}-08-01", $"{year - 4}-01-15", $"{year}-03-01", $"{year + 1}-01-01",
        $"{year}-08-01+01:00", $"{year - 2}-08-01-01:00", $"{year - 2}-07-31Z", $" {year}-05-01 ",
        "2019-02-29", "2020-02-29", "2019-13-01", "2019-1-01", "19-01-01", "0999-09-01", "1001-09-01", "1002-03-01", "", "gisteren", "2019-01-01T00:00:00",
    ];

    public static readonly string[] Generic = ["", " ", "x", "\t", "0", "ABC", "12345678901234567890"];

    public static readonly string[] ForeignNamespaces = ["urn:example:elders", "", "http://www.edustandaard.nl/oso_gegevensset/2018/dossier"];

    /// <summary>Elements a mutation may add, by parent: the ones the profile rules forbid or require.</summary>
    public static readonly (string Parent, string Child, string Value)[] Insertions =
    [
        ("leerling", "geboortemaand", "2003-03"), ("leerling", "postcode4adres", "1234"), ("leerling", "geboorteplaats", "Utrecht"),
        ("leerling", "nationaliteit", "0001"), ("leerling", "leerlingid", "X1"), ("leerling", "bsn", "123456782"), ("leerling", "onderwijsnummer", "100000009"),
        ("leerling", "adresbuitenland", "Londen"), ("leerling", "adresgeheim", "true"), ("leerling", "verzorgersaansprakelijk", "false"),
        ("leerling", "vanpeuterspeelzaal", "true"), ("leerling", "naampeuterspeelzaal", "De Bolder"), ("leerling", "voorschools", ""), ("leerling", "vroegschools", ""),
        ("leerling", "bevorderd", ""), ("leerling", "examenresultaat", ""), ("leerling", "resultaatvakkenvo", ""), ("leerling", "certificaat", ""),
        ("leerling", "competenties", ""), ("leerling", "stage", ""), ("leerling", "overigvombo", ""), ("leerling", "verzuim", ""),
        ("leerling", "toetslijst", ""), ("leerling", "cijferlijstlijst", ""), ("leerling", "overigdocumentlijst", ""), ("leerling", "eindtoets_basisonderwijs", ""),
        ("verzorger", "banknummer", "NL00BANK0123456789"), ("verzorger", "overlijdensdatum", "2017-05-01"), ("verzorger", "overleden", "false"),
        ("huisarts", "roepnaam", "Ben"), ("huisarts", "geslacht", "1"), ("huisarts", "adresgeheim", "true"),
        ("communicatie", "geheim", "true"), ("communicatie", "soort", "e-mail"), ("communicatie", "nummer", "a@b.nl"),
        ("inzage", "inzage", "true"), ("inzage", "akkoord", "Ja"), ("inzage", "toestemming", "Nee"), ("inzage", "redennietakkoord", "Omdat"),
        ("metadata", "datum", "2019-03-01"), ("metadata", "overstap", "POVO"), ("metadata", "validatieversie", "2019.1.1"), ("metadata", "deeldossier", "LAS"),
        ("dossier", "inzage", ""), ("dossier", "overdrachtsoort", "swv-dossier"), ("dossier", "zorg", "<vir/>"),
        ("leerling", "zorg", "<vir/><zat/>"), ("leerling", "voorschools", "<codevoorschoolsetoeleider>12</codevoorschoolsetoeleider><codevoorschoolsehistorie>9</codevoorschoolsehistorie><codevoorschoolsedeelname>x</codevoorschoolsedeelname>"),
        ("leerling", "examenresultaat", "<examenuitslag>gezakt</examenuitslag>"), ("leerling", "resultaatvakkenvo", "<beoordelingexamenvak>goed</beoordelingexamenvak>"),
        ("huidigeschool", "toets", "<afname><afnamedatum>2000-07-31</afnamedatum></afname>"), ("dossier", "toets", "<afname><afnamedatum>2013-08-01</afnamedatum></afname>"),
        ("leerling", "eindtoets_basisonderwijs", "<deelgenomen>true</deelgenomen><eindtoetsresultaat><toetsniveau>B</toetsniveau><wettelijke_ontheffing>ja</wettelijke_ontheffing><onderdelen><onderdeel><onderdeelcode>8002</onderdeelcode></onderdeel></onderdelen></eindtoetsresultaat>"),
        ("onderwijsondersteuning", "lwoo", ""), ("onderwijsondersteuning", "handelingsplan", ""), ("onderwijsondersteuning", "toelichting_onderwijsbehoefte", ""),
        ("overstapadvies", "contactnodig", "true"), ("overstapadvies", "advies", "99"),
        ("zorg", "vir", ""), ("zorg", "zat", ""), ("lwoo", "lwoo_einddatum", "2020-07-31"),
        ("adres", "aanduiding", "XX"), ("domein", "domeincode", "8052"), ("score", "waarde", ""), ("huidigeschool", "soort", "BO"),
        ("eindtoets_basisonderwijs", "deelgenomen", "true"), ("eindtoets_basisonderwijs", "wettelijke_ontheffing", "true"),
    ];
}
