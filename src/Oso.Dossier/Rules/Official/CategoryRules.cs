using System.Collections.Frozen;
using Oso.Dossier.Rules.Evaluation;
using Oso.Dossier.Rules.Xpath;
using Oso.Dossier.Xml;

namespace Oso.Dossier.Rules.Official;

/// <summary>
/// OS.cat01–OS.cat16 (common stylesheet): a category marked VERPLICHT in <c>categorie_uitlevering</c> must
/// have data, one marked VERBODEN or OPT-UIT must have none. The stylesheet tests these with the document
/// node as context (locatie <c>/[1]</c>), over <c>//od:dossier/od:metadata/od:categorie_uitlevering/od:cat_*</c>
/// (string values: text split by comments still counts) and the blocks under <c>//od:dossier</c>.
/// OS.cat03 (school) and OS.cat04 (leerling) have no rule: the schema requires those blocks.
/// </summary>
internal static class CategoryRules
{
    /// <summary>Where a tested block sits: under <c>dossier</c>, <c>dossier/huidigeschool/leerling</c> or its <c>onderwijsondersteuning</c>.</summary>
    internal enum Scope { Dossier, Leerling, Ondersteuning }

    internal sealed record Block(Scope Scope, string Name, int Bit);

    private static readonly List<Block> Blocks = [];
    private static readonly FrozenDictionary<string, Block> DossierBlocks;
    private static readonly FrozenDictionary<string, Block> LeerlingBlocks;
    private static readonly FrozenDictionary<string, Block> OndersteuningBlocks;

    /// <summary>One category: its <c>cat_*</c> element and its rules in the stylesheet's order.</summary>
    internal sealed record Category(string Element, OfficialRule? Verplicht, IReadOnlyList<Block> Required,
        IReadOnlyList<(Block Block, OfficialRule Verboden, OfficialRule OptUit)> Forbidden);

    /// <summary>The categories that have rules, in the stylesheet's order.</summary>
    public static IReadOnlyList<Category> Categories { get; }

    private static readonly FrozenDictionary<string, int> CategoryIndex;

    /// <summary>The local names this module must see during the walk.</summary>
    public static IEnumerable<string> ElementNames => Blocks.Select(b => b.Name).Concat(Categories.Select(c => c.Element)).Distinct();

    /// <summary>Every rule, in order.</summary>
    public static IEnumerable<OfficialRule> All =>
        Categories.SelectMany(c => (c.Verplicht is null ? [] : new[] { c.Verplicht })
            .Concat(c.Forbidden.Select(f => f.Verboden)).Concat(c.Forbidden.Select(f => f.OptUit)));

