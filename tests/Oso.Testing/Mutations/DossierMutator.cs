using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Oso.Testing.Mutations;

/// <summary>A mutated copy of an official example dossier.</summary>
/// <param name="Name">A file name that identifies seed, number and base example.</param>
/// <param name="Example">The example it was made from.</param>
/// <param name="Mutations">What was done, in order.</param>
/// <param name="Xml">The document.</param>
public sealed record Variant(string Name, string Example, IReadOnlyList<string> Mutations, string Xml);

/// <summary>
/// Makes variants of the official example dossiers, deterministically from a seed: structural changes
/// (delete, duplicate, reorder, move, rename, other namespace, insert), field values (codes in and outside
/// the code lists, dates at the edges of the test window and invalid ones, booleans in every spelling,
/// empty, padded and very long text, text split by comments or in CDATA), profile and category flags,
/// inzage and consent flags — one to four at a time. The result is always well-formed XML. Given the official
/// schema's <see cref="SchemaFacets"/>, it also makes schema mutations (see DossierMutator.Schema.cs).
/// </summary>
public sealed partial class DossierMutator
{
    private const string Od = "http://www.edustandaard.nl/oso_gegevensset/2019/dossier";

    private static readonly string[] CommunicatieFields = ["geheim", "soort", "nummer"];
    private static readonly string[] Soorten = ["telefoon", "e-mail", "fax", ""];

    private readonly Random _random;
    private readonly int _seed;
    private readonly List<(string Name, XDocument Document)> _examples;
    private readonly SchemaFacets? _facets;
    private int _count;

    /// <param name="seed">The seed: the same seed and examples give the same variants.</param>
    /// <param name="examples">The base documents by name (the official examples).</param>
    public DossierMutator(int seed, IEnumerable<(string Name, string Xml)> examples)
    {
        _seed = seed;
        _random = new Random(seed);
        _examples = [.. examples.Select(e => (e.Name, Parse(e.Xml)))];
    }

    /// <param name="seed">The seed: the same seed, examples and schema give the same variants.</param>
    /// <param name="examples">The base documents by name (the official examples).</param>
    /// <param name="facets">The official schema's simple types: adds values at and beyond their facets, text where only
    /// elements may be, elements where only text may be, emptied elements and attributes to the mutations.</param>
    public DossierMutator(int seed, IEnumerable<(string Name, string Xml)> examples, SchemaFacets facets)
        : this(seed, examples) => _facets = facets;

    /// <summary>The next variant.</summary>
    public Variant Next()
    {
        var (name, example) = _examples[_random.Next(_examples.Count)];
        var doc = new XDocument(example);
        var mutations = new List<string>();
        var wanted = _random.Next(100) switch { < 45 => 1, < 75 => 2, < 92 => 3, _ => 4 };
        for (var attempts = 0; mutations.Count < wanted && attempts < 20; attempts++)
            if (Mutate(doc) is { } done) mutations.Add(done);
        var id = $"s{_seed}-{_count++:D5}-{Path.GetFileNameWithoutExtension(name)}.xml";
        return new Variant(id, name, mutations, Serialize(doc));
    }

    /// <summary>The next <paramref name="count"/> variants.</summary>
    public IEnumerable<Variant> Take(int count)
    {
        for (var i = 0; i < count; i++) yield return Next();
    }

    private string? Mutate(XDocument doc)
    {
        var all = doc.Root!.Descendants().ToList();
        if (all.Count == 0) return null;
        // without facets the draw is as it always was, so that a seed keeps giving the same variants
        return _random.Next(_facets is null ? 27 : 27 + SchemaMutationKinds) switch
        {
            0 => Delete(PickTarget(all)),
            1 => DeleteAll(PickTarget(all)),
            2 => Duplicate(PickTarget(all)),
            3 => Reorder(PickTarget(all)),
            4 => Move(doc, PickTarget(all)),
            5 or 6 => Hoist(doc),
            7 or 8 or 9 => SetValue(doc, PickLeaf(all)),
            10 => SplitText(PickLeaf(all)),
            11 => Cdata(PickLeaf(all)),
            12 => OtherNamespace(PickTarget(all)),
            13 => Rename(PickTarget(all), all),
            14 or 15 => Insert(doc),
            16 => SetNamed(doc, "overstap", ValuePools.Overstap),
            17 => SetNamed(doc, "overdrachtsoort", ValuePools.Overdrachtsoort),
            18 => SetCategory(doc),
            19 => CategoryScenario(doc),
            20 => SetInzage(doc),
            21 => SetCommunicatie(doc),
            22 => SetNamed(doc, "validatieversie", ValuePools.Codes),
            23 => SetFlag(all),
            24 or 25 => PupilScenario(doc),
            26 => SetNamed(doc, "deeldossier", ValuePools.Deeldossier),
            var kind => SchemaMutation(kind - 27, doc, all),
        };
    }

