using System.Collections.Frozen;
using Oso.Dossier.Rules.Official;
using Oso.Dossier.Rules.Xpath;
using Oso.Dossier.Validation;
using Oso.Dossier.Xml;

namespace Oso.Dossier.Rules.Evaluation;

/// <summary>
/// Runs the official rules in one walk over the tree. Each <c>od:</c> element is looked up once by local
/// name; the entry holds the root-template checks and fact collectors for that name (each checks its own
/// parent chain) and the profile templates that may match it. The walk also tracks which elements the
/// stylesheet's <c>xsl:apply-templates</c> recursion reaches, and records template visits in document order;
/// those run after the walk, when the document facts they depend on are complete.
/// </summary>
internal static class RuleWalker
{
    private sealed class Entry
    {
        public List<Action<XmlElementNode, RuleRun>> Building { get; } = [];
        public Action<XmlElementNode, RuleRun>[] Rules { get; set; } = [];
        public Template? Ov { get; set; }
        public Template? Pao { get; set; }
    }

    private static readonly FrozenDictionary<string, Entry> ByName = Build();

    private static FrozenDictionary<string, Entry> Build()
    {
        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        Entry For(string name) => entries.TryGetValue(name, out var e) ? e : entries[name] = new Entry();

        foreach (var check in CodeListRules.All) For(check.Element).Building.Add(check.Visit);
        For("communicatie").Building.Add(ValueRules.Communicatie);
        For("lwoo_einddatum").Building.Add(ValueRules.LwooEinde);
        For("verzorger").Building.Add(ValueRules.Verzorger);
        For("huisarts").Building.Add(ValueRules.Huisarts);
        For("overdrachtsoort").Building.Add(FactCollectors.Overdrachtsoort);
        For("overstap").Building.Add(FactCollectors.Overstap);
        For("deeldossier").Building.Add(FactCollectors.Deeldossier);
        For("soort").Building.Add(FactCollectors.Soort);
        For("datum").Building.Add(FactCollectors.Datum);
        For("inzage").Building.Add(FactCollectors.Inzage);
        foreach (var name in CategoryRules.ElementNames) For(name).Building.Add(static (e, run) => CategoryRules.Collect(e, run.Facts.Categories));
        foreach (var t in OvTemplates.All) For(t.Name).Ov = t;
        foreach (var t in PaoTemplates.All) For(t.Name).Pao = t;
        foreach (var entry in entries.Values) entry.Rules = [.. entry.Building];
        return entries.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public static IReadOnlyList<Melding> Run(XmlElementNode root, RuleProfile profile)
    {
        var run = new RuleRun(profile);
        var ov = profile == RuleProfile.OV;
        List<(Template Template, XmlElementNode Node)>? visits = null;
        var stack = new Stack<(XmlElementNode Node, bool Reached)>();
        stack.Push((root, true));
        while (stack.TryPop(out var item))
        {
            var (e, reached) = item;
            var childrenReached = reached;
            if (Od.InNamespace(e) && ByName.TryGetValue(e.LocalName, out var entry))
            {
                foreach (var rule in entry.Rules) rule(e, run);
                if (reached && (ov ? entry.Ov : entry.Pao) is { } template && template.Matches(e))
                {
                    (visits ??= []).Add((template, e));
                    childrenReached = template.AppliesTemplates;
                }
            }
            var children = e.Elements;
            for (var i = children.Count - 1; i >= 0; i--) stack.Push((children[i], childrenReached));
        }

        DocumentRules.Evaluate(run);
        if (visits is not null)
            foreach (var (template, node) in visits) template.Apply(node, run);
        return run.Result();
    }
}