    static CategoryRules()
    {
        Block D(string name) => Add(Scope.Dossier, name);
        Block L(string name) => Add(Scope.Leerling, name);
        Block O(string name) => Add(Scope.Ondersteuning, name);

        const string Is = " wanneer deze categorie is ";
        Categories =
        [
            Cat("OS.cat01", "cat_metadata", "Metadata", [D("metadata"), D("overdrachtsoort")],
                (D("metadata"), "Een dossier mag geen gegevens uit de categorie \"Metadata\" bevatten" + Is),
                (D("overdrachtsoort"), "Een dossier mag geen gegevens over de overdracht uit de categorie \"Metadata\" bevatten" + Is)),
            Cat("OS.cat02", "cat_ouderinzage", "Ouderinzage", [D("inzage")],
                (D("inzage"), "Een dossier mag geen gegevens uit de categorie \"Ouderinzage\" bevatten" + Is)),
            Cat("OS.cat05", "cat_oudersverzorgers", "Ouders/Verzorgers", [L("verzorgersaansprakelijk"), L("verzorger"), L("aansprakelijkeinstelling")],
                (L("verzorgersaansprakelijk"), "Een dossier mag geen gegevens uit de categorie \"Ouders/Verzorgers\" bevatten" + Is),
                (L("verzorger"), "Een dossier mag geen ouders/verzorger gegevens uit de categorie \"Ouders/Verzorgers\" bevatten" + Is),
                (L("aansprakelijkeinstelling"), "Een dossier mag geen aansprakelijke instelling gegevens bevatten uit de categorie \"Ouders/Verzorgers\" bevatten" + Is)),
            Cat("OS.cat06", "cat_vve", "VVE", [L("vanpeuterspeelzaal"), L("naampeuterspeelzaal"), L("voorschools"), L("vroegschools")],
                (L("vanpeuterspeelzaal"), "Een dossier mag geen PSZ gegevens uit de categorie \"VVE\" bevatten" + Is),
                (L("naampeuterspeelzaal"), "Een dossier mag geen PSZ naam uit de categorie \"VVE\" bevatten" + Is),
                (L("voorschools"), "Een dossier mag geen Voorschoolse educatie gegevens uit de categorie \"VVE\" bevatten" + Is),
                (L("vroegschools"), "Een dossier mag geen Vroegschoolse educatie gegevens uit de categorie \"VVE\" bevatten" + Is)),
            Simple("OS.cat07", "cat_schoolloopbaan", "Schoolloopbaan", L("schoolloopbaanlijst")),
            Simple("OS.cat08", "cat_overstapadvies", "Overstapadvies", L("overstapadvies")),
            Cat("OS.cat09", "cat_onderwijsondersteuning", "Onderwijsondersteuning",
                [O("toelichting_onderwijsbehoeften"), O("diagnose"), O("medicijngebruik"), O("opp"), O("tlv"),
                 O("arrangement_cluster12"), O("arrangement_pao"), O("lwoo"), O("rvc")],
                // the stylesheet tests 'toelichting_onderwijsbehoefte' (without n) here, an element that does not exist
                (O("toelichting_onderwijsbehoefte"), "Een dossier mag geen \"Toelichting onderwijsbehoeften\" uit de categorie \"Onderwijsondersteuning\" bevatten" + Is),
                (O("diagnose"), "Een dossier mag geen Diagnose-gegevens uit de categorie \"Onderwijsondersteuning\" bevatten" + Is),
                (O("medicijngebruik"), "Een dossier mag het gegeven Medicijngebruik uit de categorie \"Onderwijsondersteuning\" niet bevatten" + Is),
                (O("opp"), "Een dossier mag geen OPP uit de categorie \"Onderwijsondersteuning\" bevatten" + Is),
                (O("tlv"), "Een dossier mag geen TLV-gegevens uit de categorie \"Onderwijsondersteuning\" bevatten" + Is),
                (O("arrangement_cluster12"), "Een dossier mag geen gegevens m.b.t. arrangement (cluster 1 en 2) uit de categorie \"Onderwijsondersteuning\" bevatten" + Is),
                (O("arrangement_pao"), "Een dossier mag geen gegevens m.b.t. arrangement (passend onderwijs) uit de categorie \"Onderwijsondersteuning\" bevatten" + Is),
                (O("lwoo"), "Een dossier mag geen LWOO-aanwijzing uit de categorie \"Onderwijsondersteuning\" bevatten" + Is),
                (O("rvc"), "Een dossier mag geen RVC-gegevens uit de categorie \"Onderwijsondersteuning\" bevatten" + Is)),
            Simple("OS.cat10", "cat_verzuim", "Verzuim", L("verzuim")),
            Simple("OS.cat11", "cat_eindtoetsbo", "Eindtoets bo", L("eindtoets_basisonderwijs")),
            Simple("OS.cat12", "cat_toetsresultaten", "Toetsresultaten", L("toetslijst")),
            Simple("OS.cat13", "cat_handelingsplannen", "Handelingsplannen", O("handelingsplan")),
            // the official VERPLICHT message of this category says "mag geen" (sic)
            Cat("OS.cat14", "cat_cijferlijsten", "Een dossier mag geen gegevens uit de categorie \"Cijferlijsten\" bevatten wanneer deze categorie verplicht is.",
                [L("cijferlijstlijst")], (L("cijferlijstlijst"), "Een dossier mag geen gegevens uit de categorie \"Cijferlijsten\" bevatten" + Is)),
            Cat("OS.cat15", "cat_vombo", "VO-MBO",
                [L("bevorderd"), L("examenresultaat"), L("resultaatvakkenvo"), L("certificaat"), L("competenties"), L("stage"), L("overigvombo")],
                (L("bevorderd"), "Een dossier mag geen Bevorderd gegevens uit de categorie \"VO-MBO\" bevatten" + Is),
                (L("examenresultaat"), "Een dossier mag geen Examens en uitslagen uit de categorie \"VO-MBO\" bevatten" + Is),
                (L("resultaatvakkenvo"), "Een dossier mag geen VO vakken en resultaten uit de categorie \"VO-MBO\" bevatten" + Is),
                (L("certificaat"), "Een dossier mag geen Certificaat gegevens uit de categorie \"VO-MBO\" bevatten" + Is),
                (L("competenties"), "Een dossier mag geen Competentie gegevens uit de categorie \"VO-MBO\" bevatten" + Is),
                (L("stage"), "Een dossier mag geen Stage gegevens uit de categorie \"VO-MBO\" bevatten" + Is),
                (L("overigvombo"), "Een dossier mag geen Overige VO-MBO gegevens uit de categorie \"VO-MBO\" bevatten" + Is)),
            Simple("OS.cat16", "cat_bijlagedocs", "Bijlagedocumenten", L("overigdocumentlijst")),
        ];
        DossierBlocks = Blocks.Where(b => b.Scope == Scope.Dossier).ToFrozenDictionary(b => b.Name);
        LeerlingBlocks = Blocks.Where(b => b.Scope == Scope.Leerling).ToFrozenDictionary(b => b.Name);
        OndersteuningBlocks = Blocks.Where(b => b.Scope == Scope.Ondersteuning).ToFrozenDictionary(b => b.Name);
        CategoryIndex = Categories.Select((c, i) => (c.Element, i)).ToFrozenDictionary(x => x.Element, x => x.i);
    }