    // ------------------------------------------------------------------ structure

    private static string Delete(XElement e)
    {
        var path = PathOf(e);
        e.Remove();
        return "delete " + path;
    }

    // every sibling of the same name: a leerling has several voornaam elements, for instance
    private static string DeleteAll(XElement e)
    {
        var path = PathOf(e);
        e.Parent!.Elements(e.Name).ToList().ForEach(x => x.Remove());
        return "delete all " + path;
    }

    private static string Duplicate(XElement e)
    {
        e.AddAfterSelf(new XElement(e));
        return "duplicate " + PathOf(e);
    }

    private string? Reorder(XElement e)
    {
        var parent = e.Parent;
        if (parent is null || parent.Elements().Count() < 2) return null;
        e.Remove();
        var siblings = parent.Elements().ToList();
        var at = _random.Next(siblings.Count + 1);
        if (at == siblings.Count) siblings[^1].AddAfterSelf(e);
        else siblings[at].AddBeforeSelf(e);
        return $"reorder {PathOf(e)}";
    }

    private string? Move(XDocument doc, XElement e)
    {
        // half of the time to an ancestor (out of leerling, out of a list), else anywhere outside itself
        var targets = _random.Next(2) == 0
            ? e.Ancestors().Skip(1).ToList()
            : doc.Root!.DescendantsAndSelf().Where(t => t != e && !t.Ancestors().Contains(e)).ToList();
        if (targets.Count == 0) return null;
        var target = Pick(targets);
        var from = PathOf(e);
        e.Remove();
        InsertChild(target, e);
        return $"move {from} -> {PathOf(e)}";
    }

    // The OV rules judge toets, verzorger, overstapadvies, eindtoets … only outside a leerling: take one out
    // (to the dossier or the school), a toets with edge dates
    private string? Hoist(XDocument doc)
    {
        var candidates = doc.Root!.Descendants().Where(e => ValuePools.HoistNames.Contains(e.Name.LocalName) && e.Name.NamespaceName == Od)
            .GroupBy(e => e.Name.LocalName).ToList();
        if (candidates.Count == 0) return null;
        var e = Pick(Pick(candidates).ToList());
        e.Remove();
        var targets = new[] { doc.Root!, doc.Root!.Element(XName.Get("huidigeschool", Od)) ?? doc.Root! };
        InsertChild(Pick(targets), e);
        var year = DossierYear(doc);
        foreach (var d in e.Descendants(XName.Get("afnamedatum", Od)))
            if (_random.Next(2) == 0) d.Value = Pick(ValuePools.Dates(year));
        var strip = _random.Next(2) == 0;
        foreach (var child in e.Elements().ToList())
        {
            if (_random.Next(strip ? 2 : 6) == 0) child.Remove();
            else if (ValuePools.BooleanElements.Contains(child.Name.LocalName) && _random.Next(2) == 0) child.Value = Pick(ValuePools.ValidBooleans);
        }
        return $"hoist {e.Name.LocalName} -> {PathOf(e)}{(strip ? " (stripped)" : "")}";
    }

    // a category set to VERPLICHT, VERBODEN or OPT-UIT, and its blocks removed or one added
    private string? CategoryScenario(XDocument doc)
    {
        var (category, blocks) = Pick(ValuePools.CategoryBlocks);
        var cat = doc.Descendants(XName.Get(category, Od)).FirstOrDefault();
        var leerling = doc.Descendants(XName.Get("leerling", Od)).FirstOrDefault();
        if (cat is null || leerling is null) return null;
        cat.Value = Pick(ValuePools.CategoryFlags);
        var names = blocks.Select(b => b.TrimStart('~', '^')).ToHashSet();
        var present = doc.Root!.Elements().Concat(leerling.Descendants()).Where(x => names.Contains(x.Name.LocalName) && x.Parent is not null
            && (x.Parent == leerling || x.Parent == doc.Root || x.Parent.Name.LocalName == "onderwijsondersteuning")).ToList();
        if (_random.Next(2) == 0 && present.Count > 0)
        {
            present.ForEach(x => x.Remove());
            return $"category {category}='{cat.Value}', removed {string.Join(",", present.Select(x => x.Name.LocalName))}";
        }
        var block = Pick(blocks);
        var parent = block[0] switch
        {
            '~' => leerling.Element(XName.Get("onderwijsondersteuning", Od)) ?? leerling,
            '^' => doc.Root!,
            _ => leerling,
        };
        var added = new XElement(XName.Get(block.TrimStart('~', '^'), Od));
        InsertChild(parent, added);
        return $"category {category}='{cat.Value}', added {PathOf(added)}";
    }

