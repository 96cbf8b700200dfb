using System.Globalization;
using System.Text;

namespace Oso.Dossier.Tests.Xml;

/// <summary>A document made by <see cref="XmlSyntaxMutator"/>.</summary>
/// <param name="Name">Seed, number and base document.</param>
/// <param name="Mutations">What was done, in order (kind: detail).</param>
/// <param name="Kinds">The kinds of mutation applied.</param>
/// <param name="Harmless">True when every mutation is a common, harmless variation of well-formed UTF-8 XML that a fast reader must decide.</param>
/// <param name="Bytes">The document.</param>
internal sealed record SyntaxVariant(string Name, IReadOnlyList<string> Mutations, IReadOnlyList<string> Kinds, bool Harmless, byte[] Bytes)
{
    public override string ToString() => $"{Name} [{string.Join("; ", Mutations)}]";
}

/// <summary>
/// Makes variants of dossiers at the level of XML syntax, on the UTF-8 bytes, deterministically from a seed: line
/// ends, byte order marks, XML declarations, comments and processing instructions, CDATA sections, character and
/// entity references, non-ASCII and invalid UTF-8, namespace prefixes and declarations, attribute syntax, tag syntax,
/// truncation, long texts and lines. Unlike <c>DossierMutator</c>, the result is often not well-formed: the point is
/// the parser, not the schema. One to five mutations at a time, each found again in the mutated bytes by a tolerant
/// scan (<see cref="Layout"/>), so that mutations compose.
/// </summary>
internal sealed class XmlSyntaxMutator
{
    internal const string Ns = "http://www.edustandaard.nl/oso_gegevensset/2019/dossier";

    private readonly Random _random;
    private readonly int _seed;
    private readonly List<(string Name, byte[] Bytes)> _examples;
    private readonly List<(string Name, byte[] Bytes)> _small;
    private readonly List<Kind> _kinds;
    private readonly int _totalWeight;
    private int _count;

    private sealed record Kind(string Name, bool Harmless, int Weight, Func<SyntaxDocument, string?> Apply);

    /// <param name="seed">The same seed and bases give the same variants.</param>
    /// <param name="examples">Large bases (the official examples).</param>
    /// <param name="small">Small hand-made bases (drawn 40 % of the time).</param>
    public XmlSyntaxMutator(int seed, IEnumerable<(string Name, byte[] Bytes)> examples, IEnumerable<(string Name, byte[] Bytes)> small)
    {
        _seed = seed;
        _random = new Random(seed);
        _examples = [.. examples];
        _small = [.. small];
        _kinds = Kinds();
        _totalWeight = _kinds.Sum(k => k.Weight);
    }

    /// <summary>The kinds that must leave a document decidable by the fast reader.</summary>
    public IEnumerable<string> HarmlessKinds => _kinds.Where(k => k.Harmless).Select(k => k.Name);

    /// <summary>The next variant: a base drawn at random and one to five mutations.</summary>
    public SyntaxVariant Next()
    {
        var (name, bytes) = _small.Count > 0 && (_examples.Count == 0 || _random.Next(100) < 40)
            ? _small[_random.Next(_small.Count)]
            : _examples[_random.Next(_examples.Count)];
        var wanted = _random.Next(100) switch { < 55 => 1, < 80 => 2, < 92 => 3, < 97 => 4, _ => 5 };
        var doc = new SyntaxDocument(bytes);
        List<string> mutations = [], kinds = [];
        var harmless = true;
        for (var attempts = 0; mutations.Count < wanted && attempts < 30; attempts++)
        {
            var kind = Draw();
            if (kind.Apply(doc) is not { } done) continue;
            mutations.Add(kind.Name + ": " + done);
            kinds.Add(kind.Name);
            harmless &= kind.Harmless;
        }
        return new SyntaxVariant($"s{_seed}-{_count++:D5}-{name}", mutations, kinds, harmless && mutations.Count > 0, doc.Bytes);
    }

    /// <summary>One named mutation (drawn details from this mutator's random sequence) applied to a base.</summary>
    public SyntaxVariant Apply(string kindName, string baseName, byte[] bytes)
    {
        var kind = _kinds.Single(k => k.Name == kindName);
        var doc = new SyntaxDocument(bytes);
        var done = kind.Apply(doc);
        return new SyntaxVariant($"{kindName}-{baseName}", done is null ? [] : [kindName + ": " + done], done is null ? [] : [kindName], kind.Harmless && done is not null, doc.Bytes);
    }

    private Kind Draw()
    {
        var n = _random.Next(_totalWeight);
        foreach (var kind in _kinds)
        {
            if (n < kind.Weight) return kind;
            n -= kind.Weight;
        }
        return _kinds[^1];
    }

    // ------------------------------------------------------------------ the catalogue

    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    private static readonly string[] CommentBodies =
        [" c ", "", " ", "é€😀", "a-b", " - ", "\n multi\r\n line ", "<dossier>&amp;&foo;<![CDATA[", "\t"];

    private static readonly string[] HarmlessCharRefs =
        ["&#65;", "&#x41;", "&#x4a;", "&#233;", "&#xE9;", "&#xe9;", "&#x20AC;", "&#8364;", "&#x1F600;", "&#128512;", "&#32;", "&#10;", "&#x9;", "a&#66;c"];

    private static readonly string[] RareCharRefs =
        ["&#13;", "&#xD;", "&#13;&#10;", "&#x0041;", "&#0000065;", "&#x85;", "&#x2028;", "&#x10FFFF;", "&#xFFFD;", "&#x7F;", "&#xFEFF;", "&#xA0;", "&#xD7FF;", "&#xE000;", "&#x10000;"];

    private static readonly string[] InvalidCharRefs =
    [
        "&#0;", "&#x0;", "&#1;", "&#x1F;", "&#xB;", "&#xC;", "&#xD800;", "&#xDFFF;", "&#55296;", "&#xFFFE;", "&#xFFFF;",
        "&#x110000;", "&#1114112;", "&#;", "&#x;", "&#12a;", "&#-1;", "&#99999999999999999999;", "&# 65;", "&#65",
        "&#x41", "&#xg;", "&#X41;", "&#X1F600;", "&#x 41;", "&#+65;",
    ];

    private static readonly string[] HarmlessEntities =
        ["&lt;", "&gt;", "&amp;", "&quot;", "&apos;", "&lt;&gt;&amp;&quot;&apos;", "a&amp;b", "&amp;amp;"];

    private static readonly string[] BadEntities =
        ["&foo;", "&LT;", "&nbsp;", "&lt", "& ", "&;", "&amp", "&", "&é;", "&a:b;", "&lt ;", "&a.b-c_1;", "&#"];

    private static readonly string[] HarmlessNonAscii =
        ["é", "€", "😀", "Björn", "ÿ", "中文", "\u00A0", "e\u0301", "ﬁ", "𝔘", "Ω", "é€😀", "ß😀€é"];