    private static Block Add(Scope scope, string name)
    {
        var existing = Blocks.FirstOrDefault(b => b.Scope == scope && b.Name == name);
        if (existing is not null) return existing;
        var block = new Block(scope, name, Blocks.Count);
        Blocks.Add(block);
        return block;
    }

    // "titel" is the category's quoted name; a full sentence is used as is (OS.cat14)
    private static Category Cat(string id, string element, string titel, Block[] required, params (Block Block, string Stem)[] forbidden)
    {
        var verplicht = titel.EndsWith('.')
            ? titel
            : $"Een dossier moet gegevens uit de categorie \"{titel}\" bevatten wanneer deze categorie verplicht is.";
        return new Category(element, Rule(id + ".Verplicht", verplicht), required,
            [.. forbidden.Select(f => (f.Block, Rule($"{id}.Verboden.{f.Block.Name}", f.Stem + "verboden."), Rule($"{id}.OptUit.{f.Block.Name}", f.Stem + "uitgezet.")))]);
    }

    private static Category Simple(string id, string element, string titel, Block block) =>
        Cat(id, element, titel, [block], (block, $"Een dossier mag geen gegevens uit de categorie \"{titel}\" bevatten wanneer deze categorie is "));

    private static OfficialRule Rule(string code, string tekst) => new(code, tekst, OfficialRuleSource.Gegevensset);

    /// <summary>Records a category value or block when the element sits where the rules look.</summary>
    public static void Collect(XmlElementNode e, CategoryFacts facts)
    {
        var p = e.Parent;
        if (p is null || !Od.InNamespace(p)) return;
        switch (p.LocalName)
        {
            case "dossier":
                if (DossierBlocks.TryGetValue(e.LocalName, out var d)) facts.Present |= 1UL << d.Bit;
                break;
            case "leerling" when Od.Is(p.Parent, "huidigeschool") && Od.Is(p.Parent!.Parent, "dossier"):
                if (LeerlingBlocks.TryGetValue(e.LocalName, out var l)) facts.Present |= 1UL << l.Bit;
                break;
            case "onderwijsondersteuning" when Od.Is(p.Parent, "leerling") && Od.Is(p.Parent!.Parent, "huidigeschool") && Od.Is(p.Parent.Parent!.Parent, "dossier"):
                if (OndersteuningBlocks.TryGetValue(e.LocalName, out var o)) facts.Present |= 1UL << o.Bit;
                break;
            case "categorie_uitlevering" when Od.Is(p.Parent, "metadata") && Od.Is(p.Parent!.Parent, "dossier"):
                if (CategoryIndex.TryGetValue(e.LocalName, out var c)) facts.AddValue(c, Od.StringValue(e));
                break;
        }
    }

    /// <summary>Runs OS.cat01–16 over the collected facts.</summary>
    public static void Evaluate(RuleRun run)
    {
        var facts = run.Facts.Categories;
        for (var i = 0; i < Categories.Count; i++)
        {
            var category = Categories[i];
            if (facts.Has(i, CategoryValue.Verplicht) && !category.Required.Any(b => facts.IsPresent(b.Bit)))
                run.ReportDocument(RootSlots.Categories, category.Verplicht!);
            if (facts.Has(i, CategoryValue.Verboden))
                foreach (var f in category.Forbidden)
                    if (facts.IsPresent(f.Block.Bit)) run.ReportDocument(RootSlots.Categories, f.Verboden);
            if (facts.Has(i, CategoryValue.OptUit))
                foreach (var f in category.Forbidden)
                    if (facts.IsPresent(f.Block.Bit)) run.ReportDocument(RootSlots.Categories, f.OptUit);
        }
    }
}