    private string OtherNamespace(XElement e)
    {
        var ns = Pick(ValuePools.ForeignNamespaces);
        e.Name = XName.Get(e.Name.LocalName, ns);
        return $"namespace '{ns}' on {PathOf(e)}";
    }

    private string Rename(XElement e, List<XElement> all)
    {
        var name = _random.Next(3) == 0 ? e.Name.LocalName + "x" : Pick(all).Name.LocalName;
        var from = PathOf(e);
        e.Name = XName.Get(name, e.Name.NamespaceName);
        return $"rename {from} -> {name}";
    }

    private string? Insert(XDocument doc)
    {
        var (parent, child, value) = Pick(ValuePools.Insertions);
        var parents = doc.Descendants(XName.Get(parent, Od)).ToList();
        if (doc.Root!.Name.LocalName == parent) parents.Add(doc.Root);
        if (parents.Count == 0) return null;
        var p = Pick(parents);
        var e = new XElement(XName.Get(child, Od));
        if (value.StartsWith('<')) e.Add(Parse($"<x xmlns=\"{Od}\">{value}</x>").Root!.Nodes());
        else e.Value = value;
        InsertChild(p, e);
        return $"insert {PathOf(e)} = '{value}'";
    }

    // ------------------------------------------------------------------ values

    private string? SetValue(XDocument doc, XElement? e)
    {
        if (e is null) return null;
        var name = e.Name.LocalName;
        var value = name switch
        {
            _ when ValuePools.BooleanElements.Contains(name) => Pick(ValuePools.Booleans),
            _ when name.Contains("datum", StringComparison.Ordinal) => Pick(ValuePools.Dates(DossierYear(doc))),
            "advies" or "wensouders" or "wensleerling" or "herzienadvies" => Pick(ValuePools.Advies),
            "nummer" when _random.Next(2) == 0 => Pick(ValuePools.Emails),
            "akkoord" or "toestemming" => Pick(ValuePools.Akkoord),
            _ => _random.Next(6) switch
            {
                0 => "  " + e.Value + " ",
                1 => new string('x', 300 + _random.Next(10)),
                2 => Pick(ValuePools.Generic),
                _ => Pick(ValuePools.Codes),
            },
        };
        e.Value = value;
        return $"set {PathOf(e)} = '{Show(value)}'";
    }

    // the pupil's address secrecy, liability of the parents and the fields the profile rules require or forbid
    private string? PupilScenario(XDocument doc)
    {
        var leerlingen = doc.Descendants(XName.Get("leerling", Od)).ToList();
        if (leerlingen.Count == 0) return null;
        var l = Pick(leerlingen);
        var done = new List<string>();
        foreach (var flag in new[] { "adresgeheim", "verzorgersaansprakelijk" })
        {
            if (_random.Next(2) == 0 || l.Element(XName.Get(flag, Od)) is not { } e) continue;
            e.Value = Pick(ValuePools.ValidBooleans);
            done.Add($"{flag}='{e.Value}'");
        }
        for (var i = _random.Next(3); i >= 0; i--)
        {
            var name = Pick(ValuePools.PupilFields);
            var present = l.Elements(XName.Get(name, Od)).ToList();
            if (present.Count == 0) continue;
            present.ForEach(x => x.Remove());
            done.Add("no " + name);
        }
        return done.Count == 0 ? null : $"pupil {PathOf(l)}: {string.Join(", ", done)}";
    }

    // a yes/no field (adresgeheim, verzorgersaansprakelijk, contactnodig, …), mostly to a valid value
    private string? SetFlag(List<XElement> all)
    {
        var flags = all.Where(e => ValuePools.BooleanElements.Contains(e.Name.LocalName)).GroupBy(e => e.Name.LocalName).ToList();
        if (flags.Count == 0) return null;
        var e = Pick(Pick(flags).ToList());
        e.Value = _random.Next(10) < 7 ? Pick(ValuePools.ValidBooleans) : Pick(ValuePools.Booleans);
        return $"flag {PathOf(e)} = '{Show(e.Value)}'";
    }

    private string? SetNamed(XDocument doc, string localName, string[] pool)
    {
        var targets = doc.Descendants(XName.Get(localName, Od)).ToList();
        if (targets.Count == 0) return null;
        var e = Pick(targets);
        e.Value = Pick(pool);
        return $"set {PathOf(e)} = '{Show(e.Value)}'";
    }

    private string? SetCategory(XDocument doc)
    {
        var cats = doc.Descendants().Where(e => e.Name.LocalName.StartsWith("cat_", StringComparison.Ordinal)).ToList();
        if (cats.Count == 0) return null;
        var changed = new List<string>();
        for (var i = 0; i < 1 + _random.Next(3); i++)
        {
            var e = Pick(cats);
            e.Value = Pick(ValuePools.Category);
            changed.Add($"{e.Name.LocalName}='{Show(e.Value)}'");
        }
        return "categories " + string.Join(", ", changed);
    }

