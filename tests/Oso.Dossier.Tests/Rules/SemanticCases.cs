namespace Oso.Dossier.Tests.Rules;

/// <summary>
/// Small documents that pin down how the official stylesheets behave where XPath 2.0 and the processor are
/// subtle, each with the meldingen the official XSLT gives (code@locatie; "ABORT" where the run stops with a
/// dynamic error). <see cref="OfficialRulesSemanticsTests"/> checks our rules against these expectations, and
/// checks the expectations themselves against the official tool.
/// </summary>
internal static class SemanticCases
{
    private const string Ns = RuleDocuments.Od;

    /// <summary>A dossier in the gegevensset namespace with this content.</summary>
    private static string D(string body) => $"<dossier xmlns=\"{Ns}\">{body}</dossier>";

    // OV root-template noise that every minimal document without metadata/deeldossier gets
    private const string Cl33 = "CL33@/[1]";

    private static string Toets(string meta, params string[] afnames) =>
        D($"<metadata>{meta}</metadata><toets>{string.Concat(afnames.Select(a => $"<afname>{a}</afname>"))}</toets>");

    // metadata without LAS, validatieversie or overdrachtsoort: OVa.MD01, OVa.MD02, OVa.OS03 on /dossier[1]/metadata[1]
    private static readonly string[] MetadataNoise = ["OVa.MD01@/dossier[1]/metadata[1]", "OVa.MD02@/dossier[1]/metadata[1]", "OVa.OS03@/dossier[1]/metadata[1]"];

    private static string[] WithMetadataNoise(params string[] more) => [Cl33, .. MetadataNoise, .. more];

