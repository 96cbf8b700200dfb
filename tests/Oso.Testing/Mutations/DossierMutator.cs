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
/// inzage and consent flags — one to four at a time. The result is always well-formed XML.
/// </summary>
public sealed class DossierMutator
{
    private const string Od = "http://www.edustandaard.nl/oso_gegevensset/2019/dossier";

    private static readonly string[] CommunicatieFields = ["geheim", "soort", "nummer"];
    private static readonly string[] Soorten = ["telefoon", "e-mail", "fax", ""];

    private readonly Random _random;
    private readonly int _seed;
    private readonly List<(string Name, XDocument Document)> _examples;
    private int _count;

    /// <param name="seed">The seed: the same seed and examples give the same variants.</param>
    /// <param name="examples">The base documents by name (the official examples).</param>
    public DossierMutator(int seed, IEnumerable<(string Name, string Xml)> examples)
    {
        _seed = seed;
        _random = new Random(seed);
        _examples = [.. examples.Select(e => (e.Name, Parse(e.Xml)))];
    }

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
        return _random.Next(21) switch
        {
            0 or 1 => Delete(Pick(all)),
            2 => Duplicate(Pick(all)),
            3 => Reorder(Pick(all)),
            4 => Move(doc, Pick(all)),
            5 => HoistToets(doc),
            6 or 7 or 8 => SetValue(doc, PickLeaf(all)),
            9 => SplitText(PickLeaf(all)),
            10 => Cdata(PickLeaf(all)),
            11 => OtherNamespace(Pick(all)),
            12 => Rename(Pick(all), all),
            13 or 14 => Insert(doc),
            15 => SetNamed(doc, "overstap", ValuePools.Overstap),
            16 => SetNamed(doc, "overdrachtsoort", ValuePools.Overdrachtsoort),
            17 => SetCategory(doc),
            18 => SetInzage(doc),
            19 => SetCommunicatie(doc),
            _ => SetNamed(doc, "deeldossier", ValuePools.Deeldossier),
        };
    }

    // ------------------------------------------------------------------ structure

    private static string Delete(XElement e)
    {
        var path = PathOf(e);
        e.Remove();
        return "delete " + path;
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

    // toets elements are only judged outside a leerling by the OV rules: take one out, with edge dates
    private string? HoistToets(XDocument doc)
    {
        var toets = doc.Descendants(XName.Get("toets", Od)).ToList();
        if (toets.Count == 0) return null;
        var t = Pick(toets);
        t.Remove();
        InsertChild(doc.Root!, t);
        var year = DossierYear(doc);
        foreach (var d in t.Descendants(XName.Get("afnamedatum", Od)))
            if (_random.Next(2) == 0) d.Value = Pick(ValuePools.Dates(year));
        return $"hoist toets -> {PathOf(t)}";
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
        var e = new XElement(XName.Get(child, Od), value);
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

    // leaves that rules read are picked more often than others
    private XElement? PickLeaf(List<XElement> all)
    {
        var leaves = all.Where(e => !e.HasElements && e.Name.LocalName != "bestandsinhoud").ToList();
        return leaves.Count == 0 ? null : Pick(leaves);
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

    private static string Show(string value) => value.Length > 40 ? value[..37] + "..." : value.Replace("\n", "\\n", StringComparison.Ordinal);

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