    private string? SetInzage(XDocument doc)
    {
        var fields = doc.Descendants(XName.Get("inzage", Od)).SelectMany(i => i.Elements()).ToList();
        if (fields.Count == 0) return null;
        var e = Pick(fields);
        if (e.Name.LocalName == "redennietakkoord" || _random.Next(5) == 0) return Delete(e);
        e.Value = e.Name.LocalName switch
        {
            "akkoord" or "toestemming" => Pick(ValuePools.Akkoord),
            "inzagedatum" => Pick(ValuePools.Dates(DossierYear(doc))),
            _ => Pick(ValuePools.Booleans),
        };
        return $"inzage {PathOf(e)} = '{Show(e.Value)}'";
    }

    private string? SetCommunicatie(XDocument doc)
    {
        var all = doc.Descendants(XName.Get("communicatie", Od)).ToList();
        if (all.Count == 0) return null;
        var c = Pick(all);
        var field = Pick(CommunicatieFields);
        var e = c.Element(XName.Get(field, Od));
        if (e is null)
        {
            e = new XElement(XName.Get(field, Od));
            InsertChild(c, e);
        }
        e.Value = field switch
        {
            "geheim" => Pick(ValuePools.Booleans),
            "soort" => Pick(Soorten),
            _ => c.Element(XName.Get("soort", Od))?.Value == "e-mail" ? Pick(ValuePools.Emails) : Pick(ValuePools.Phones),
        };
        return $"communicatie {PathOf(e)} = '{Show(e.Value)}'";
    }

    private string? SplitText(XElement? e)
    {
        if (e is null || e.Value.Length == 0) return null;
        var text = e.Value;
        var at = _random.Next(text.Length + 1);
        XNode separator = _random.Next(3) == 0 ? new XProcessingInstruction("pi", "x") : new XComment("c");
        e.ReplaceNodes(new XText(text[..at]), separator, new XText(text[at..]));
        e.Nodes().OfType<XText>().Where(t => t.Value.Length == 0).ToList().ForEach(t => t.Remove());
        return $"split {PathOf(e)} at {at}";
    }

    private static string? Cdata(XElement? e)
    {
        if (e is null) return null;
        e.ReplaceNodes(new XCData(e.Value));
        return $"cdata {PathOf(e)}";
    }

    // ------------------------------------------------------------------ helpers

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    // half of the time an element the rules name, so that structural mutations hit them often enough
    // (a name first, then one of its elements: each named field gets the same chance however often it occurs)
    private XElement PickTarget(List<XElement> all) => PickFocus(all) ?? Pick(all);

    private XElement? PickFocus(List<XElement> candidates)
    {
        if (_random.Next(2) == 0) return null;
        var byName = candidates.Where(e => ValuePools.FocusNames.Contains(e.Name.LocalName)).GroupBy(e => e.Name.LocalName).ToList();
        return byName.Count == 0 ? null : Pick(Pick(byName).ToList());
    }

    // leaves that rules read are picked more often than others
    private XElement? PickLeaf(List<XElement> all)
    {
        var leaves = all.Where(e => !e.HasElements && e.Name.LocalName != "bestandsinhoud").ToList();
        if (leaves.Count == 0) return null;
        return PickFocus(leaves) ?? Pick(leaves);
    }

    private void InsertChild(XElement parent, XElement child)
    {
        var children = parent.Elements().ToList();
        if (children.Count == 0) parent.Add(child);
        else
        {
            var at = _random.Next(children.Count + 1);
            if (at == children.Count) children[^1].AddAfterSelf(child);
            else children[at].AddBeforeSelf(child);
        }
    }

    private static int DossierYear(XDocument doc)
    {
        var datum = doc.Root!.Element(XName.Get("metadata", Od))?.Element(XName.Get("datum", Od))?.Value;
        return datum is { Length: >= 4 } && int.TryParse(datum.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : 2019;
    }

    private static string PathOf(XElement e) =>
        string.Concat(e.AncestorsAndSelf().Reverse().Select(a => "/" + a.Name.LocalName));

    private static string Show(string value) =>
        value.Length > 40 ? value[..(char.IsHighSurrogate(value[36]) ? 36 : 37)] + "..." : value.Replace("\n", "\\n", StringComparison.Ordinal);

    private static XDocument Parse(string xml)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        return XDocument.Load(reader, LoadOptions.PreserveWhitespace);
    }

    private static string Serialize(XDocument doc)
    {
        var sb = new StringBuilder();
        using (var writer = XmlWriter.Create(sb, new XmlWriterSettings { OmitXmlDeclaration = true, NewLineHandling = NewLineHandling.None }))
            doc.Save(writer);
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + sb;
    }
}
