namespace Oso.Dossier.Codes;

// The OSO code lists as the validation rules of the gegevensset 2019.1 define their values. Labels are given
// only where the meaning is public, with their source next to them; the Excel file "OSO codelijsten" itself is not
// public (edustandaard/oso-gegevensset README: "De Excel codelijsten ... zijn niet aanwezig"). Sources:
//   [XSD]      the documentation of the official schema, common/OSO_gegevensset.xsd 2019.1 (the field or type named);
//   [XSD-2014] the 1.1 schema in the same public repository (Overstapdossier.xsd);
//   [VB]       the official example dossiers (OV/examples, PaO/examples), where a value's meaning is plain from the data;
//   [ICD-10]   the WHO classification, Dutch names, for the diagnosis codes that are ICD-10 codes;
//   [word]     the code is itself a Dutch word or abbreviation in common use, and the label spells it out.
// A code without a label shows as "code X (betekenis niet openbaar)" (Code<T>.Display), never as a bare number.

#pragma warning disable CA1812 // marker types are used as generic arguments only

/// <summary>
/// Codelijst 2: advies VO (schooladvies), "volgens door DUO toegestane codelijst" ([XSD] voadviesduoType). The meaning
/// of each code is in DUO's list, which the standard does not publish; no public source found gives it, so these codes
/// have no label.
/// </summary>
public sealed class AdviesVo : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Codes(2, "Advies VO",
        "01 10 20 21 22 23 30 31 32 33 34 35 40 41 42 43 44 50 51 52 60 61 70 80");
}

/// <summary>Codelijst 4: soort communicatie.</summary>
public sealed class CommunicatieSoort : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Labeled(4, "Communicatie soort",
        // [word] ([XSD] soort: zoals “telefoon” en “e-mail”)
        ("e-mail", "E-mail"), ("telefoon", "Telefoon"));
}

/// <summary>Codelijst 5: aanduiding communicatie.</summary>
public sealed class CommunicatieAanduiding : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Labeled(5, "Communicatie aanduiding",
        // [word] ([XSD] aanduiding: zoals “werk”, “prive” en “overig”)
        ("werk", "Werk"), ("prive", "Privé"), ("overig", "Overig"));
}

/// <summary>Codelijst 6: voorschoolse toeleider.</summary>
public sealed class VoorschoolseToeleider : ICodeList
{
    /// <inheritdoc />
    // not public: the meanings of codes 1 to 9
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Codes(6, "Voorschoolse toeleider", "1 2 3 4 5 6 7 8 9");
}

/// <summary>Codelijst 7: voorschoolse historie.</summary>
public sealed class VoorschoolseHistorie : ICodeList
{
    /// <inheritdoc />
    // not public
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Codes(7, "Voorschoolse historie", "1 2 3 4 5");
}

/// <summary>Codelijst 8: voorschoolse deelname.</summary>
public sealed class VoorschoolseDeelname : ICodeList
{
    /// <inheritdoc />
    // not public
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Codes(8, "Voorschoolse deelname", "1 2 3 4 5");
}

/// <summary>Codelijst 9: VVE-programma (voor- en vroegschools).</summary>
public sealed class VveProgramma : ICodeList
{
    /// <inheritdoc />
    // not public: the programmes behind codes 1 to 15
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Codes(9, "VVE programma", "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15");
}

/// <summary>Codelijst 10: NNCA.</summary>
public sealed class Nnca : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Labeled(10, "NNCA",
        // [XSD] nnca: “0” (=n.v.t.), “1” (=Nederlands) en “2” (Niet-Nederlands)
        ("0", "Niet van toepassing"), ("1", "Nederlandse culturele achtergrond"), ("2", "Niet-Nederlandse culturele achtergrond"));
}

