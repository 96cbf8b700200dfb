namespace Oso.Dossier.Codes;

// The OSO code lists as the validation rules of the gegevensset 2019.1 define their values. Labels are given
// only where the meaning is public; other codes are codes (OSO.md §4: treat codes as codes).

#pragma warning disable CA1812 // marker types are used as generic arguments only

/// <summary>Codelijst 2: advies VO (schooladvies). Meanings are not public.</summary>
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
        ("e-mail", "E-mail"), ("telefoon", "Telefoon"));
}

/// <summary>Codelijst 5: aanduiding communicatie.</summary>
public sealed class CommunicatieAanduiding : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Labeled(5, "Communicatie aanduiding",
        ("werk", "Werk"), ("prive", "Privé"), ("overig", "Overig"));
}

/// <summary>Codelijst 6: voorschoolse toeleider.</summary>
public sealed class VoorschoolseToeleider : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Codes(6, "Voorschoolse toeleider", "1 2 3 4 5 6 7 8 9");
}

/// <summary>Codelijst 7: voorschoolse historie.</summary>
public sealed class VoorschoolseHistorie : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Codes(7, "Voorschoolse historie", "1 2 3 4 5");
}

/// <summary>Codelijst 8: voorschoolse deelname.</summary>
public sealed class VoorschoolseDeelname : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Codes(8, "Voorschoolse deelname", "1 2 3 4 5");
}

/// <summary>Codelijst 9: VVE-programma (voor- en vroegschools).</summary>
public sealed class VveProgramma : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Codes(9, "VVE programma", "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15");
}

/// <summary>Codelijst 10: NNCA.</summary>
public sealed class Nnca : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Codes(10, "NNCA", "0 1 2");
}

/// <summary>Codelijst 11: soort referentiescore.</summary>
public sealed class ReferentiescoreCode : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Labeled(11, "Referentiescore",
        ("AE", null), ("CAE", null), ("IV", null), ("CIV", null), ("FN", null), ("ON", null),
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
        ("0", null), ("1", "Groep 1"), ("2", "Groep 2"), ("3", "Groep 3"), ("4", "Groep 4"), ("5", "Groep 5"),
        ("6", "Groep 6"), ("7", "Groep 7"), ("8", "Groep 8"), ("11", null), ("12", null), ("13", null), ("14", null),
        ("15", null), ("16", null), ("S", null), ("P", null));
}

/// <summary>Codelijst 14: geslacht.</summary>
public sealed class Geslacht : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Labeled(14, "Geslacht",
        ("0", "Onbekend"), ("1", "Man"), ("2", "Vrouw"));
}

/// <summary>Codelijst 15: leerlinggewicht.</summary>
public sealed class Leerlinggewicht : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Labeled(15, "Gewicht",
        ("0.00", "Geen gewicht"), ("0.30", "Gewicht 0,3"), ("1.20", "Gewicht 1,2"));
}

/// <summary>Codelijst 16: soort overstap (the profile of a dossier).</summary>
public sealed class Overstap : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Labeled(16, "Soort overstap/dossier",
        ("VSPO", "Voorschool naar primair onderwijs"), ("VSWEC", "Voorschool naar speciaal onderwijs"),
        ("POPO", "Primair naar primair onderwijs"), ("POWEC", "Primair naar speciaal onderwijs"),
        ("POVO", "Primair naar voortgezet onderwijs"), ("VOVO", "Voortgezet naar voortgezet onderwijs"),
        ("VOMBO", "Voortgezet onderwijs naar mbo"), ("VOHBO", "Voortgezet onderwijs naar hbo"), ("VOWO", "Voortgezet onderwijs naar wo"),
        ("WECWEC", "Speciaal naar speciaal onderwijs"), ("WECVO", "Speciaal naar voortgezet onderwijs"),
        ("WECMBO", "Speciaal onderwijs naar mbo"), ("POSWV", "Primair onderwijs naar samenwerkingsverband"),
        ("VOSWV", "Voortgezet onderwijs naar samenwerkingsverband"), ("WECHBO", "Speciaal onderwijs naar hbo"),
        ("WECWO", "Speciaal onderwijs naar wo"), ("OVERIG", "Overig"));
}

/// <summary>Codelijst 17: RVC-indicatie.</summary>
public sealed class RvcIndicatie : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Labeled(17, "RVC indicatie",
        ("LWOO", "Leerwegondersteunend onderwijs"), ("PRO", "Praktijkonderwijs"));
}

/// <summary>Codelijst 18: huisnummeraanduiding.</summary>
public sealed class Huisnummeraanduiding : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Labeled(18, "Huisnummer aanduiding",
        ("TO", "Tegenover"), ("BY", "Bij"));
}