    private static readonly string[] RareNonAscii =
        ["\uFEFF", "\u2028", "\u0085", "\uFFFD", "\uFDD0", "\u200B", "\u0080", "\u009F", "\u007F"];

    private static readonly byte[][] InvalidBytes =
    [
        [0xC3, 0x28], [0xFF], [0xFE], [0x80], [0xBF], [0xC0, 0xAF], [0xC1, 0xBF], [0xE0, 0x80, 0xAF], [0xF0, 0x80, 0x80, 0xAF],
        [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xEF, 0xBF, 0xBE], [0xEF, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80],
        [0xF5, 0x80, 0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0x01], [0x0B],
        [0x0C], [0x1F], [0x00], [0x08], [0x1B],
    ];

    private static readonly string[] Declarations =
    [
        "",
        "<?xml version=\"1.0\"?>",
        "<?xml version='1.0' encoding='UTF-8'?>",
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
        "<?xml version=\"1.0\" encoding=\"Utf-8\"?>",
        "<?xml version=\"1.0\" encoding=\"UTF8\"?>",
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>",
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>",
        "<?xml version=\"1.0\" standalone='yes'?>",
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"maybe\"?>",
        "<?xml version=\"1.1\" encoding=\"UTF-8\"?>",
        "<?xml version=\"1.1\"?>",
        "<?xml version=\"2.0\"?>",
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>",
        "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>",
        "<?xml version=\"1.0\" encoding=\"windows-1252\"?>",
        "<?xml version=\"1.0\" encoding=\"latin1\"?>",
        "<?xml version=\"1.0\" encoding=\"US-ASCII\"?>",
        "<?xml version=\"1.0\" encoding=\"UTF-16\"?>",
        "<?xml version=\"1.0\" encoding=\"UTF-16LE\"?>",
        "<?xml version=\"1.0\" encoding=\"UTF-32\"?>",
        "<?xml version=\"1.0\" encoding=\"bogus\"?>",
        "<?xml version=\"1.0\" encoding=\"\"?>",
        "<?xml  version = \"1.0\"  encoding = \"UTF-8\"  ?>",
        "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>",
        "<?xml\tversion=\"1.0\"\r\n\tencoding=\"UTF-8\"?>",
        "<?xml encoding=\"UTF-8\"?>",
        "<?xml version=\"1.0\" standalone=\"yes\" encoding=\"UTF-8\"?>",
        "<?xml version=\"1.0\" encoding=\"UTF-8\" foo=\"bar\"?>",
        "<?XML version=\"1.0\"?>",
        "<?xml version=\"1.0\"",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><!-- c -->",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\uFEFF",
    ];

