using Oso.Dossier.Xml;

namespace Oso.Dossier.Rules.Evaluation;

/// <summary>
/// What the official stylesheets compute over the whole document (global variables and <c>//</c> paths),
/// gathered during the one tree walk. Text comparisons follow XPath: a flag is set when ANY text node of ANY
/// matching element equals the value, so a document with two <c>overdrachtsoort</c> elements can be both.
/// </summary>
internal sealed class DocumentFacts
{
    /// <summary><c>$typeDocument='overstapdossier'</c> (<c>//od:overdrachtsoort/text()</c>).</summary>
    public bool IsOverstapdossier { get; set; }

    /// <summary><c>$typeDocument='overdrachtbinnenbrin'</c>.</summary>
    public bool IsBinnenBrin { get; set; }

    /// <summary><c>$typeDocument='swv-dossier'</c>.</summary>
    public bool IsSwvDossier { get; set; }

    /// <summary><c>$typeOverstap</c> (<c>/descendant-or-self::*/od:metadata/od:overstap/text()</c>) holds these values.</summary>
    public OverstapFlags Overstap { get; set; }

    /// <summary><c>$soortSchool='SO'</c> (<c>//od:huidigeschool/od:soort/text()</c>).</summary>
    public bool SoortSchoolSo { get; set; }

    /// <summary><c>//od:metadata/od:deeldossier/text()</c> holds these values.</summary>
    public DeeldossierFlags Deeldossier { get; set; }

    /// <summary><c>$heeftLAS='Y'</c>.</summary>
    public bool HeeftLas => (Deeldossier & (DeeldossierFlags.Las | DeeldossierFlags.LasLvs)) != 0;

    /// <summary><c>//od:metadata/od:datum</c>, in document order.</summary>
    public List<XmlElementNode> MetadataDatums { get; } = [];

    /// <summary><c>//od:inzage/od:inzage</c>, in document order.</summary>
    public List<XmlElementNode> InzageInzages { get; } = [];

    /// <summary><c>/descendant::*/od:communicatie</c>, in document order.</summary>
    public List<XmlElementNode> Communicaties { get; } = [];

    /// <summary><c>//od:dossier/od:inzage</c> exists.</summary>
    public bool DossierHasInzage { get; set; }

    /// <summary>The <c>categorie_uitlevering</c> values and category blocks under <c>//od:dossier</c>.</summary>
    public CategoryFacts Categories { get; } = new();
}

/// <summary>Values of <c>metadata/overstap</c> that the profile rules test.</summary>
[Flags]
internal enum OverstapFlags
{
    None = 0,
    Popo = 1,
    Povo = 2,
    Vovo = 4,
    Poswv = 8,
    Voswv = 16,
}

/// <summary>Values of <c>metadata/deeldossier</c> (code list 33).</summary>
[Flags]
internal enum DeeldossierFlags
{
    None = 0,
    Las = 1,
    Lvs = 2,
    LasLvs = 4,
    Tib = 8,
}