/// <summary>Codelijst 11: soort referentiescore.</summary>
public sealed class ReferentiescoreCode : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Abbreviations(11, "Referentiescore",
        // [word] the abbreviations spelled out where their meaning is common knowledge; the rest are not public
        // [VB] the examples give IV the values I to V (e.g. "III"): the score levels I–V, and likewise A–E
        ("AE", "Niveau A–E"), ("CAE", null), ("IV", "Niveau I–V"), ("CIV", null), ("FN", null), ("ON", null),
        ("DLE", "Didactische leeftijdsequivalent"), ("Percentiel", "Percentiel"), ("Percentage", "Percentage"),
        ("T-score", "T-score"), ("Stanine", "Stanine"), ("DQ", null), ("IQ", "Intelligentiequotiënt"),
        ("ERK", "Europees Referentiekader"), ("C-score", "C-score"), ("Norm", null), ("RNTRM", null), ("ZML", null),
        ("LGH", null), ("AVI", "AVI-niveau"), ("NAZ", null), ("LM", null), ("Standaardscore", "Standaardscore"), ("LA", null));
}

/// <summary>Codelijst 13: jaargroep / leerjaar.</summary>
public sealed class Jaargroep : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Labeled(13, "Jaargroepen",
        // [XSD] jaargroepType: “P” (=Peutergroep), “0” (=PO groep 0), “1” t/m “8” (=PO jaargroep 1 t/m 8),
        // “11” t/m “16” (=VO jaargroep 1 t/m 6) en “S” (=SBO/SO/VSO)
        ("0", "Groep 0"), ("1", "Groep 1"), ("2", "Groep 2"), ("3", "Groep 3"), ("4", "Groep 4"), ("5", "Groep 5"),
        ("6", "Groep 6"), ("7", "Groep 7"), ("8", "Groep 8"), ("11", "Leerjaar 1 (vo)"), ("12", "Leerjaar 2 (vo)"),
        ("13", "Leerjaar 3 (vo)"), ("14", "Leerjaar 4 (vo)"), ("15", "Leerjaar 5 (vo)"), ("16", "Leerjaar 6 (vo)"),
        ("S", "Speciaal (basis)onderwijs (sbo, so of vso)"), ("P", "Peutergroep"));
}

/// <summary>Codelijst 14: geslacht.</summary>
public sealed class Geslacht : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Labeled(14, "Geslacht",
        // [XSD] geslachtType: {0, 1, 2} voor onbekend, vrouw resp man ([XSD-2014] the same: "0 onbekend, 1 vrouw,
        // 2 man"; [VB] the pupil Björn and the father Pieter are 2, the mother Tanja is 1)
        ("0", "Onbekend"), ("1", "Vrouw"), ("2", "Man"));
}

/// <summary>Codelijst 15: leerlinggewicht.</summary>
public sealed class Leerlinggewicht : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Labeled(15, "Gewicht",
        // [word] the values are the weights themselves ([XSD] leerlinggewicht: “0.00”, “0.30” en “1.20”)
        ("0.00", "Geen gewicht"), ("0.30", "Gewicht 0,3"), ("1.20", "Gewicht 1,2"));
}

/// <summary>Codelijst 16: soort overstap (the profile of a dossier).</summary>
public sealed class Overstap : ICodeList
{
    /// <inheritdoc />
    // [word] the codes are the sectors they join: VS voorschool, PO primair (basis)onderwijs, WEC speciaal onderwijs
    // (Wet op de expertisecentra), VO voortgezet onderwijs, SWV samenwerkingsverband passend onderwijs
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Labeled(16, "Soort overstap/dossier",
        ("VSPO", "Voorschool naar basisonderwijs"), ("VSWEC", "Voorschool naar speciaal onderwijs"),
        ("POPO", "Basisonderwijs naar basisonderwijs"), ("POWEC", "Basisonderwijs naar speciaal onderwijs"),
        ("POVO", "Basisonderwijs naar voortgezet onderwijs"), ("VOVO", "Voortgezet onderwijs naar voortgezet onderwijs"),
        ("VOMBO", "Voortgezet onderwijs naar mbo"), ("VOHBO", "Voortgezet onderwijs naar hbo"), ("VOWO", "Voortgezet onderwijs naar wo"),
        ("WECWEC", "Speciaal naar speciaal onderwijs"), ("WECVO", "Speciaal naar voortgezet onderwijs"),
        ("WECMBO", "Speciaal onderwijs naar mbo"), ("POSWV", "Basisonderwijs naar samenwerkingsverband"),
        ("VOSWV", "Voortgezet onderwijs naar samenwerkingsverband"), ("WECHBO", "Speciaal onderwijs naar hbo"),
        ("WECWO", "Speciaal onderwijs naar wo"), ("OVERIG", "Overig"));
}