/// <summary>Codelijst 19: soort adres.</summary>
public sealed class SoortAdres : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Labeled(19, "Soort adres",
        ("bezoek", "Bezoekadres"), ("post", "Postadres"), ("gba", "Adres volgens de basisregistratie (GBA/BRP)"));
}

/// <summary>Codelijst 21: profiel van het overstapadvies.</summary>
public sealed class AdviesProfiel : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Codes(21, "Profiel", "basis plus bespreek disharmonisch ondersteuning");
}

/// <summary>Codelijst 22: vergelijkingsgroep van een referentiescore.</summary>
public sealed class Vergelijkingsgroep : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Labeled(22, "Vergelijkingsgroep",
        ("BB+", null), ("BB", "Basisberoepsgerichte leerweg"), ("KB", "Kaderberoepsgerichte leerweg"),
        ("GT", "Gemengde/theoretische leerweg"), ("HAVO", "Havo"), ("VWO", "Vwo"), ("Landelijk", "Landelijke vergelijkingsgroep"));
}

/// <summary>Codelijst 23: diagnosecodes (largely ICD-10).</summary>
public sealed class DiagnoseCode : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Labeled(23, "Diagnose codes",
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
        ("overstapdossier", "Overstapdossier"), ("overdrachtbinnenbrin", "Overdracht binnen BRIN"),
        ("swv-dossier", "Dossier voor het samenwerkingsverband"));
}

/// <summary>Codelijst 31: TLV-bekostigingscategorie.</summary>
public sealed class TlvCategorie : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Labeled(31, "TLV bekostigingscategorie",
        ("H", "Hoog"), ("M", "Midden"), ("L", "Laag"), ("Nvt", "Niet van toepassing"));
}

/// <summary>Codelijst 33: deeldossier.</summary>
public sealed class Deeldossier : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Labeled(33, "Deeldossier type",
        ("LAS", "Leerlingadministratie"), ("LVS", "Leerlingvolgsysteem"), ("LASLVS", "Leerlingadministratie en leerlingvolgsysteem"), ("TIB", null));
}

/// <summary>Codelijst 35: examenuitslag.</summary>
public sealed class Examenuitslag : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Labeled(35, "Examenuitslag",
        ("geslaagd", "Geslaagd"), ("afgewezen", "Afgewezen"), ("herexamen", "Herexamen"));
}

/// <summary>Codelijst 36: beoordeling examenvak.</summary>
public sealed class BeoordelingExamenvak : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Labeled(36, "Beoordelingexamenvak",
        ("voldoende", "Voldoende"), ("onvoldoende", "Onvoldoende"));
}

/// <summary>Codelijst 37: akkoord / toestemming.</summary>
public sealed class JaNeeOnbekend : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Labeled(37, "Akkoord",
        ("Ja", "Ja"), ("Nee", "Nee"), ("Onbekend", "Onbekend"));
}

/// <summary>Codelijst 41: relatie tot kind.</summary>
public sealed class RelatieTotKind : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Codes(41, "Relatie tot kind", "1 2 3 4 5 6 7 8 9");
}

/// <summary>Codelijst 42: soort eindtoets.</summary>
public sealed class EindtoetsSoort : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Codes(42, "Soort eindtoets", "0011 0012 0013 0014 0016");
}

/// <summary>Codelijst 43: niveau eindtoets.</summary>
public sealed class EindtoetsNiveau : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Codes(43, "Niveau eindtoets", "G");
}

/// <summary>Codelijst 44: wettelijke ontheffing eindtoets.</summary>
public sealed class WettelijkeOntheffing : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Labeled(44, "Wettelijke ontheffing eindtoets",
        ("J", "Ja"), ("N", "Nee"));
}

/// <summary>Codelijst 45: referentieniveau eindtoets.</summary>
public sealed class Referentieniveau : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Codes(45, "Eindtoets referentieniveau", "01 02 03 04");
}

/// <summary>Codelijst 46: onderdeelcode eindtoets.</summary>
public sealed class EindtoetsOnderdeelcode : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Codes(46, "Eindtoets onderdeelcode", "8000 8001");
}

/// <summary>Codelijst 47: domeincode eindtoets.</summary>
public sealed class EindtoetsDomeincode : ICodeList
{
    /// <inheritdoc />
    public static CodeListDefinition Definition { get; } = CodeListBuilder.Codes(47, "Eindtoets domeincode", "8050 8051");
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
        (Verplicht, "Verplicht"), (Optioneel, "Optioneel"), (Verboden, "Verboden"), (OptUit, "Uitgezet (opt-out)"));
}

internal static class CodeListBuilder
{
    public static CodeListDefinition Codes(int number, string name, string codes) =>
        new(number, name, codes.Split(' ').Select(c => new CodeValue(c, null)));

    public static CodeListDefinition Labeled(int number, string name, params (string Code, string? Label)[] values) =>
        new(number, name, values.Select(v => new CodeValue(v.Code, v.Label)));
}
