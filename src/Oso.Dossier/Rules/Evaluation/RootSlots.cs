namespace Oso.Dossier.Rules.Evaluation;

/// <summary>
/// The order of the checks in the root template (<c>match="/"</c>) of <c>common/ValideerOSOgegevensset.xsl</c>.
/// The official output lists each check's meldingen together (in document order) in this order, before
/// anything the templates write.
/// </summary>
internal static class RootSlots
{
    /// <summary>Code lists 2 … 31 (25 checks).</summary>
    public const int CodeListsBefore = 0;

    /// <summary>Code list 33: <c>deeldossier</c>, tested once over the whole document.</summary>
    public const int Deeldossier = 25;

    /// <summary>Code lists 35 … 48 (28 checks).</summary>
    public const int CodeListsAfter = 26;

    /// <summary>OG.01: e-mail addresses in <c>communicatie</c>.</summary>
    public const int Communicatie = 54;

    /// <summary>OG.02: <c>standaardversie</c>.</summary>
    public const int Standaardversie = 55;

    /// <summary>OG.03: <c>lwoo_einddatum</c>.</summary>
    public const int LwooEinddatum = 56;

    /// <summary>OG.04: <c>verzorger</c> and its date of death.</summary>
    public const int Verzorger = 57;

    /// <summary>OG.05: <c>huisarts</c>.</summary>
    public const int Huisarts = 58;

    /// <summary>OS.cat01–16.</summary>
    public const int Categories = 59;

    /// <summary>The number of slots.</summary>
    public const int Count = 60;
}