/// <summary>Codelijst 17: RVC-indicatie.</summary>
public sealed class RvcIndicatie : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Labeled(17, "RVC indicatie",
        // [word] the two routes of the RVC
        ("LWOO", "Leerwegondersteunend onderwijs"), ("PRO", "Praktijkonderwijs"));
}

/// <summary>Codelijst 18: huisnummeraanduiding.</summary>
public sealed class Huisnummeraanduiding : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Labeled(18, "Huisnummer aanduiding",
        // [word] the BRP's aanduiding bij huisnummer: “to” tegenover, “by” bij ([XSD] zoals “TO” en “BY”)
        ("TO", "Tegenover"), ("BY", "Bij"));
}

/// <summary>Codelijst 19: soort adres.</summary>
public sealed class SoortAdres : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Labeled(19, "Soort adres",
        // [word] ([XSD] soortadres: zoals “bezoek”, “post” en “gba”)
        ("bezoek", "Bezoekadres"), ("post", "Postadres"), ("gba", "Adres volgens de basisregistratie (GBA/BRP)"));
}

/// <summary>Codelijst 21: profiel van het overstapadvies.</summary>
public sealed class AdviesProfiel : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Labeled(21, "Profiel",
        // [word] the codes are Dutch words ([XSD] profiel: zoals “basis”, “plus”, “bespreek” en “disharmonisch”)
        ("basis", "Basis"), ("plus", "Plus"), ("bespreek", "Bespreek"), ("disharmonisch", "Disharmonisch"), ("ondersteuning", "Ondersteuning"));
}

/// <summary>Codelijst 22: vergelijkingsgroep van een referentiescore.</summary>
public sealed class Vergelijkingsgroep : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Abbreviations(22, "Vergelijkingsgroep",
        // [word] the vmbo leerwegen, havo and vwo ([XSD] zoals “BB+”, “BB”, “KB”, “GT”, “HAVO”, “VWO” en “Landelijk”); BB+ is not public
        ("BB+", null), ("BB", "Basisberoepsgerichte leerweg"), ("KB", "Kaderberoepsgerichte leerweg"),
        ("GT", "Gemengde/theoretische leerweg"), ("HAVO", "Havo"), ("VWO", "Vwo"), ("Landelijk", "Landelijke vergelijkingsgroep"));
}

/// <summary>Codelijst 23: diagnosecodes (largely ICD-10).</summary>
public sealed class DiagnoseCode : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Abbreviations(23, "Diagnose codes",
        // [ICD-10] for the ICD-10 codes (Dutch names); HB [word]; the project-specific extensions (.VB, .ZB, .nld, …) are not public
        ("F79.VB", null), ("F79.ZB", null), ("HB", "Hoogbegaafdheid"),
        ("F80", "Specifieke ontwikkelingsstoornis van spraak of taal"), ("F81.0", "Specifieke leesstoornis (dyslexie)"),
        ("F81.1", "Specifieke spellingstoornis"), ("F81.2", "Specifieke rekenstoornis (dyscalculie)"),
        ("F81.9", "Ontwikkelingsstoornis van schoolse vaardigheden, niet gespecificeerd"),
        ("F82", "Specifieke ontwikkelingsstoornis van de motoriek"), ("F84", "Pervasieve ontwikkelingsstoornis (autismespectrum)"),
        ("F84.0", "Autisme"), ("F84.2", "Syndroom van Rett"), ("F84.5", "Syndroom van Asperger"), ("F84.nld", null), ("F84.mcdd", null),
        ("F90", "Hyperkinetische stoornis (AD(H)D)"), ("F90.0", null), ("F90.0+", null), ("F90.0-", null),
        ("F91", "Gedragsstoornis"), ("F91.3", "Oppositioneel-opstandige gedragsstoornis"), ("F95", "Ticstoornis"),
        ("F95.2", "Syndroom van Gilles de la Tourette"), ("F41.0", "Paniekstoornis"), ("F43.1", "Posttraumatische stressstoornis"),
        ("F43.2", "Aanpassingsstoornis"), ("F50", "Eetstoornis"), ("F92.0", null), ("F93.1", null), ("F94", null), ("Fspd", null),
        ("G40", "Epilepsie"), ("H54.0", "Blindheid"), ("H54.2", "Slechtziendheid"), ("H91.9.d", null), ("H91.9.s", null), ("Z62", null));
}

