using Oso.Dossier.Rules.Evaluation;
using Oso.Dossier.Rules.Official;
using Oso.Dossier.Validation;
using Oso.Dossier.Xml;

namespace Oso.Dossier.Rules;

/// <summary>
/// The business rules of the official OSO gegevensset 2019.1 validation stylesheets, in C#: the same
/// <see cref="MeldingType.Fout"/> meldingen (code, official XPath locatie, official Dutch text), in the same
/// order, on any well-formed document — also on documents the schema rejects.
/// </summary>
/// <remarks>
/// <para>Rule codes (see <see cref="Catalog"/> for all of them with their texts):</para>
/// <list type="table">
/// <listheader><term>Code</term><description>Rule</description></listheader>
/// <item><term><c>CL2</c> … <c>CL48</c></term><description>Code list n of the common stylesheet (one code for all fields on the same list).</description></item>
/// <item><term><c>CL33</c></term><description>Code list 33, <c>deeldossier</c>: one test over the whole document, locatie <c>/[1]</c>.</description></item>
/// <item><term><c>OG.01a</c>–<c>OG.01d</c></term><description>OG.01, e-mail address: at least 4 characters, at most 256, an @, the DUO pattern (our letters: the stylesheet has four tests under one id).</description></item>
/// <item><term><c>OG.02</c>, <c>OG.03</c></term><description><c>standaardversie</c> is 2019.1; <c>lwoo_einddatum</c> matches EEJJ-07-31.</description></item>
/// <item><term><c>OG.04a</c>, <c>OG.04b</c></term><description>OG.04, date of death without (true) <c>overleden</c> (two tests).</description></item>
/// <item><term><c>OG.05a</c>–<c>OG.05c</c></term><description>OG.05, no roepnaam, geslacht or adresgeheim=true at a huisarts (three tests).</description></item>
/// <item><term><c>OS.catNN.Verplicht</c></term><description>OS.catNN: a VERPLICHT category has no data. Locatie <c>/[1]</c>.</description></item>
/// <item><term><c>OS.catNN.Verboden.x</c>, <c>OS.catNN.OptUit.x</c></term><description>OS.catNN: block x present while the category is VERBODEN or OPT-UIT. Locatie <c>/[1]</c>. The stylesheet's "OS.cat120" is <c>OS.cat12</c>.</description></item>
/// <item><term><c>OVa.*</c>, <c>OVb.*</c></term><description>The ids of the OV stylesheet's comments. Where one id covers two messages: <c>OVa.LL08.Telefoon</c>/<c>.Email</c>, <c>OVb.LL04.Telefoon</c>/<c>.Email</c>, <c>OVa.AI01.POPO</c>/<c>.POVO</c>, <c>OVa.EB03</c>/<c>OVa.EB03.Ontheffing</c>. Where the stylesheet reuses an id: <c>OVa.SL01.Leerling</c> (schoolloopbaan; <c>OVa.SL01</c> is the school address). Shared OVa/OVb tests keep the OVa id (<c>OVa.MD01</c> = OVb.MD01, <c>OVa.MD02</c> = OVb.MD02, <c>OVa.OS03</c> = OVb.OS01).</description></item>
/// <item><term><c>OVb.LL06</c>, <c>OVb.LL07</c></term><description>Derived: the stylesheet numbers the binnen-BRIN geboorteplaats and nationaliteit rules "OVb.LL??".</description></item>
/// <item><term><c>OVa.TR04</c>, <c>OVa.TR05</c>, <c>OVa.TR06</c>, <c>OVa.CL01</c></term><description>Test window relative to <c>metadata/datum</c>, and required test result content (reached only outside a leerling, see <see cref="RuleProfile.OV"/>).</description></item>
/// <item><term><c>PaO.*</c></term><description>The ids of the PaO stylesheet's comments, with <c>PaO.LL08.Telefoon</c>/<c>.Email</c> and <c>PaO.SL01.Leerling</c> as above.</description></item>
/// <item><term><c>XSLT.Afgebroken</c></term><description>Ours: where the official processor stops with a dynamic error (an invalid boolean or date it casts, a value it expects once that occurs twice) the tool reports one Fout with an empty locatie and nothing else; so do we, with a Dutch explanation and the line of the cause.</description></item>
/// </list>
/// </remarks>
public static class OfficialRules
{
    /// <summary>The code of the single melding that replaces all others when the official run would abort.</summary>
    public const string AbortCode = "XSLT.Afgebroken";

    /// <summary>Every official rule: the common rules, then the OV and the PaO profile rules, each in stylesheet order.</summary>
    public static IReadOnlyList<OfficialRule> Catalog { get; } =
    [
        .. CodeListRules.All.Where(c => c.Slot < RootSlots.Deeldossier).Select(c => c.Rule),
        DocumentRules.Deeldossier,
        .. CodeListRules.All.Where(c => c.Slot is > RootSlots.Deeldossier and < RootSlots.Communicatie).Select(c => c.Rule),
        .. ValueRules.Email,
        .. CodeListRules.All.Where(c => c.Slot == RootSlots.Standaardversie).Select(c => c.Rule),
        ValueRules.LwooEinddatum, ValueRules.OverlijdensdatumZonderKenmerk, ValueRules.OverlijdensdatumNietOverleden,
        ValueRules.HuisartsRoepnaam, ValueRules.HuisartsGeslacht, ValueRules.HuisartsAdresgeheim,
        .. CategoryRules.All,
        .. OvTemplates.Rules,
        .. PaoTemplates.Rules,
    ];

    /// <summary>
    /// Evaluates the rules of the stylesheet the official tool would choose for this document
    /// (<see cref="SelectProfile(XmlElementNode)"/>).
    /// </summary>
    /// <param name="root">The document element, as read by <see cref="SchemaValidatingReader"/> (valid or not).</param>
    /// <returns>The Fout meldingen in the official order; empty for a document that passes.</returns>
    public static IReadOnlyList<Melding> Evaluate(XmlElementNode root) => Evaluate(root, SelectProfile(root));

    /// <summary>Evaluates the rules of one stylesheet.</summary>
    /// <param name="root">The document element.</param>
    /// <param name="profile">The stylesheet.</param>
    /// <returns>The Fout meldingen in the official order; empty for a document that passes.</returns>
    public static IReadOnlyList<Melding> Evaluate(XmlElementNode root, RuleProfile profile)
    {
        ArgumentNullException.ThrowIfNull(root);
        return RuleWalker.Run(root, profile);
    }

    /// <summary>
    /// The stylesheet for a document, as the official tool chooses it: <see cref="RuleProfile.PaO"/> when the
    /// first <c>overdrachtsoort</c> holds <c>swv-dossier</c>, otherwise <see cref="RuleProfile.OV"/>. The tool
    /// searches the file's text; on the tree this agrees except for documents that hide the value from a text
    /// search (a comment or CDATA before it, a namespace declaration on the element) — use
    /// <see cref="SelectProfile(ReadOnlySpan{byte})"/> when the bytes are at hand.
    /// </summary>
    public static RuleProfile SelectProfile(XmlElementNode root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return ProfileSelector.FromTree(root);
    }

    /// <summary>The stylesheet for a document, exactly as the official tool chooses it from the file's first MiB.</summary>
    public static RuleProfile SelectProfile(ReadOnlySpan<byte> document) => ProfileSelector.FromBytes(document);
}
