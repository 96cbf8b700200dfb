using Oso.Dossier.Rules.Xpath;
using Oso.Dossier.Validation;
using Oso.Dossier.Xml;

namespace Oso.Dossier.Rules.Evaluation;

/// <summary>
/// The state of one evaluation: the document facts, the meldingen per output slot, the template output and
/// the first dynamic error. The official stylesheet writes its root-template checks rule by rule (each in
/// document order) and then the template output; one tree walk fills the slots of the first and records the
/// template visits for the second, and <see cref="Result"/> joins them in the official order.
/// </summary>
internal sealed class RuleRun(RuleProfile profile)
{
    /// <summary>The phase of errors raised while the templates run (after every root-template check).</summary>
    public const int TemplatePhase = int.MaxValue;

    private readonly List<Melding>?[] _slots = new List<Melding>?[RootSlots.Count];
    private List<Melding>? _templates;
    private (int Phase, Melding Melding)? _failure;

    public RuleProfile Profile { get; } = profile;

    public DocumentFacts Facts { get; } = new();

    /// <summary>True once an expression raised a dynamic error: the official run is aborted.</summary>
    public bool Failed => _failure is not null;

    /// <summary>A root-template check fired with this element as context.</summary>
    public void Report(int slot, OfficialRule rule, XmlElementNode context) =>
        (_slots[slot] ??= []).Add(Create(rule, context));

    /// <summary>A root-template check fired with the document node as context (locatie <c>/[1]</c>).</summary>
    public void ReportDocument(int slot, OfficialRule rule) =>
        (_slots[slot] ??= []).Add(new Melding(MeldingType.Fout, rule.Code, DocumentLocatie, 0, 0, rule.Tekst));

    /// <summary>A template check fired.</summary>
    public void Report(OfficialRule rule, XmlElementNode context) => (_templates ??= []).Add(Create(rule, context));

    /// <summary>
    /// An expression raised a dynamic error (XPTY0004, FORG0001): the official processor aborts the whole run
    /// and the tool reports one Fout with an empty locatie. The first error in evaluation order is kept.
    /// </summary>
    public void Fail(int phase, XmlElementNode node, string reason)
    {
        if (_failure is { } f && f.Phase <= phase) return;
        _failure = (phase, new Melding(MeldingType.Fout, OfficialRules.AbortCode, "", node.Line, node.Column,
            $"De officiële validatie breekt hier af ({node.XPath}): {reason}. De officiële validator meldt dan alleen deze fout; los haar op om de andere regels te laten controleren."));
    }

    /// <summary><c>xs:boolean(od:{child})</c>: null when absent; a dynamic error when repeated or not a boolean.</summary>
    public bool? Boolean(int phase, XmlElementNode parent, string child)
    {
        var n = Od.Count(parent, child, out var first);
        if (n == 0) return null;
        if (n > 1)
        {
            Fail(phase, parent, $"'{child}' komt {n} keer voor waar de regel één waarde verwacht");
            return null;
        }
        var text = Od.StringValue(first!);
        if (XsText.TryParseBoolean(text, out var value)) return value;
        Fail(phase, first!, $"'{XsText.Quote(text)}' is geen geldige booleaanse waarde (true, false, 1 of 0)");
        return null;
    }

    /// <summary><c>xs:string(od:{child})</c>: null when absent; a dynamic error when repeated.</summary>
    public string? String(int phase, XmlElementNode parent, string child)
    {
        var n = Od.Count(parent, child, out var first);
        if (n == 0) return null;
        if (n > 1)
        {
            Fail(phase, parent, $"'{child}' komt {n} keer voor waar de regel één waarde verwacht");
            return null;
        }
        return Od.StringValue(first!);
    }

    /// <summary>The official output: every root-template slot in order, then the template output; or only the abort.</summary>
    public IReadOnlyList<Melding> Result()
    {
        if (_failure is { } failure) return [failure.Melding];
        var total = _templates?.Count ?? 0;
        foreach (var slot in _slots) total += slot?.Count ?? 0;
        if (total == 0) return [];
        var result = new List<Melding>(total);
        foreach (var slot in _slots)
            if (slot is not null) result.AddRange(slot);
        if (_templates is not null) result.AddRange(_templates);
        return result;
    }

    private const string DocumentLocatie = "/[1]";

    private static Melding Create(OfficialRule rule, XmlElementNode context) =>
        new(MeldingType.Fout, rule.Code, context.XPath, context.Line, context.Column, rule.Tekst);
}