/// <summary>Codelijst 29: soort overdracht.</summary>
public sealed class Overdrachtsoort : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Labeled(29, "Overdrachtsoort",
        // [word] ([XSD] overdrachtsoort: zoals “overstapdossier” of “overdrachtbinnenbrin”)
        ("overstapdossier", "Overstapdossier"), ("overdrachtbinnenbrin", "Overdracht binnen BRIN"),
        ("swv-dossier", "Dossier voor het samenwerkingsverband"));
}

/// <summary>Codelijst 31: TLV-bekostigingscategorie.</summary>
public sealed class TlvCategorie : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Labeled(31, "TLV bekostigingscategorie",
        // [XSD] tlvcategorie: Nvt (=niet van toepassing), H (=hoog), M (=middel) en L (=laag)
        ("H", "Hoog"), ("M", "Middel"), ("L", "Laag"), ("Nvt", "Niet van toepassing"));
}

/// <summary>Codelijst 33: deeldossier.</summary>
public sealed class Deeldossier : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Abbreviations(33, "Deeldossier type",
        // [word] LAS leerlingadministratiesysteem, LVS leerlingvolgsysteem; TIB is not public
        ("LAS", "Leerlingadministratie"), ("LVS", "Leerlingvolgsysteem"), ("LASLVS", "Leerlingadministratie en leerlingvolgsysteem"), ("TIB", null));
}

/// <summary>Codelijst 35: examenuitslag.</summary>
public sealed class Examenuitslag : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Labeled(35, "Examenuitslag",
        // [word] ([XSD] zoals “geslaagd”, “afgewezen” en “herexamen”)
        ("geslaagd", "Geslaagd"), ("afgewezen", "Afgewezen"), ("herexamen", "Herexamen"));
}

/// <summary>Codelijst 36: beoordeling examenvak.</summary>
public sealed class BeoordelingExamenvak : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Labeled(36, "Beoordelingexamenvak",
        // [word] ([XSD] zoals “voldoende” en “onvoldoende”)
        ("voldoende", "Voldoende"), ("onvoldoende", "Onvoldoende"));
}

/// <summary>Codelijst 37: akkoord / toestemming.</summary>
public sealed class JaNeeOnbekend : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Labeled(37, "Akkoord",
        // [word] ([XSD] akkoord: zoals "Nee", "Ja" en "Onbekend")
        ("Ja", "Ja"), ("Nee", "Nee"), ("Onbekend", "Onbekend"));
}

/// <summary>Codelijst 41: relatie tot kind.</summary>
public sealed class RelatieTotKind : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Labeled(41, "Relatie tot kind",
        // [XSD] relatietotkind: 1 (=Vader), 2 (=Moeder) en 3 (=Voogd); 4 to 9 are not public
        ("1", "Vader"), ("2", "Moeder"), ("3", "Voogd"), ("4", null), ("5", null), ("6", null), ("7", null), ("8", null), ("9", null));
}