    public static readonly (string Name, string Xml, string[] Expected)[] All =
    [
        // ---- document-level checks have the document node as context: locatie /[1]
        ("empty dossier: only code list 33", D(""), [Cl33]),
        ("a document element in no namespace matches nothing", "<dossier><deeldossier>LAS</deeldossier></dossier>", [Cl33]),
        ("a foreign document element still gets code list 33", "<a/>", [Cl33]),
        ("a metadata document element counts for //od:metadata but not for the template", $"<metadata xmlns=\"{Ns}\"><deeldossier>LAS</deeldossier></metadata>", []),

        // ---- text() comparisons: any text node, nodes split by comments and PIs
        ("text split by a PI: one node equals the code",
            D("<x><geslacht>1<?pi x?>3</geslacht><geslacht> 1</geslacht><geslacht><![CDATA[1]]></geslacht><geslacht>&#49;</geslacht><geslacht/></x>"),
            ["CL14@/dossier[1]/x[1]/geslacht[2]", "CL14@/dossier[1]/x[1]/geslacht[5]", Cl33]),
        ("a category split by a comment fails code list 48 yet counts as VERBODEN",
            D("<metadata><categorie_uitlevering><cat_vve>VERB<!--x-->ODEN</cat_vve></categorie_uitlevering></metadata><huidigeschool><leerling><voorschools/></leerling></huidigeschool>"),
            [Cl33, "CL48@/dossier[1]/metadata[1]/categorie_uitlevering[1]/cat_vve[1]", "OS.cat06.Verboden.voorschools@/[1]", .. MetadataNoise]),
        ("/descendant::* paths skip the document element", $"<geslacht xmlns=\"{Ns}\">9</geslacht>", [Cl33]),

        // ---- OG.01: both variables are evaluated for every communicatie
        ("two soort elements abort", D("<x><communicatie><soort>telefoon</soort><soort>e-mail</soort></communicatie></x>"), ["ABORT"]),
        ("two nummer elements abort even for a phone", D("<x><communicatie><soort>telefoon</soort><nummer>1</nummer><nummer>2</nummer></communicatie></x>"), ["ABORT"]),
        ("an e-mail address ending in a newline fails the pattern", D("<x><communicatie><soort>e-mail</soort><nummer>ab@cd.nl\n</nummer></communicatie></x>"),
            [Cl33, "OG.01d@/dossier[1]/x[1]/communicatie[1]"]),
        ("the last @ decides", D("<x><communicatie><soort>e-mail</soort><nummer>a@b@c</nummer></communicatie></x>"), [Cl33]),
        ("an e-mail without number fails three ways", D("<x><communicatie><soort>e-mail</soort></communicatie></x>"),
            [Cl33, "OG.01a@/dossier[1]/x[1]/communicatie[1]", "OG.01c@/dossier[1]/x[1]/communicatie[1]", "OG.01d@/dossier[1]/x[1]/communicatie[1]"]),

        // ---- OG.03 and OG.04, OG.05
        ("lwoo_einddatum split in two text nodes aborts", D("<x><lwoo_einddatum>20<!--c-->19-07-31</lwoo_einddatum></x>"), ["ABORT"]),
        ("lwoo_einddatum: a trailing comment is harmless, the pattern is unanchored, empty fires",
            D("<x><lwoo_einddatum>2019-07-31<!--c--></lwoo_einddatum><lwoo_einddatum>xx2019-07-31yy</lwoo_einddatum><lwoo_einddatum/></x>"),
            [Cl33, "OG.03@/dossier[1]/x[1]/lwoo_einddatum[3]"]),
        ("an invalid overleden aborts without any date of death", D("<x><verzorger><overleden>ja</overleden></verzorger></x>"), ["ABORT"]),
        ("an empty overleden aborts", D("<x><verzorger><overleden/><overlijdensdatum>2019-01-01</overlijdensdatum></verzorger></x>"), ["ABORT"]),
        ("a date of death without overleden fires both OG.04 tests",
            D("<x><verzorger><overlijdensdatum>2019-01-01</overlijdensdatum></verzorger></x>"),
            [Cl33, "OG.04a@/dossier[1]/x[1]/verzorger[1]", "OG.04b@/dossier[1]/x[1]/verzorger[1]"]),
        ("overleden is trimmed before the cast", D("<x><verzorger><overleden> 1 </overleden><overlijdensdatum>2019-01-01</overlijdensdatum></verzorger></x>"), [Cl33]),
        ("a huisarts with an invalid adresgeheim aborts", D("<x><huisarts><adresgeheim>nee</adresgeheim></huisarts></x>"), ["ABORT"]),

        // ---- OVa.TR04: the POVO test window relative to metadata/datum (only outside a leerling)
        ("a test from before 1 August two school years back is too old",
            Toets("<datum>2019-03-01</datum><overstap>POVO</overstap>", "<afnamedatum>2016-07-31</afnamedatum>"), WithMetadataNoise("OVa.TR04@/dossier[1]/toets[1]")),
        ("1 August two school years back is allowed", Toets("<datum>2019-03-01</datum><overstap>POVO</overstap>", "<afnamedatum>2016-08-01</afnamedatum>"), WithMetadataNoise()),
        ("from 1 August the window moves a year", Toets("<datum>2019-08-01</datum><overstap>POVO</overstap>", "<afnamedatum>2017-07-31</afnamedatum>"), WithMetadataNoise("OVa.TR04@/dossier[1]/toets[1]")),
        ("a dossier date with +01:00 on 1 August still counts as July", Toets("<datum>2019-08-01+01:00</datum><overstap>POVO</overstap>", "<afnamedatum>2016-08-01</afnamedatum>"), WithMetadataNoise()),
        ("a dossier date with -01:00 on 1 August is August", Toets("<datum>2019-08-01-01:00</datum><overstap>POVO</overstap>", "<afnamedatum>2016-08-01</afnamedatum>"), WithMetadataNoise("OVa.TR04@/dossier[1]/toets[1]")),
        ("a test date with +01:00 starts the evening before", Toets("<datum>2019-03-01</datum><overstap>POVO</overstap>", "<afnamedatum>2016-08-01+01:00</afnamedatum>"), WithMetadataNoise("OVa.TR04@/dossier[1]/toets[1]")),
        ("dates are trimmed", Toets("<datum> 2019-03-01\n</datum><overstap>POVO</overstap>", "<afnamedatum> 2016-07-31 </afnamedatum>"), WithMetadataNoise("OVa.TR04@/dossier[1]/toets[1]")),
        ("year 0000 is a date", Toets("<datum>2019-03-01</datum><overstap>POVO</overstap>", "<afnamedatum>0000-02-29</afnamedatum>"), WithMetadataNoise("OVa.TR04@/dossier[1]/toets[1]")),
        ("-0004 is a leap year, -0001 is not", Toets("<datum>2019-03-01</datum><overstap>POVO</overstap>", "<afnamedatum>-0001-02-29</afnamedatum>"), ["ABORT"]),
        ("a VOVO dossier does not cast the test dates", Toets("<datum>2019-03-01</datum><overstap>VOVO</overstap>", "<afnamedatum>xx</afnamedatum>"), WithMetadataNoise()),
        ("a toets without metadata/datum aborts whatever the profile", D("<toets><afname><afnamedatum>2019-01-01</afnamedatum></afname></toets>"), ["ABORT"]),
        ("a dossier year below 1000 aborts", Toets("<datum>0999-09-01</datum><overstap>VOVO</overstap>"), ["ABORT"]),
        ("a boundary year below 1000 aborts", Toets("<datum>1001-09-01</datum><overstap>VOVO</overstap>"), ["ABORT"]),
        ("two dossier dates abort", Toets("<datum>2019-03-01</datum><datum>2019-03-01</datum><overstap>POVO</overstap>"), ["ABORT"]),
        ("the first too-old test stops the search", Toets("<datum>2019-03-01</datum><overstap>POVO</overstap>", "<afnamedatum>2010-08-01</afnamedatum>", "<afnamedatum>bad</afnamedatum>"),
            WithMetadataNoise("OVa.TR04@/dossier[1]/toets[1]")),
        ("an invalid test date before it aborts", Toets("<datum>2019-03-01</datum><overstap>POVO</overstap>", "<afnamedatum>bad</afnamedatum>", "<afnamedatum>2010-08-01</afnamedatum>"), ["ABORT"]),
        ("a timezone of +14:59 is accepted, +15:00 is not", Toets("<datum>2019-09-01+15:00</datum><overstap>VOVO</overstap>"), ["ABORT"]),
        ("a toets inside a leerling is not reached in OV", D("<leerling><toets/></leerling>"), [Cl33]),
        ("the string value of a date includes a child element's text",
            Toets("<datum>2019-<x>03</x>-01</datum><overstap>POVO</overstap>", "<afnamedatum>2016-07-31</afnamedatum>"), WithMetadataNoise("OVa.TR04@/dossier[1]/toets[1]")),

        // ---- OV profile rules
        ("inzage/inzage twice aborts an overstapdossier",
            D("<overdrachtsoort>overstapdossier</overdrachtsoort><inzage><inzage>true</inzage><inzage>true</inzage></inzage>"), ["ABORT"]),
        ("inzage/inzage twice is not cast outside an overstapdossier", D("<inzage><inzage>true</inzage><inzage>true</inzage></inzage>"), [Cl33]),
        ("an invalid secret flag aborts only in an overstapdossier with a leerling",
            D("<overdrachtsoort>overstapdossier</overdrachtsoort><leerling/><communicatie><geheim>ja</geheim></communicatie>"), ["ABORT"]),
        ("the secret-communication check runs once per leerling over all communicatie",
            D("<overdrachtsoort>overstapdossier</overdrachtsoort><leerling><voornaam>A</voornaam><geboortedatum>2010-01-01</geboortedatum><adresgeheim>true</adresgeheim><bsn>1</bsn><datuminschrijving>2015-01-01</datuminschrijving><verzorgersaansprakelijk>false</verzorgersaansprakelijk><schoolloopbaanlijst><schoolloopbaan/></schoolloopbaanlijst><overstapadvies/></leerling><x><leerling><voornaam>A</voornaam><geboortedatum>2010-01-01</geboortedatum><adresgeheim>true</adresgeheim><bsn>1</bsn><datuminschrijving>2015-01-01</datuminschrijving><verzorgersaansprakelijk>false</verzorgersaansprakelijk><schoolloopbaanlijst><schoolloopbaan/></schoolloopbaanlijst><overstapadvies/></leerling></x><communicatie><geheim>1</geheim><soort>telefoon</soort></communicatie>"),
            [Cl33, "OVa.IZ01@/dossier[1]", "OVa.LL08.Telefoon@/dossier[1]/communicatie[1]", "OVa.LL08.Telefoon@/dossier[1]/communicatie[1]"]),
        ("overstapdossier and binnen-BRIN at once run both rule sets",
            D("<overdrachtsoort>overstapdossier</overdrachtsoort><overdrachtsoort>overdrachtbinnenbrin</overdrachtsoort><leerling><geboorteplaats>X</geboorteplaats></leerling>"),
            [Cl33, "OVa.IZ01@/dossier[1]", "OVa.LL01@/dossier[1]/leerling[1]", "OVa.LL02@/dossier[1]/leerling[1]", "OVa.LL04@/dossier[1]/leerling[1]", "OVa.LL05@/dossier[1]/leerling[1]",
             "OVa.LL10@/dossier[1]/leerling[1]", "OVa.LL12@/dossier[1]/leerling[1]", "OVa.LL14@/dossier[1]/leerling[1]", "OVa.LL15@/dossier[1]/leerling[1]",
             "OVa.SL01.Leerling@/dossier[1]/leerling[1]", "OVa.OA01@/dossier[1]/leerling[1]", "OVb.LL06@/dossier[1]/leerling[1]"]),
        ("a leerling inside metadata is not visited",
            D("<metadata><leerling/></metadata><overdrachtsoort>overstapdossier</overdrachtsoort>"),
            [Cl33, "OVa.IZ01@/dossier[1]", .. MetadataNoise[..2], "OVa.MD03@/dossier[1]/metadata[1]", "OVa.OS01@/dossier[1]/metadata[1]", "OVa.OS02@/dossier[1]/metadata[1]"]),
        ("a verzorger outside a leerling is judged, inside it is not",
            D("<overdrachtsoort>overstapdossier</overdrachtsoort><inzage><inzage>true</inzage><inzagedatum/><akkoord>Ja</akkoord></inzage><verzorger><adresgeheim>true</adresgeheim><adreslijst><adres/></adreslijst></verzorger><leerling><verzorger><adresgeheim>true</adresgeheim><adreslijst><adres/></adreslijst></verzorger></leerling>"),
            [Cl33, "OVa.OV03@/dossier[1]/verzorger[1]", "OVa.LL01@/dossier[1]/leerling[1]", "OVa.LL02@/dossier[1]/leerling[1]", "OVa.LL04@/dossier[1]/leerling[1]",
             "OVa.LL05@/dossier[1]/leerling[1]", "OVa.LL12@/dossier[1]/leerling[1]", "OVa.LL14@/dossier[1]/leerling[1]", "OVa.LL15@/dossier[1]/leerling[1]",
             "OVa.SL01.Leerling@/dossier[1]/leerling[1]", "OVa.OA01@/dossier[1]/leerling[1]"]),
        ("nested dossiers: facts are global, metadata rules per dossier",
            $"<dossiers xmlns=\"{Ns}\"><dossier><metadata/><overdrachtsoort>overstapdossier</overdrachtsoort></dossier><dossier><metadata><deeldossier>LAS</deeldossier></metadata><inzage/></dossier></dossiers>",
            ["OVa.MD02@/dossiers[1]/dossier[1]/metadata[1]", "OVa.MD03@/dossiers[1]/dossier[1]/metadata[1]", "OVa.OS01@/dossiers[1]/dossier[1]/metadata[1]", "OVa.OS02@/dossiers[1]/dossier[1]/metadata[1]",
             "OVa.MD02@/dossiers[1]/dossier[2]/metadata[1]", "OVa.MD03@/dossiers[1]/dossier[2]/metadata[1]", "OVa.OS01@/dossiers[1]/dossier[2]/metadata[1]", "OVa.OS02@/dossiers[1]/dossier[2]/metadata[1]",
             "OVa.IZ02@/dossiers[1]/dossier[2]/inzage[1]"]),
        ("any prefix binds the namespace",
            $"<o:dossier xmlns:o=\"{Ns}\"><o:overdrachtsoort>overstapdossier</o:overdrachtsoort><o:inzage/></o:dossier>", [Cl33, "OVa.IZ02@/dossier[1]/inzage[1]"]),
        ("an element in another namespace is invisible to the rules but its od: children are not",
            D("<overdrachtsoort>overstapdossier</overdrachtsoort><inzage xmlns=\"urn:x\"><inzage xmlns=\"" + Ns + "\"><inzage>1</inzage></inzage></inzage>"),
            [Cl33, "OVa.IZ01@/dossier[1]"]),
        ("TRUE is not a boolean", D("<overdrachtsoort>overstapdossier</overdrachtsoort><leerling><adresgeheim>TRUE</adresgeheim></leerling>"), ["ABORT"]),

        ("an overstapadvies outside the leerling needs an advies in POVO unless the school is SO",
            D("<metadata><overstap>POVO</overstap></metadata><overdrachtsoort>overstapdossier</overdrachtsoort><overstapadvies><contactnodig>false</contactnodig></overstapadvies>"),
            [Cl33, "OVa.IZ01@/dossier[1]", "OVa.MD01@/dossier[1]/metadata[1]", "OVa.MD02@/dossier[1]/metadata[1]", "OVa.MD03@/dossier[1]/metadata[1]", "OVa.OA02@/dossier[1]/overstapadvies[1]"]),
        ("an exemption needs the kind of test, tested on the block itself",
            D("<overdrachtsoort>overstapdossier</overdrachtsoort><inzage><inzage>1</inzage><inzagedatum/><akkoord>Ja</akkoord></inzage><eindtoets_basisonderwijs><deelgenomen>false</deelgenomen><wettelijke_ontheffing>true</wettelijke_ontheffing></eindtoets_basisonderwijs>"),
            [Cl33, "OVa.EB03@/dossier[1]/eindtoets_basisonderwijs[1]", "OVa.EB03.Ontheffing@/dossier[1]/eindtoets_basisonderwijs[1]"]),

        // ---- OS.cat09 names 'toelichting_onderwijsbehoeften' when required but 'toelichting_onderwijsbehoefte' when forbidden
        ("an opted-out category forbids only the misspelt toelichting",
            D("<metadata><deeldossier>LAS</deeldossier><categorie_uitlevering><cat_onderwijsondersteuning>OPT-UIT</cat_onderwijsondersteuning></categorie_uitlevering></metadata><huidigeschool><leerling><onderwijsondersteuning><toelichting_onderwijsbehoefte/><toelichting_onderwijsbehoeften/></onderwijsondersteuning></leerling></huidigeschool>"),
            ["OS.cat09.OptUit.toelichting_onderwijsbehoefte@/[1]", "OVa.MD02@/dossier[1]/metadata[1]", "OVa.OS03@/dossier[1]/metadata[1]"]),
        ("a required category is met only by the real toelichting",
            D("<metadata><deeldossier>LAS</deeldossier><categorie_uitlevering><cat_onderwijsondersteuning>VERPLICHT</cat_onderwijsondersteuning></categorie_uitlevering></metadata><huidigeschool><leerling><onderwijsondersteuning><toelichting_onderwijsbehoefte/></onderwijsondersteuning></leerling></huidigeschool>"),
            ["OS.cat09.Verplicht@/[1]", "OVa.MD02@/dossier[1]/metadata[1]", "OVa.OS03@/dossier[1]/metadata[1]"]),

        // ---- PaO: the leerling template descends
        ("PaO judges a verzorger inside the leerling",
            D("<overdrachtsoort>swv-dossier</overdrachtsoort><leerling><voornaam>A</voornaam><geboortedatum>2010-01-01</geboortedatum><adresgeheim>true</adresgeheim><schoolloopbaanlijst><schoolloopbaan/></schoolloopbaanlijst><verzorger><banknummer>1</banknummer></verzorger><zorg><vir/></zorg></leerling>"),
            [Cl33, "PaO.OV05@/dossier[1]/leerling[1]/verzorger[1]", "PaO.ZB01@/dossier[1]/leerling[1]/zorg[1]"]),
        ("PaO: a metadata without swv-dossier says so", D("<metadata><deeldossier>LAS</deeldossier></metadata><overdrachtsoort> swv-dossier</overdrachtsoort>"),
            ["CL29@/dossier[1]/overdrachtsoort[1]", "PaO.SO03@/dossier[1]/metadata[1]"]),
    ];
}
