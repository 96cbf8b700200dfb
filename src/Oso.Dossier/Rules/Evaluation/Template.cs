using Oso.Dossier.Rules.Xpath;
using Oso.Dossier.Xml;

namespace Oso.Dossier.Rules.Evaluation;

/// <summary>
/// An <c>xsl:template</c> of a profile stylesheet: it matches <c>od:{Name}</c> anywhere (or, for the
/// patterns <c>//od:dossier/od:metadata</c> and <c>//od:dossier/od:inzage</c>, only with an <c>od:dossier</c>
/// parent), runs its checks, and continues into the children only when it calls <c>xsl:apply-templates</c>.
/// Elements without a template of their own go through the built-in recursion.
/// </summary>
internal sealed class Template(string name, bool appliesTemplates, Action<XmlElementNode, RuleRun> apply, bool onlyUnderDossier = false)
{
    /// <summary>The matched local name.</summary>
    public string Name { get; } = name;

    /// <summary>False for templates that do not call <c>xsl:apply-templates</c>: their descendants are not visited.</summary>
    public bool AppliesTemplates { get; } = appliesTemplates;

    public bool Matches(XmlElementNode e) => !onlyUnderDossier || Od.Is(e.Parent, "dossier");

    public void Apply(XmlElementNode e, RuleRun run) => apply(e, run);
}