/// <summary>Codelijst 42: soort eindtoets.</summary>
public sealed class EindtoetsSoort : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Labeled(42, "Soort eindtoets",
        // [XSD] eindtoetssoortType: “0011” (voor CET), “0012” (voor Route 8) en “0013” (voor IEP); 0014 and 0016 are not public
        ("0011", "Centrale Eindtoets (CET)"), ("0012", "Route 8"), ("0013", "IEP Eindtoets"), ("0014", null), ("0016", null));
}

/// <summary>Codelijst 43: niveau eindtoets.</summary>
public sealed class EindtoetsNiveau : ICodeList
{
    /// <inheritdoc />
    // not public: the XSD names “B” (Basis) and “E” (Eenvoudig) as examples, but the 2019.1 list holds only “G”
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Codes(43, "Niveau eindtoets", "G");
}

/// <summary>Codelijst 44: wettelijke ontheffing eindtoets.</summary>
public sealed class WettelijkeOntheffing : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Labeled(44, "Wettelijke ontheffing eindtoets",
        // [XSD] wettelijke_ontheffing: J en N voor Ja resp. Nee
        ("J", "Ja"), ("N", "Nee"));
}

/// <summary>Codelijst 45: referentieniveau eindtoets.</summary>
public sealed class Referentieniveau : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Labeled(45, "Eindtoets referentieniveau",
        // [XSD] referentieniveauType: “01” t/m “04” voor “Lager dan 1F”, “1F”, “1S” resp. “2F”
        ("01", "Lager dan 1F"), ("02", "1F"), ("03", "1S"), ("04", "2F"));
}

/// <summary>Codelijst 46: onderdeelcode eindtoets.</summary>
public sealed class EindtoetsOnderdeelcode : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Labeled(46, "Eindtoets onderdeelcode",
        // [XSD] onderdeelcodeType: 8000 (Taal) of 8001 (Rekenen)
        ("8000", "Taal"), ("8001", "Rekenen"));
}

/// <summary>Codelijst 47: domeincode eindtoets.</summary>
public sealed class EindtoetsDomeincode : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Labeled(47, "Eindtoets domeincode",
        // [XSD] domeincodeType: 8050 (Lezen) of 8051 (Taalverzorging)
        ("8050", "Lezen"), ("8051", "Taalverzorging"));
}

/// <summary>Codelijst 48: categorie uitlevering.</summary>
public sealed class Categorie : ICodeList
{
    /// <summary>VERPLICHT: the category must be in the dossier.</summary>
    public const string Verplicht = "VERPLICHT";
    /// <summary>OPTIONEEL: the category may be in the dossier.</summary>
    public const string Optioneel = "OPTIONEEL";
    /// <summary>VERBODEN: the category must not be in the dossier.</summary>
    public const string Verboden = "VERBODEN";
    /// <summary>OPT-UIT: the school switched the category off; it must not be in the dossier.</summary>
    public const string OptUit = "OPT-UIT";

    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Labeled(48, "Categorie uitlevering",
        // [word] ([XSD] zoals “VERPLICHT”, “VERBODEN”, “OPTIONEEL” en “OPT-UIT”)
        (Verplicht, "Verplicht"), (Optioneel, "Optioneel"), (Verboden, "Verboden"), (OptUit, "Uitgezet (opt-out)"));
}

internal static class CodeListBuilder
{
    public static CodeListDefinition Codes(int number, string name, string codes) =>
        new(number, name, codes.Split(' ').Select(c => new CodeValue(c, null)));

    public static CodeListDefinition Labeled(int number, string name, params (string Code, string? Label)[] values) =>
        new(number, name, values.Select(v => new CodeValue(v.Code, v.Label)));

    /// <summary>A list whose codes are abbreviations staff read as names (a score scale, an ICD-10 code): without a label the code itself shows.</summary>
    public static CodeListDefinition Abbreviations(int number, string name, params (string Code, string? Label)[] values) =>
        new(number, name, values.Select(v => new CodeValue(v.Code, v.Label)), codeIsName: true);
}