    private List<Kind> Kinds() =>
    [
        // line ends and byte order marks
        new("crlf", true, 4, d => ReplaceLineEnds(d, "\r\n", all: true)),
        new("cr-only", false, 3, d => ReplaceLineEnds(d, "\r", all: true)),
        new("mixed-line-ends", false, 2, d => ReplaceLineEnds(d, null, all: false)),
        new("cr-in-text", false, 2, d => InsertAt(d, Place.Text, "\r", "\r\n", "\r\r\n", "\n\r", "a\rb", "\r\n\r\n")),
        new("bom", true, 4, AddBom),
        new("bom-twice-or-late", false, 1, d => InsertBytes(d, Place.Prolog, Bom)),
        new("bom-in-text", false, 1, d => InsertBytes(d, Place.Text, Bom)),

        // the XML declaration
        new("declaration-utf8", true, 3, d => SetDeclaration(d, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")),
        new("declaration", false, 6, d => SetDeclaration(d, Pick(Declarations))),
        new("declaration-not-first", false, 2, DeclarationNotFirst),
        new("declaration-again", false, 1, d => InsertAt(d, Pick(MarkupPlaces), "<?xml version=\"1.0\"?>", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")),

        // comments and processing instructions
        new("comment-prolog", true, 3, d => InsertAt(d, Place.Prolog, Wrap("<!--", CommentBodies, "-->"))),
        new("comment-between", true, 3, d => InsertAt(d, Place.ElementOnly, Wrap("<!--", CommentBodies, "-->"))),
        new("comment-in-text", true, 3, d => InsertAt(d, Place.Text, Wrap("<!--", CommentBodies, "-->"))),
        new("comment-after-root", true, 2, d => InsertAt(d, Place.AfterRoot, Wrap("<!--", CommentBodies, "-->"))),
        new("comment-bad", false, 2, d => InsertAt(d, Pick(MarkupPlaces), "<!-- a -- b -->", "<!-- a --->", "<!--->", "<!-- x", "<!- x -->", "<!-- - -- -->", "<!--\u0001-->", "<!-->-->")),
        new("pi", false, 3, d => InsertAt(d, Pick(MarkupPlaces), "<?pi data?>", "<?pi?>", "<?pi   ?>", "<?xml-stylesheet type=\"text/xsl\" href=\"x.xsl\"?>", "<?p-1.x é?>", "<?pi a?b>c?>", "<?pi\r\n?>", "<?xmlfoo?>")),
        new("pi-bad", false, 1, d => InsertAt(d, Pick(MarkupPlaces), "<?XML x?>", "<?xMl?>", "<? x?>", "<?pi", "<?1pi?>", "<?pi:x?>", "<?pi\u0001?>", "<?é?>")),

        // CDATA
        new("cdata-wrap", true, 3, CdataWrap),
        new("cdata-in-text", true, 3, d => InsertAt(d, Place.Text, Wrap("<![CDATA[", ["", " ", "x", "<&>", "é😀", "]]", "a]b", "\n", "&amp;"], "]]>"))),
        new("cdata-element-only", false, 2, d => InsertAt(d, Place.ElementOnly, "<![CDATA[]]>", "<![CDATA[ ]]>", "<![CDATA[\n  ]]>", "<![CDATA[x]]>", "<![CDATA[]]><![CDATA[]]>")),
        new("cdata-bad", false, 1, d => InsertAt(d, Place.Text, "<![CDATA[x]]", "<![cdata[x]]>", "<![CDATA [x]]>", "<![CDATA[x", "<![CDATA[\u0001]]>")),
        new("cdata-close-in-text", false, 1, d => InsertAt(d, Place.Text, "]]>", "]]", "]>", "a]]>b", "]]]>")),

        // character and entity references
        new("charref-text", true, 4, d => InsertAt(d, Place.Text, HarmlessCharRefs)),
        new("charref-text-rare", false, 2, d => InsertAt(d, Place.Text, RareCharRefs)),
        new("charref-invalid", false, 3, d => InsertAt(d, Place.TextOrElementOnly, InvalidCharRefs)),
        new("charref-element-only", false, 3, d => InsertAt(d, Place.ElementOnly, "&#32;", "&#x20;", "&#9;", "&#10;", "&#13;", "&#xA;", "&#32;&#10;", " &#32; ", "&#65;", "&#xA0;")),
        new("entity-text", true, 4, d => InsertAt(d, Place.Text, HarmlessEntities)),
        new("entity-bad", false, 2, d => InsertAt(d, Place.TextOrElementOnly, BadEntities)),
        new("entity-element-only", false, 1, d => InsertAt(d, Place.ElementOnly, "&lt;", "&amp;", "&quot;")),
        new("reference-attribute", false, 3, d => InsertAt(d, Place.AttributeValue, [.. HarmlessEntities, .. HarmlessCharRefs, .. RareCharRefs, .. InvalidCharRefs, .. BadEntities, "&#9;&#10;&#13;&#32;", "&#13;&#10;"])),

        // non-ASCII and invalid UTF-8
        new("non-ascii-text", true, 4, d => InsertAt(d, Place.Text, HarmlessNonAscii)),
        new("non-ascii-rare", false, 1, d => InsertAt(d, Place.TextOrElementOnly, RareNonAscii)),
        new("non-ascii-attribute", false, 2, d => InsertAt(d, Place.AttributeValue, HarmlessNonAscii)),
        new("non-ascii-name", false, 1, d => Rename(d, "naamé", "ñ", "中", "é.x", "aé")),
        new("invalid-utf8", false, 5, d => InsertBytes(d, Pick([Place.Text, Place.Text, Place.AttributeValue, Place.ElementOnly, Place.Prolog, Place.Name, Place.Any]), Pick(InvalidBytes))),
        new("invalid-utf8-in-comment", false, 1, d => InsertAt(d, Place.ElementOnly, Encoding.UTF8.GetBytes("<!--"), Pick(InvalidBytes), Encoding.UTF8.GetBytes("-->"))),

        // namespaces
        new("prefix-all", true, 3, PrefixAll),
        new("prefix-subtree", true, 2, d => PrefixSubtree(d, declareOnElement: false)),
        new("prefix-declared-on-child", true, 2, d => PrefixSubtree(d, declareOnElement: true)),
        new("default-namespace-undeclared", false, 2, d => InsertAt(d, Place.ChildTag, " xmlns=\"\"")),
        new("default-namespace-other", false, 1, d => InsertAt(d, Place.StartTag, " xmlns=\"urn:other\"", " xmlns=\"" + Ns.ToUpperInvariant() + "\"", " xmlns=\"" + Ns + "/\"", " xmlns=\"" + Ns + "\"")),
        new("undeclared-prefix", false, 1, d => Rename(d, "zz:" + "{0}")),
        new("redeclare-prefix", false, 1, RedeclarePrefix),
        new("namespace-declaration-odd", false, 2, d => InsertAt(d, Place.StartTag,
            " xmlns:p=\"\"", " xmlns=\"" + Ns + "\"", " xmlns:a=\"urn:x\" xmlns:a=\"urn:x\"", " xmlns:xml=\"http://www.w3.org/XML/1998/namespace\"",
            " xmlns:xml=\"urn:x\"", " xmlns:xmlns=\"urn:x\"", " xmlns:p=\"http://www.w3.org/2000/xmlns/\"", " xmlns:p=\"http://www.w3.org/XML/1998/namespace\"",
            " xmlns=\"http://www.w3.org/2000/xmlns/\"", " xmlns:p=\"urn:unused\"", " xmlns:é=\"urn:x\"", " xmlns:p-1.x=\"urn:x\"")),
        new("xml-attribute", false, 2, d => InsertAt(d, Place.StartTag, " xml:lang=\"nl\"", " xml:space=\"preserve\"", " xml:space=\"default\"", " xml:space=\"bogus\"", " xml:foo=\"x\"", " xml:lang=\"\"")),
        new("xsi-attribute", false, 2, d => InsertAt(d, Place.RootTag,
            " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"" + Ns + " OSO_gegevensset.xsd\"",
            " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:noNamespaceSchemaLocation=\"OSO_gegevensset.xsd\"",
            " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"x\"",
            " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:nil=\"true\"",
            " xmlns:s=\"http://www.w3.org/2001/XMLSchema-instance\" s:schemaLocation=\"a b\"",
            " xsi:schemaLocation=\"a b\"")),
        new("prefixed-attribute", false, 1, d => InsertAt(d, Place.StartTag,
            " xmlns:q=\"" + Ns + "\" q:omschrijving=\"x\"", " xmlns:a=\"urn:x\" xmlns:b=\"urn:x\" a:x=\"1\" b:x=\"2\"", " xmlns:a=\"urn:x\" a:x=\"1\" x=\"2\"", " q:x=\"1\"")),

        // attributes
        new("single-quotes", true, 3, SingleQuotes),
        new("whitespace-around-equals", true, 3, WhitespaceAroundEquals),
        new("whitespace-in-value", false, 2, d => InsertAt(d, Place.AttributeValue, "\t", "\n", "\r", "\r\n", "  ", " \t\n\r ", "\u00A0")),
        new("markup-in-value", false, 2, d => InsertAt(d, Place.AttributeValue, "<", ">", "'", "\"", "]]>", "<!-- -->", "/>")),
        new("attribute-added", false, 3, d => InsertAt(d, Place.StartTag,
            " foo=\"bar\"", " omschrijving=\"x\"", " Omschrijving=\"x\"", " omschrijving=''", " omschrijving=\"  \"", " a.b-c_1=\"x\"",
            " omschrijving=\"a\" omschrijving=\"b\"", " a=\"1\"b=\"2\"", " a=\"1\"\tb='2'")),
        new("attribute-bad-syntax", false, 2, d => InsertAt(d, Place.StartTag, " a=1", " a", " a=\"1", " =\"x\"", " a==\"x\"", " a=\"1\"\"", " a='1\"", " 1a=\"x\"", " -a=\"x\"", " a:=\"x\"")),
        new("many-attributes", false, 1, d => InsertAt(d, Place.StartTag, string.Concat(Enumerable.Range(0, 31 + _random.Next(4)).Select(i => $" a{i}=\"{i}\"")))),
        new("attribute-value", false, 2, SetAttributeValue),

        // tags
        new("whitespace-in-tags", false, 3, WhitespaceInTags),
        new("space-after-lt", false, 1, SpaceAfterLt),
        new("self-closing", false, 2, SelfClosing),
        new("mismatched-end-tag", false, 2, MismatchedEndTag),
        new("missing-end-tag", false, 1, MissingEndTag),
        new("extra-end-tag", false, 1, d => InsertAt(d, Place.ElementOnly, "</x>", "</dossier>", "</>")),
        new("truncated", false, 4, Truncate),
        new("after-root", false, 2, d => InsertAt(d, Place.AfterRoot, "x", "\n", "  \t\r\n", "&#32;", "<x/>", "]]>", "<![CDATA[]]>", "\u00A0", "<?pi?>", "</dossier>")),
        new("before-root", false, 1, d => InsertAt(d, Place.Prolog, "x", " ", "\n\n", "\t", "&#32;", "<![CDATA[]]>", "]]>", "<!DOCTYPE dossier>", "<!DOCTYPE dossier [<!ENTITY x \"y\">]>")),
        new("two-roots", false, 1, TwoRoots),
        new("rename", false, 2, d => Rename(d, "a.b", "a-b", "a1", "_a", "a_b", "A", "x.y-z_9", "1a", "-a", ".a", "a:b:c", ":a", "a:", "{0}x", "{0}.1", "{0}-2")),
        new("element-in-text", false, 2, d => InsertAt(d, Place.Text, "<x/>", "<x>y</x>", "<voornaam>z</voornaam>", "<a><b/></a>")),
        new("text-in-element-only", false, 2, d => InsertAt(d, Place.ElementOnly, "x", "\u00A0", "é", "\t", " ", "\r\n", "a b")),
        new("text-replaced", false, 2, ReplaceText),
        new("long-text", false, 1, LongText),
        new("long-line", false, 1, d => InsertAt(d, Place.ElementOnly, new string(' ', 1000 + _random.Next(40_000)), new string('\t', 1000 + _random.Next(20_000)))),
        new("one-line", false, 1, OneLine),
        new("tab-indent", false, 2, TabIndent),
        new("no-indent", false, 1, NoIndent),
        new("empty-document", false, 1, EmptyDocument),
        new("nul-byte", false, 1, d => InsertBytes(d, Place.Any, [0x00])),
    ];

    // ------------------------------------------------------------------ places

    private enum Place { Text, ElementOnly, TextOrElementOnly, Prolog, AfterRoot, AttributeValue, StartTag, ChildTag, RootTag, Name, Any }

    // where comments and processing instructions may stand: before, inside (between elements and in text) and after the root
    private static readonly Place[] MarkupPlaces = [Place.Prolog, Place.ElementOnly, Place.Text, Place.AfterRoot];

    private static string[] Wrap(string prefix, string[] bodies, string suffix) => [.. bodies.Select(b => prefix + b + suffix)];

    private string? InsertAt(SyntaxDocument d, Place place, params string[] choices)
    {
        var choice = Pick(choices);
        var at = Point(d, place, out var where);
        if (at < 0) return null;
        d.Insert(at, choice);
        return $"{Show(choice)} {where}";
    }

    private string? InsertAt(SyntaxDocument d, Place place, byte[] prefix, byte[] bytes, byte[] suffix)
    {
        var at = Point(d, place, out var where);
        if (at < 0) return null;
        d.Replace(at, at, [.. prefix, .. bytes, .. suffix]);
        return $"{Show(Encoding.UTF8.GetString(prefix))}{Hex(bytes)}{Show(Encoding.UTF8.GetString(suffix))} {where}";
    }

    private string? InsertBytes(SyntaxDocument d, Place place, byte[] bytes)
    {
        var at = Point(d, place, out var where);
        if (at < 0) return null;
        d.Replace(at, at, bytes);
        return $"{Hex(bytes)} {where}";
    }

    // an insertion point (or -1), at a character boundary
    private int Point(SyntaxDocument d, Place place, out string where)
    {
        var layout = d.Layout;
        where = "";
        switch (place)
        {
            case Place.TextOrElementOnly:
                return Point(d, _random.Next(2) == 0 ? Place.Text : Place.ElementOnly, out where);
            case Place.Text:
            {
                var leaf = PickLeaf(layout);
                if (leaf is null) return -1;
                where = "in text of " + leaf.Path;
                return PlainPoint(d.Bytes, leaf);
            }
            case Place.ElementOnly:
            {
                var points = layout.ElementOnlyPoints;
                if (points.Count == 0) return -1;
                var (at, e) = points[_random.Next(points.Count)];
                where = "in " + e.Path;
                return at;
            }
            case Place.Prolog:
            {
                if (layout.RootStart < 0) return -1;
                where = "in the prolog";
                // after the declaration, if there is one: before it, a comment or PI would make the document not well-formed
                return Pick([layout.DeclarationEnd >= 0 ? layout.DeclarationEnd : layout.BodyStart, layout.RootStart]);
            }
            case Place.AfterRoot:
                where = "after the root";
                return layout.RootEnd >= 0 && _random.Next(4) > 0 ? layout.RootEnd : d.Bytes.Length;
            case Place.AttributeValue:
            {
                var attributes = layout.Elements.SelectMany(e => e.Attributes.Select(a => (e, a))).ToList();
                if (attributes.Count == 0) return -1;
                var plain = attributes.Where(x => !x.a.IsNamespaceDeclaration).ToList();
                var (e, a) = plain.Count > 0 && _random.Next(10) < 7 ? plain[_random.Next(plain.Count)] : attributes[_random.Next(attributes.Count)];
                where = $"in attribute {a.Name} of {e.Path}";
                return Boundary(d.Bytes, a.ValueStart + _random.Next(a.ValueEnd - a.ValueStart + 1), a.ValueEnd);
            }
            case Place.StartTag or Place.ChildTag or Place.RootTag:
            {
                var tags = layout.Elements.Where(e => e.Gt > 0 && (place != Place.ChildTag || e.Depth > 0) && (place != Place.RootTag || e.Depth == 0)).ToList();
                if (tags.Count == 0) return -1;
                var e = place == Place.StartTag && _random.Next(10) == 0 && tags[0].Depth == 0 ? tags[0] : tags[_random.Next(tags.Count)];
                where = "on " + e.Path;
                return e.NameEnd;
            }
            case Place.Name:
            {
                var named = layout.Elements.Where(e => e.NameEnd - e.NameStart > 1).ToList();
                if (named.Count == 0) return -1;
                var e = named[_random.Next(named.Count)];
                where = "in the name of " + e.Path;
                return Boundary(d.Bytes, e.NameStart + 1 + _random.Next(e.NameEnd - e.NameStart - 1), e.NameEnd);
            }
            default:
                where = "anywhere";
                return d.Bytes.Length == 0 ? 0 : Boundary(d.Bytes, _random.Next(d.Bytes.Length + 1), d.Bytes.Length);
        }
    }

    // leaves (text-only elements); attachments' base64 now and then, as they take another path in the reader
    private ElementSpan? PickLeaf(Layout layout)
    {
        var leaves = layout.Leaves;
        if (leaves.Count == 0) return null;
        if (_random.Next(5) == 0)
        {
            var binary = leaves.Where(l => l.LocalName == "bestandsinhoud").ToList();
            if (binary.Count > 0) return binary[_random.Next(binary.Count)];
        }
        return leaves[_random.Next(leaves.Count)];
    }

    // anywhere in a leaf's text that holds no markup or reference; else at its start or end
    private int PlainPoint(byte[] bytes, ElementSpan leaf)
    {
        int start = leaf.Gt + 1, end = leaf.EndLt;
        var content = bytes.AsSpan(start, end - start);
        if (content.IndexOfAny((byte)'<', (byte)'&') >= 0) return _random.Next(2) == 0 ? start : end;
        return Boundary(bytes, start + _random.Next(end - start + 1), end);
    }

    // the next UTF-8 character boundary at or after i (not beyond limit)
    private static int Boundary(byte[] bytes, int i, int limit)
    {
        while (i < limit && i < bytes.Length && (bytes[i] & 0xC0) == 0x80) i++;
        return i;
    }

    // ------------------------------------------------------------------ mutations with their own logic

    private string? ReplaceLineEnds(SyntaxDocument d, string? with, bool all)
    {
        var bytes = d.Bytes;
        if (bytes.AsSpan().IndexOfAny((byte)'\n', (byte)'\r') < 0) return null;
        var output = new List<byte>(bytes.Length + bytes.Length / 20);
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            if (b != '\n' && b != '\r')
            {
                output.Add(b);
                continue;
            }
            if (b == '\r' && i + 1 < bytes.Length && bytes[i + 1] == '\n') i++;
            var end = all ? with! : Pick(["\n", "\r\n", "\r"]);
            foreach (var c in end) output.Add((byte)c);
        }
        d.Replace(0, bytes.Length, [.. output]);
        return all ? Show(with!) + " everywhere" : "LF, CRLF and CR mixed";
    }

    private string? AddBom(SyntaxDocument d)
    {
        if (d.Bytes.AsSpan().StartsWith(Bom)) return null;
        d.Replace(0, 0, Bom);
        return "EF BB BF";
    }

    private static string? SetDeclaration(SyntaxDocument d, string declaration)
    {
        var layout = d.Layout;
        if (layout.DeclarationStart >= 0)
        {
            if (Encoding.UTF8.GetString(d.Bytes, layout.DeclarationStart, layout.DeclarationEnd - layout.DeclarationStart) == declaration) return null;
            d.Replace(layout.DeclarationStart, layout.DeclarationEnd, Encoding.UTF8.GetBytes(declaration));
        }
        else
        {
            if (declaration.Length == 0) return null;
            d.Insert(layout.BodyStart, declaration + "\n");
        }
        return declaration.Length == 0 ? "none" : Show(declaration);
    }

    private string? DeclarationNotFirst(SyntaxDocument d)
    {
        var layout = d.Layout;
        if (layout.DeclarationStart < 0) return null;
        var before = Pick(["\n", " ", "\t", "\r\n", "<!-- c -->", "<?pi?>", "\n\n  "]);
        d.Insert(layout.DeclarationStart, before);
        return Show(before) + " before the declaration";
    }

    private string? CdataWrap(SyntaxDocument d)
    {
        var leaves = d.Layout.Leaves.Where(l =>
        {
            var content = d.Bytes.AsSpan(l.Gt + 1, l.EndLt - l.Gt - 1);
            return content.Length > 0 && content.IndexOfAny((byte)'<', (byte)'&') < 0 && content.IndexOf("]]>"u8) < 0;
        }).ToList();
        if (leaves.Count == 0) return null;
        var leaf = _random.Next(5) == 0 && leaves.FirstOrDefault(l => l.LocalName == "bestandsinhoud") is { } binary ? binary : leaves[_random.Next(leaves.Count)];
        int start = leaf.Gt + 1, end = leaf.EndLt;
        // the whole text, or a part of it (CDATA next to text)
        int from = start, to = end;
        if (_random.Next(2) == 0)
        {
            from = Boundary(d.Bytes, start + _random.Next(end - start + 1), end);
            to = Boundary(d.Bytes, from + _random.Next(end - from + 1), end);
        }
        d.Insert(to, "]]>");
        d.Insert(from, "<![CDATA[");
        return $"bytes {from - start}..{to - start} of the text of {leaf.Path}";
    }

    private string? PrefixAll(SyntaxDocument d)
    {
        var layout = d.Layout;
        var root = layout.Elements.FirstOrDefault();
        if (root is null || root.Name.Contains(':', StringComparison.Ordinal)) return null;
        var xmlns = root.Attributes.FirstOrDefault(a => a.Name == "xmlns");
        if (xmlns is null) return null;
        var prefix = Pick(["od", "a", "x1", "oso", "o.d", "o-d", "_p", "dossier"]);
        if (root.Attributes.Any(a => a.Name == "xmlns:" + prefix)) return null; // declared already (by prefix-subtree)
        var edits = new List<(int At, int Remove, string Insert)> { (xmlns.NameEnd, 0, ":" + prefix) };
        foreach (var e in layout.Elements)
        {
            if (e.Name.Contains(':', StringComparison.Ordinal)) continue;
            edits.Add((e.NameStart, 0, prefix + ":"));
            if (e.EndNameStart > 0) edits.Add((e.EndNameStart, 0, prefix + ":"));
        }
        d.Apply(edits);
        return $"every element as {prefix}:name, xmlns:{prefix} on the root";
    }

    private string? PrefixSubtree(SyntaxDocument d, bool declareOnElement)
    {
        var layout = d.Layout;
        var candidates = layout.Elements.Where(e => e.Depth > 0 && e.Gt > 0 && !e.Name.Contains(':', StringComparison.Ordinal)).ToList();
        if (candidates.Count == 0 || layout.Elements[0].Gt < 0) return null;
        var top = candidates[_random.Next(candidates.Count)];
        var prefix = Pick(["q", "od", "p1", "b-2"]);
        var end = top.EndGt > 0 ? top.EndGt : top.Gt;
        var edits = new List<(int At, int Remove, string Insert)>();
        foreach (var e in layout.Elements.Where(e => e.Lt >= top.Lt && e.Lt <= end && !e.Name.Contains(':', StringComparison.Ordinal)))
        {
            edits.Add((e.NameStart, 0, prefix + ":"));
            if (e.EndNameStart > 0) edits.Add((e.EndNameStart, 0, prefix + ":"));
        }
        if (edits.Count == 0) return null;
        var declaration = $" xmlns:{prefix}=\"{Ns}\"";
        var on = declareOnElement ? top : layout.Elements[0];
        if (on.Attributes.All(a => a.Name != "xmlns:" + prefix)) edits.Add((on.NameEnd, 0, declaration));
        d.Apply(edits);
        return $"{top.Path} and its descendants as {prefix}:name, declared on {(declareOnElement ? "it" : "the root")}";
    }

    private string? RedeclarePrefix(SyntaxDocument d)
    {
        var root = d.Layout.Elements.FirstOrDefault();
        if (root is null) return null;
        var done = root.Name.Contains(':', StringComparison.Ordinal) ? "" : PrefixAll(d) + ", then ";
        var layout = d.Layout;
        var prefix = layout.Elements[0].Name.Split(':')[0];
        var children = layout.Elements.Where(e => e.Depth > 0 && e.Gt > 0).ToList();
        if (children.Count == 0) return null;
        var child = children[_random.Next(children.Count)];
        var uri = Pick(["urn:other", Ns, ""]);
        d.Insert(child.NameEnd, $" xmlns:{prefix}=\"{uri}\"");
        return $"{done}xmlns:{prefix}=\"{uri}\" on {child.Path}";
    }

    private string? Rename(SyntaxDocument d, params string[] names)
    {
        var elements = d.Layout.Elements.Where(e => e.Gt > 0).ToList();
        if (elements.Count == 0) return null;
        var e = elements[_random.Next(elements.Count)];
        var name = string.Format(CultureInfo.InvariantCulture, Pick(names), e.Name);
        var edits = new List<(int At, int Remove, string Insert)> { (e.NameStart, e.NameEnd - e.NameStart, name) };
        if (e.EndNameStart > 0) edits.Add((e.EndNameStart, e.EndNameEnd - e.EndNameStart, name));
        d.Apply(edits);
        return $"{e.Path} as {name}";
    }

    private string? SingleQuotes(SyntaxDocument d)
    {
        var attributes = d.Layout.Elements.SelectMany(e => e.Attributes).Where(a => a.Quote == '"' && d.Bytes.AsSpan(a.ValueStart, a.ValueEnd - a.ValueStart).IndexOf((byte)'\'') < 0).ToList();
        if (attributes.Count == 0) return null;
        var chosen = _random.Next(2) == 0 ? attributes : [attributes[_random.Next(attributes.Count)]];
        d.Apply([.. chosen.SelectMany(a => new[] { (a.ValueStart - 1, 1, "'"), (a.ValueEnd, 1, "'") })]);
        return chosen.Count == 1 ? chosen[0].Name : $"all {chosen.Count} attributes";
    }

    private string? WhitespaceAroundEquals(SyntaxDocument d)
    {
        var attributes = d.Layout.Elements.SelectMany(e => e.Attributes).Where(a => a.Eq == a.NameEnd && a.ValueStart == a.Eq + 2).ToList();
        if (attributes.Count == 0) return null;
        var eq = Pick([" = ", "\t=\t", "\n=\n", "  =", "=  ", "\r\n=\r\n", " =", "= "]);
        var chosen = _random.Next(2) == 0 ? attributes : [attributes[_random.Next(attributes.Count)]];
        d.Apply([.. chosen.Select(a => (a.Eq, 1, eq))]);
        return $"{Show(eq)} in {(chosen.Count == 1 ? chosen[0].Name : $"all {chosen.Count} attributes")}";
    }

    private string? SetAttributeValue(SyntaxDocument d)
    {
        var attributes = d.Layout.Elements.SelectMany(e => e.Attributes).Where(a => !a.IsNamespaceDeclaration).ToList();
        if (attributes.Count == 0) return null;
        var a = attributes[_random.Next(attributes.Count)];
        var value = Pick(["", " ", "x", "\t", new string('x', 300), "Nederland ", " Nederland", "a  b", "😀"]);
        d.Replace(a.ValueStart, a.ValueEnd, Encoding.UTF8.GetBytes(value));
        return $"{a.Name} = {Show(value)}";
    }

    private string? WhitespaceInTags(SyntaxDocument d)
    {
        var elements = d.Layout.Elements.Where(e => e.Gt > 0).ToList();
        if (elements.Count == 0) return null;
        var white = Pick([" ", "  ", "\t", "\n", "\r\n", "\n\t\t", "\r"]);
        var e = elements[_random.Next(elements.Count)];
        switch (_random.Next(3))
        {
            case 0:
                d.Insert(e.SelfClosing ? e.Gt - 1 : e.Gt, white);
                return $"{Show(white)} before the {(e.SelfClosing ? "/>" : ">")} of {e.Path}";
            case 1 when e.EndNameEnd > 0:
                d.Insert(e.EndNameEnd, white);
                return $"{Show(white)} before the > of the end tag of {e.Path}";
            default:
                if (e.Attributes.Count == 0) goto case 0;
                d.Insert(e.Attributes[0].NameStart, white);
                return $"{Show(white)} before the attributes of {e.Path}";
        }
    }

    private string? SpaceAfterLt(SyntaxDocument d)
    {
        var elements = d.Layout.Elements.Where(e => e.Gt > 0).ToList();
        if (elements.Count == 0) return null;
        var e = elements[_random.Next(elements.Count)];
        switch (_random.Next(3))
        {
            case 0:
                d.Insert(e.NameStart, " ");
                return "'< name' for " + e.Path;
            case 1 when e.EndNameStart > 0:
                d.Insert(e.EndNameStart, " ");
                return "'</ name' for " + e.Path;
            default:
                if (!e.SelfClosing) goto case 0;
                d.Insert(e.Gt, " ");
                return "'/ >' for " + e.Path;
        }
    }

    private string? SelfClosing(SyntaxDocument d)
    {
        var elements = d.Layout.Elements.Where(e => e.Gt > 0 && (e.SelfClosing || (e.EndGt > 0 && e.Children == 0))).ToList();
        if (elements.Count == 0) return null;
        var e = elements[_random.Next(elements.Count)];
        if (e.SelfClosing)
        {
            d.Replace(e.Gt - 1, e.Gt + 1, Encoding.UTF8.GetBytes("></" + e.Name + ">"));
            return $"<{e.Name}/> as <{e.Name}></{e.Name}>";
        }
        d.Replace(e.Gt, e.EndGt + 1, Encoding.UTF8.GetBytes(Pick(["/>", " />"])));
        return $"{e.Path} as an empty-element tag (its text dropped)";
    }

    private string? MismatchedEndTag(SyntaxDocument d)
    {
        var elements = d.Layout.Elements.Where(e => e.EndNameStart > 0).ToList();
        if (elements.Count == 0) return null;
        var e = elements[_random.Next(elements.Count)];
        var name = Pick([e.Name + "x", e.Name.ToUpperInvariant(), e.Name[..^1], "x", "od:" + e.Name]);
        d.Replace(e.EndNameStart, e.EndNameEnd, Encoding.UTF8.GetBytes(name));
        return $"</{name}> closes {e.Path}";
    }

    private string? MissingEndTag(SyntaxDocument d)
    {
        var elements = d.Layout.Elements.Where(e => e.EndNameStart > 0).ToList();
        if (elements.Count == 0) return null;
        var e = elements[_random.Next(elements.Count)];
        d.Replace(e.EndLt, e.EndGt + 1, []);
        return "no end tag for " + e.Path;
    }

    private string? EmptyDocument(SyntaxDocument d)
    {
        var content = Pick(["", " ", "\n", "<?xml version=\"1.0\"?>", "<!-- -->", "\uFEFF", "\uFEFF<?xml version=\"1.0\"?>\n", "x"]);
        d.Replace(0, d.Bytes.Length, Encoding.UTF8.GetBytes(content));
        return "the document is " + Show(content);
    }

    private string? Truncate(SyntaxDocument d)
    {
        if (d.Bytes.Length < 2) return null;
        // mostly near the end, where the tree is nearly complete; sometimes in the middle of a character
        var at = _random.Next(3) == 0 ? d.Bytes.Length - 1 - _random.Next(Math.Min(40, d.Bytes.Length - 1)) : _random.Next(d.Bytes.Length);
        if (_random.Next(4) == 0)
        {
            var from = _random.Next(d.Bytes.Length);
            var lead = d.Bytes.AsSpan(from).IndexOfAnyInRange((byte)0xC0, (byte)0xFF);
            if (lead >= 0 && from + lead + 1 < d.Bytes.Length) at = from + lead + 1;
        }
        d.Replace(at, d.Bytes.Length, []);
        return $"after {at} bytes";
    }

    private string? TwoRoots(SyntaxDocument d)
    {
        var layout = d.Layout;
        if (layout.RootStart < 0 || layout.RootEnd < 0) return null;
        var root = d.Bytes.AsSpan(layout.RootStart, layout.RootEnd - layout.RootStart).ToArray();
        d.Replace(layout.RootEnd, layout.RootEnd, [.. "\n"u8, .. root]);
        return "the root twice";
    }

    private string? ReplaceText(SyntaxDocument d)
    {
        var leaf = PickLeaf(d.Layout);
        if (leaf is null) return null;
        var text = Pick(["", " ", "\t\r\n", "\n", "x", "  x  ", "0", "true", "2016-01-02", "😀😀", "UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==", "UEsF\nBgAA AAAA\r\nAAAAAAAAAAAAAAAAAA==", "====", "é"]);
        d.Replace(leaf.Gt + 1, leaf.EndLt, Encoding.UTF8.GetBytes(text));
        return $"{leaf.Path} = {Show(text)}";
    }

    private string? LongText(SyntaxDocument d)
    {
        var leaf = PickLeaf(d.Layout);
        if (leaf is null) return null;
        var length = 1000 + _random.Next(150_000);
        var unit = Pick(["a", "é", "€", "😀", "A", "ab\n", "a\r\n", " "]);
        var text = new StringBuilder(length).Insert(0, unit, length / unit.Length).ToString();
        d.Replace(leaf.Gt + 1, leaf.EndLt, Encoding.UTF8.GetBytes(text));
        return $"{leaf.Path} = {length / unit.Length} × {Show(unit)}";
    }

    private static string? OneLine(SyntaxDocument d)
    {
        var points = d.Layout.WhitespaceGaps;
        if (points.Count == 0) return null;
        d.Apply([.. points.Select(g => (g.Start, g.End - g.Start, ""))]);
        return "no line breaks between elements";
    }

    private static string? NoIndent(SyntaxDocument d)
    {
        var points = d.Layout.WhitespaceGaps;
        if (points.Count == 0) return null;
        d.Apply([.. points.Select(g => (g.Start, g.End - g.Start, "\n"))]);
        return "no indentation";
    }

    private static string? TabIndent(SyntaxDocument d)
    {
        var gaps = d.Layout.WhitespaceGaps;
        if (gaps.Count == 0) return null;
        var edits = new List<(int At, int Remove, string Insert)>();
        foreach (var (start, end) in gaps)
        {
            var gap = Encoding.ASCII.GetString(d.Bytes, start, end - start);
            var line = gap.LastIndexOf('\n');
            if (line < 0) continue;
            var spaces = gap.Length - line - 1;
            edits.Add((start + line + 1, spaces, new string('\t', (spaces + 1) / 2)));
        }
        if (edits.Count == 0) return null;
        d.Apply(edits);
        return "indentation with tabs";
    }

    // ------------------------------------------------------------------ helpers

    private T Pick<T>(IReadOnlyList<T> choices) => choices[_random.Next(choices.Count)];

    private static string Hex(byte[] bytes) => "bytes " + Convert.ToHexString(bytes);

    internal static string Show(string value)
    {
        var sb = new StringBuilder("'");
        foreach (var c in value.Length > 40 ? value[..37] : value)
        {
            if (c < ' ' || c is '\u0085' or '\u2028' or '\uFEFF' or '\u00A0' or '\u200B') sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            else sb.Append(c);
        }
        if (value.Length > 40) sb.Append(CultureInfo.InvariantCulture, $"...({value.Length} chars)");
        return sb.Append('\'').ToString();
    }
}

/// <summary>A document being mutated: its bytes, and its layout found again after each change.</summary>
internal sealed class SyntaxDocument(byte[] bytes)
{
    private Layout? _layout;

    public byte[] Bytes { get; private set; } = bytes;

    public Layout Layout => _layout ??= Layout.Scan(Bytes);

    public void Insert(int at, string text) => Replace(at, at, Encoding.UTF8.GetBytes(text));

    public void Replace(int start, int end, ReadOnlySpan<byte> with)
    {
        var result = new byte[Bytes.Length - (end - start) + with.Length];
        Bytes.AsSpan(0, start).CopyTo(result);
        with.CopyTo(result.AsSpan(start));
        Bytes.AsSpan(end).CopyTo(result.AsSpan(start + with.Length));
        Bytes = result;
        _layout = null;
    }

    /// <summary>Several edits on the current bytes (positions before any of them), applied from the end.</summary>
    public void Apply(IEnumerable<(int At, int Remove, string Insert)> edits)
    {
        var output = new List<byte>(Bytes.Length + 1024);
        var position = 0;
        foreach (var (at, remove, insert) in edits.OrderBy(e => e.At).ThenBy(e => e.Remove))
        {
            if (at < position) continue; // overlapping: skipped
            output.AddRange(Bytes.AsSpan(position, at - position));
            output.AddRange(Encoding.UTF8.GetBytes(insert));
            position = at + remove;
        }
        output.AddRange(Bytes.AsSpan(position));
        Bytes = [.. output];
        _layout = null;
    }
}

/// <summary>An element found by <see cref="Layout.Scan"/>: byte offsets of its tags, name and attributes.</summary>
internal sealed class ElementSpan
{
    public int Lt, NameStart, NameEnd, Gt = -1;
    public bool SelfClosing;
    public List<AttributeSpan> Attributes { get; } = [];
    public int EndLt = -1, EndNameStart = -1, EndNameEnd = -1, EndGt = -1;
    public int Children;
    public int Depth;
    public ElementSpan? Parent;
    public string Name = "";

    public string LocalName => Name[(Name.IndexOf(':', StringComparison.Ordinal) + 1)..];

    public bool IsLeaf => !SelfClosing && Gt > 0 && EndLt > 0 && Children == 0;

    public string Path => (Parent is null ? "" : Parent.Path) + "/" + LocalName;
}

/// <summary>An attribute: offsets of its name, the '=' and the value between the quotes (ValueEnd is the closing quote).</summary>
internal sealed record AttributeSpan(string Name, int NameStart, int NameEnd, int Eq, int ValueStart, int ValueEnd, byte Quote)
{
    public bool IsNamespaceDeclaration => Name == "xmlns" || Name.StartsWith("xmlns:", StringComparison.Ordinal);
}

/// <summary>
/// Where things are in a (possibly broken) document: a tolerant scan that never throws and stops where it cannot
/// make sense of the bytes. Enough to aim mutations, not a parser.
/// </summary>
internal sealed class Layout
{
    public List<ElementSpan> Elements { get; } = [];
    public int BodyStart;
    public int DeclarationStart = -1, DeclarationEnd = -1;
    public int RootStart = -1, RootEnd = -1;

    /// <summary>Points in element-only content: before each child's start tag and before the end tag of an element with children.</summary>
    public List<(int At, ElementSpan Element)> ElementOnlyPoints { get; } = [];

    /// <summary>Whitespace-only runs between tags inside the root.</summary>
    public List<(int Start, int End)> WhitespaceGaps { get; } = [];

    public List<ElementSpan> Leaves => [.. Elements.Where(e => e.IsLeaf)];

    public static Layout Scan(byte[] b)
    {
        var layout = new Layout();
        var n = b.Length;
        var i = b.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        layout.BodyStart = i;
        if (b.AsSpan(i).StartsWith("<?xml"u8))
        {
            var end = b.AsSpan(i).IndexOf("?>"u8);
            if (end > 0)
            {
                layout.DeclarationStart = i;
                layout.DeclarationEnd = i + end + 2;
            }
        }
        var stack = new List<ElementSpan>();
        var lastTagEnd = -1; // end of the last tag, for whitespace gaps
        while (i < n)
        {
            if (b[i] != '<')
            {
                var next = b.AsSpan(i).IndexOf((byte)'<');
                if (next < 0) break;
                if (stack.Count > 0 && lastTagEnd == i && b.AsSpan(i, next).IndexOfAnyExcept(" \t\r\n"u8) < 0)
                    layout.WhitespaceGaps.Add((i, i + next));
                i += next;
                continue;
            }
            var rest = b.AsSpan(i);
            if (rest.StartsWith("<!--"u8)) i = Skip(b, i, 4, "-->"u8);
            else if (rest.StartsWith("<![CDATA["u8)) i = Skip(b, i, 9, "]]>"u8);
            else if (rest.StartsWith("<?"u8)) i = Skip(b, i, 2, "?>"u8);
            else if (rest.StartsWith("<!"u8)) i = Skip(b, i, 2, ">"u8);
            else if (rest.StartsWith("</"u8))
            {
                var nameEnd = NameEnd(b, i + 2);
                var gt = b.AsSpan(nameEnd).IndexOf((byte)'>');
                if (gt < 0) break;
                if (stack.Count > 0)
                {
                    var e = stack[^1];
                    stack.RemoveAt(stack.Count - 1);
                    e.EndLt = i;
                    e.EndNameStart = i + 2;
                    e.EndNameEnd = nameEnd;
                    e.EndGt = nameEnd + gt;
                    if (e.Children > 0) layout.ElementOnlyPoints.Add((i, e));
                    if (e.Depth == 0) layout.RootEnd = e.EndGt + 1;
                }
                i = nameEnd + gt + 1;
                lastTagEnd = i;
                continue;
            }
            else
            {
                var e = new ElementSpan { Lt = i, NameStart = i + 1, Depth = stack.Count, Parent = stack.Count > 0 ? stack[^1] : null };
                e.NameEnd = NameEnd(b, i + 1);
                e.Name = Encoding.UTF8.GetString(b, e.NameStart, e.NameEnd - e.NameStart);
                if (e.Parent is not null)
                {
                    e.Parent.Children++;
                    layout.ElementOnlyPoints.Add((i, e.Parent));
                }
                else if (layout.RootStart < 0) layout.RootStart = i;
                layout.Elements.Add(e);
                if (!Attributes(b, e)) break;
                if (e.SelfClosing && e.Depth == 0 && layout.RootEnd < 0) layout.RootEnd = e.Gt + 1;
                if (!e.SelfClosing) stack.Add(e);
                i = e.Gt + 1;
                lastTagEnd = i;
                continue;
            }
            if (i < 0) break;
        }
        // a whitespace-only text of a leaf is its value, not formatting
        var leafTexts = layout.Elements.Where(e => e.IsLeaf).Select(e => e.Gt + 1).ToHashSet();
        layout.WhitespaceGaps.RemoveAll(g => leafTexts.Contains(g.Start));
        return layout;
    }

    private static int Skip(byte[] b, int i, int open, ReadOnlySpan<byte> close)
    {
        var end = b.AsSpan(i + open).IndexOf(close);
        return end < 0 ? -1 : i + open + end + close.Length;
    }

    private static int NameEnd(byte[] b, int i)
    {
        while (i < b.Length && b[i] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'>' or (byte)'/' or (byte)'=' or (byte)'<')) i++;
        return i;
    }

    private static bool IsWhite(byte c) => c is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    // the attributes and the end of a start tag; false when the tag makes no sense
    private static bool Attributes(byte[] b, ElementSpan e)
    {
        var k = e.NameEnd;
        while (true)
        {
            while (k < b.Length && IsWhite(b[k])) k++;
            if (k >= b.Length) return false;
            if (b[k] == '>')
            {
                e.Gt = k;
                return true;
            }
            if (b[k] == '/' && k + 1 < b.Length && b[k + 1] == '>')
            {
                e.SelfClosing = true;
                e.Gt = k + 1;
                return true;
            }
            var nameStart = k;
            var nameEnd = NameEnd(b, k);
            if (nameEnd == nameStart) return false;
            k = nameEnd;
            while (k < b.Length && IsWhite(b[k])) k++;
            if (k >= b.Length || b[k] != '=') return false;
            var eq = k++;
            while (k < b.Length && IsWhite(b[k])) k++;
            if (k >= b.Length || b[k] is not ((byte)'"' or (byte)'\'')) return false;
            var quote = b[k];
            var close = b.AsSpan(k + 1).IndexOf(quote);
            if (close < 0) return false;
            e.Attributes.Add(new AttributeSpan(Encoding.UTF8.GetString(b, nameStart, nameEnd - nameStart), nameStart, nameEnd, eq, k + 1, k + 1 + close, quote));
            k = k + 2 + close;
        }
    }
}
