using System.Diagnostics;
using System.Globalization;
using System.Text;
using Oso.Dossier.Schema;
using Oso.Dossier.Validation;
using Oso.Dossier.Xml;
using Oso.Testing;
using Oso.Testing.Mutations;

namespace Oso.Dossier.Tests.Xml;

/// <summary>
/// Differential tests of the fast reader (<c>SchemaValidatingReader.TryReadFast</c>: an own UTF-8 tokenizer over the
/// whole document) against the reference, the <see cref="System.Xml.XmlReader"/> path
/// (<c>SchemaValidatingReader.ReadWithXmlReader</c>). The fast reader may refuse to decide (null), and then the
/// XmlReader path decides; but whenever it decides, its <see cref="XmlReadResult"/> must be exactly the reference's:
/// the same meldingen in the same order (type, code, XPath, line, column, text) and the same tree (names, namespaces,
/// positions, attributes in order, text and text nodes, attachments' base64 and facts). <see cref="AssertSame"/> is
/// that comparison; on a mismatch it names the first node that differs.
/// <para>
/// What the tests prove: the fast reader decides every official example, with and without keeping attachments;
/// it agrees on schema-level variants from <see cref="DossierMutator"/> (well-formed, so it must decide nearly all of
/// them); it agrees on syntax-level variants from <see cref="XmlSyntaxMutator"/> (line ends, byte order marks, XML
/// declarations, comments, processing instructions, CDATA, character and entity references, non-ASCII and invalid
/// UTF-8, namespace prefixes, attribute and tag syntax, truncation, tight <see cref="XmlLimits"/>), and it decides the
/// common harmless ones (CRLF, BOM, an <c>encoding="UTF-8"</c> declaration, comments, CDATA, references in text,
/// non-ASCII text, prefixes, single quotes, whitespace around '='); and line and column of meldingen agree after
/// multi-byte characters, tabs and every kind of line end. Along the way two promises the fallback relies on are
/// checked as well, each failing with its own message: the reference never throws, and the variants the syntax
/// mutator calls harmless are well-formed to the reference.
/// </para>
/// <para>
/// Samples are deterministic. A longer run: <c>OSO_FAST_DIFF_VARIANTS=20000 OSO_FAST_DIFF_SEEDS=1,2,3</c> (schema
/// mutations) and <c>OSO_FAST_SYNTAX_VARIANTS=50000 OSO_FAST_SYNTAX_SEEDS=1,2,3</c> (syntax mutations), per seed.
/// Documents on which the readers disagree are kept in <c>TestResults/fast-diff</c>.
/// </para>
/// </summary>
public sealed class FastReaderDifferentialTests
{
    private const string Ns = XmlSyntaxMutator.Ns;
    private const int DefaultMutatedVariants = 1500;
    private const int DefaultSyntaxVariants = 3000;
    private const int Chunk = 500;

    private static SchemaDefinition Schema => Gegevensset2019.Schema;

    // ------------------------------------------------------------------ 1. the comparison

    /// <summary>Fails, naming the first difference, unless the two results are the same in every detail.</summary>
    internal static void AssertSame(XmlReadResult expected, XmlReadResult actual, string context)
    {
        if (ReadResultDifference.First(expected, actual) is { } difference)
            Assert.Fail($"{context}: the fast reader differs from the XmlReader path\n{difference}");
    }

    /// <summary>What the fast reader did with one document, compared with the reference.</summary>
    /// <param name="Decided">It returned a result (or threw).</param>
    /// <param name="Difference">How it differs from the reference (null when it agrees or refused).</param>
    /// <param name="WellFormed">The reference read a tree (the document is well-formed and within the limits).</param>
    /// <param name="ReferenceFailure">The exception the reference threw, if it did (a bug in the reference, not in the fast reader).</param>
    /// <param name="Deviation">A difference where xmllint sides with the fast reader (see <see cref="XmlReaderMisjudgedEncoding"/>).</param>
    private sealed record Comparison(bool Decided, string? Difference, bool WellFormed = false, string? ReferenceFailure = null, string? Deviation = null);

    private static Comparison Compare(byte[] document, XmlLimits limits, bool keepAttachments)
    {
        XmlReadResult expected;
        try
        {
            expected = SchemaValidatingReader.ReadWithXmlReader(new MemoryStream(document, writable: false), Schema, limits, keepAttachments);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // the reference promises never to throw on bad input: when it does, there is nothing to compare with
            return new Comparison(false, null, ReferenceFailure: $"the XmlReader path threw {ex.GetType().Name}: {ex.Message}");
        }
        XmlReadResult? actual;
        try
        {
            actual = SchemaValidatingReader.TryReadFast(document, Schema, limits, keepAttachments);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new Comparison(true, $"the fast reader threw {ex.GetType().Name}: {ex.Message}\n{ex.StackTrace}");
        }
        var difference = actual is null ? null : ReadResultDifference.First(expected, actual);
        if (difference is not null && XmlReaderMisjudgedEncoding(expected, actual!, document))
            return new Comparison(true, null, expected.WellFormed, Deviation: difference);
        return new Comparison(actual is not null, difference, expected.WellFormed);
    }

    /// <summary>
    /// The XmlReader now and then calls well-formed UTF-8 an encoding error: a long run of characters outside the BMP
    /// (surrogate pairs) crossing its internal buffer, seen once in about 100,000 syntax variants. When the fast reader
    /// read a tree and xmllint — the official tool's parser — calls the bytes well-formed, the fast reader is right and
    /// the case is reported as the XmlReader's deviation, not as a difference.
    /// </summary>
    private static bool XmlReaderMisjudgedEncoding(XmlReadResult expected, XmlReadResult actual, byte[] document) =>
        expected.Root is null && actual.Root is not null && expected.Meldingen.Count > 0 && expected.Meldingen[^1].Code == "XML.Codering"
        && Xmllint.Available && Xmllint.WellFormed(document);

    // ------------------------------------------------------------------ 2. the official examples

    [Fact]
    public void The_fast_reader_decides_every_official_example()
    {
        foreach (var example in StandardFiles.Examples)
        {
            var bytes = File.ReadAllBytes(example);
            foreach (var keepAttachments in new[] { true, false })
            {
                var context = $"{Path.GetFileName(example)} (keepAttachments: {keepAttachments})";
                var expected = SchemaValidatingReader.ReadWithXmlReader(new MemoryStream(bytes), Schema, XmlLimits.Default, keepAttachments);
                Assert.True(expected.StructurallyValid, $"{context}: the reference calls an official example invalid: {string.Join(" | ", expected.Meldingen)}");

                var actual = SchemaValidatingReader.TryReadFast(bytes, Schema, XmlLimits.Default, keepAttachments);

                Assert.True(actual is not null, $"{context}: the fast reader did not decide");
                AssertSame(expected, actual, context);
            }
        }
    }

    // ------------------------------------------------------------------ 3. schema-level mutations

    [Fact]
    public void The_fast_reader_agrees_on_mutated_examples()
    {
        var variants = DiffSettings.Count("OSO_FAST_DIFF_VARIANTS", DefaultMutatedVariants);
        var seeds = DiffSettings.Seeds("OSO_FAST_DIFF_SEEDS");
        var facets = SchemaFacets.From(XsdOracle.Schemas);
        var examples = StandardFiles.Examples.Select(p => (Path.GetFileName(p), File.ReadAllText(p))).ToList();
        Keeper.Clear("mutated");
        var stopwatch = Stopwatch.StartNew();
        List<string> differences = [], referenceFailures = [];
        int total = 0, comparisons = 0, undecided = 0;
        foreach (var seed in seeds)
        {
            var mutator = new DossierMutator(seed, examples, facets);
            for (var done = 0; done < variants; done += Chunk)
            {
                var batch = mutator.Take(Math.Min(Chunk, variants - done)).Select(v => (Variant: v, Bytes: Encoding.UTF8.GetBytes(v.Xml))).ToList();
                var outcomes = new Comparison[batch.Count][];
                Parallel.For(0, batch.Count, i => outcomes[i] = [.. KeepAttachmentsFor(total + i).Select(keep => Compare(batch[i].Bytes, XmlLimits.Default, keep))]);
                for (var i = 0; i < batch.Count; i++)
                {
                    var (variant, bytes) = batch[i];
                    total++;
                    comparisons += outcomes[i].Length;
                    if (!outcomes[i][0].Decided) undecided++;
                    foreach (var outcome in outcomes[i].Where(o => o.Difference is not null || o.ReferenceFailure is not null))
                    {
                        var report = $"{variant.Name} [{string.Join("; ", variant.Mutations)}]\n{outcome.Difference ?? outcome.ReferenceFailure}";
                        (outcome.Difference is not null ? differences : referenceFailures).Add(report);
                        Keeper.Keep("mutated", variant.Name, bytes, report);
                    }
                }
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{total} mutated examples (seeds {string.Join(",", seeds)}, {comparisons} comparisons) in {stopwatch.Elapsed.TotalSeconds:F1} s: " +
            $"the fast reader decided {total - undecided}, refused {undecided} ({Percent(undecided, total)}); {differences.Count} differences" +
            (referenceFailures.Count > 0 ? $"; the XmlReader path threw on {referenceFailures.Count}" : ""));
        Assert.True(differences.Count == 0,
            $"{differences.Count} comparisons of {total} mutated examples differ (kept in TestResults/fast-diff/mutated):\n" + string.Join("\n\n", differences.Take(10)));
        AssertReferenceNeverThrew(referenceFailures);
        // the mutator's documents are well-formed UTF-8: refusing more than a few means the fast path rarely runs
        Assert.True(undecided <= total / 20, $"the fast reader refused {undecided} of {total} well-formed mutated examples (more than 5 %)");
    }

    // most variants once (alternating), every fifth both with and without attachments
    private static bool[] KeepAttachmentsFor(int index) => index % 5 == 0 ? [true, false] : [index % 2 == 0];

    private static string Percent(int part, int whole) => whole == 0 ? "-" : (100.0 * part / whole).ToString("F1", CultureInfo.InvariantCulture) + " %";

    // ------------------------------------------------------------------ 4. syntax-level mutations

    [Fact]
    public void The_fast_reader_agrees_on_syntax_mutations()
    {
        var variants = DiffSettings.Count("OSO_FAST_SYNTAX_VARIANTS", DefaultSyntaxVariants);
        var seeds = DiffSettings.Seeds("OSO_FAST_SYNTAX_SEEDS");
        var examples = StandardFiles.Examples.Select(p => (Path.GetFileNameWithoutExtension(p).Replace("Voorbeelddossier_", "", StringComparison.Ordinal), File.ReadAllBytes(p))).ToList();
        var small = SmallDossiers.Select(s => (s.Name, Encoding.UTF8.GetBytes(s.Xml))).ToList();
        Keeper.Clear("syntax");
        var stopwatch = Stopwatch.StartNew();
        List<string> differences = [], referenceFailures = [], deviations = [];
        var refusedHarmless = new List<string>();
        var brokenHarmless = new List<string>();
        var byKind = new SortedDictionary<string, (int Variants, int Undecided)>(StringComparer.Ordinal);
        int total = 0, comparisons = 0, undecided = 0, tight = 0, wellFormed = 0;

        void Run(List<SyntaxVariant> batch, List<XmlLimits?> limits)
        {
            var outcomes = new Comparison[batch.Count][];
            var offset = total;
            Parallel.For(0, batch.Count, i =>
                outcomes[i] = [.. KeepAttachmentsFor(offset + i).Select(keep => Compare(batch[i].Bytes, limits[i] ?? XmlLimits.Default, keep))]);
            for (var i = 0; i < batch.Count; i++)
            {
                var variant = batch[i];
                var decided = outcomes[i][0].Decided;
                total++;
                comparisons += outcomes[i].Length;
                if (limits[i] is not null) tight++;
                if (!decided) undecided++;
                if (outcomes[i][0].WellFormed) wellFormed++;
                foreach (var kind in variant.Kinds.Distinct())
                {
                    var (n, u) = byKind.GetValueOrDefault(kind);
                    byKind[kind] = (n + 1, u + (decided ? 0 : 1));
                }
                var label = $"{variant}{(limits[i] is { } l ? " with " + l : "")}";
                foreach (var outcome in outcomes[i].Where(o => o.Difference is not null || o.ReferenceFailure is not null))
                {
                    var report = $"{label}\n{outcome.Difference ?? outcome.ReferenceFailure}";
                    (outcome.Difference is not null ? differences : referenceFailures).Add(report);
                    Keeper.Keep("syntax", variant.Name + ".xml", variant.Bytes, report);
                }
                foreach (var outcome in outcomes[i].Where(o => o.Deviation is not null))
                {
                    deviations.Add($"{label}\n{outcome.Deviation}");
                    Keeper.Keep("syntax", variant.Name + ".xml", variant.Bytes, $"{label}\nXmlReader deviation (xmllint: well-formed)\n{outcome.Deviation}");
                }
                // the mutator's own promise, checked against the reference: harmless variants stay well-formed
                if (variant.Harmless && limits[i] is null && !outcomes[i][0].WellFormed && outcomes[i][0].Deviation is null) brokenHarmless.Add(label);
                if (variant.Harmless && limits[i] is null && !decided)
                {
                    refusedHarmless.Add(label);
                    Keeper.Keep("syntax", variant.Name + ".xml", variant.Bytes, $"{label}\nrefused, but every mutation is harmless");
                }
            }
        }

        foreach (var seed in seeds)
        {
            var mutator = new XmlSyntaxMutator(seed, examples, small);
            var random = new Random(seed * 7919 + 17); // limits: a sequence of their own, so that the variants do not depend on it

            // every harmless kind once on every base, so that each is sure to be seen
            var sweep = mutator.HarmlessKinds.SelectMany(k => small.Concat(examples).Select(b => mutator.Apply(k, b.Item1, b.Item2))).Where(v => v.Kinds.Count > 0).ToList();
            sweep.AddRange(small.Select(b => new SyntaxVariant("unchanged-" + b.Name, [], [], true, b.Item2)));
            Run(sweep, [.. sweep.Select(_ => (XmlLimits?)null)]);

            for (var done = 0; done < variants; done += Chunk)
            {
                var batch = Enumerable.Range(0, Math.Min(Chunk, variants - done)).Select(_ => mutator.Next()).ToList();
                Run(batch, [.. batch.Select(_ => random.Next(100) < 15 ? TightLimits(random) : null)]);
            }
        }

        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine(
            $"{total} syntax variants (seeds {string.Join(",", seeds)}, {tight} with tight limits, {comparisons} comparisons) in {stopwatch.Elapsed.TotalSeconds:F1} s: " +
            $"{wellFormed} well-formed to the XmlReader path; the fast reader decided {total - undecided}, refused {undecided} ({Percent(undecided, total)}); " +
            $"{differences.Count} differences; {deviations.Count} XmlReader encoding misjudgements (xmllint: well-formed); {refusedHarmless.Count} harmless variants refused" +
            (referenceFailures.Count > 0 ? $"; the XmlReader path threw on {referenceFailures.Count}" : ""));
        output?.WriteLine("refused by kind (variants with that kind among their mutations):");
        foreach (var (kind, (n, u)) in byKind.OrderByDescending(k => (double)k.Value.Undecided / k.Value.Variants))
            output?.WriteLine($"  {kind,-30} {u,5} of {n,5} refused ({Percent(u, n)})");

        Assert.True(brokenHarmless.Count == 0, "the mutator made variants it calls harmless that are not well-formed:\n" + string.Join("\n", brokenHarmless.Take(10)));
        // a sample that is nearly all broken or all fine proves little
        Assert.InRange(wellFormed, total / 5, total - total / 5);
        Assert.True(differences.Count == 0,
            $"{differences.Count} comparisons of {total} syntax variants differ (kept in TestResults/fast-diff/syntax):\n" + string.Join("\n\n", differences.Take(10)));
        AssertReferenceNeverThrew(referenceFailures);
        Assert.True(refusedHarmless.Count == 0,
            $"the fast reader refused {refusedHarmless.Count} variants made only of harmless, common variations of well-formed UTF-8 XML:\n" + string.Join("\n", refusedHarmless.Take(20)));
    }

    // not the fast reader's fault, but the reference's promise ("never throws on bad input") is what the fallback relies on
    private static void AssertReferenceNeverThrew(List<string> failures) =>
        Assert.True(failures.Count == 0,
            $"the XmlReader path (the reference) threw on {failures.Count} documents, a bug in SchemaValidatingReader rather than in the fast reader:\n" +
            string.Join("\n\n", failures.Take(5)));

    private static XmlLimits TightLimits(Random random) => random.Next(5) switch
    {
        0 => new XmlLimits { MaxDepth = 1 + random.Next(10) },
        1 => new XmlLimits { MaxElements = 1 + random.Next(300) },
        2 => new XmlLimits { MaxTextLength = random.Next(100) },
        3 => new XmlLimits { MaxAttributes = random.Next(3) },
        _ => new XmlLimits { MaxDocumentLength = 100 + random.Next(20_000) },
    };

    /// <summary>Small hand-made bases for the syntax mutations: short enough that a mutation is near everything.</summary>
    private static IEnumerable<(string Name, string Xml)> SmallDossiers =>
    [
        ("small-minimal", $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <dossier xmlns="{Ns}">
              <metadata>
                <deeldossier>LASLVS</deeldossier>
                <pakketnaam>Test</pakketnaam>
                <pakketversie>1</pakketversie>
                <datum>2016-01-02</datum>
              </metadata>
            </dossier>

            """),
        ("small-attachment", $"<dossier xmlns=\"{Ns}\">\n\t<metadata>\n\t\t<deeldossier>LASLVS</deeldossier>\n\t</metadata>\n" +
            "\t<overdrachtsoort>overdrachtbinnenbrin</overdrachtsoort>\n\t<huidigeschool>\n\t\t<naam>De School</naam>\n\t\t<adreslijst>\n\t\t\t<adres>\n" +
            "\t\t\t\t<soortadres>post</soortadres><straat>Straat</straat><nummer>1</nummer><postcode>1811JJ</postcode><plaats>Alkmaar</plaats>\n" +
            "\t\t\t\t<land omschrijving=\"Nederland\">6030</land>\n\t\t\t</adres>\n\t\t</adreslijst>\n\t\t<leerling>\n\t\t\t<onderwijsondersteuning>\n" +
            "\t\t\t\t<toelichting_onderwijsbehoeften>\n\t\t\t\t\t<document>\n\t\t\t\t\t\t<bestandsnaam>a.zip</bestandsnaam>\n" +
            "\t\t\t\t\t\t<omschrijving>Leeg archief</omschrijving>\n\t\t\t\t\t\t<bestandsinhoud>UEsFBgAAAAAA\n\t\t\t\t\t\tAAAAAAAAAAAAAAAAAA==</bestandsinhoud>\n" +
            "\t\t\t\t\t</document>\n\t\t\t\t\t<document>\n\t\t\t\t\t\t<bestandsnaam>b.pdf</bestandsnaam>\n\t\t\t\t\t\t<bestandsinhoud>JVBERi0xLjQK</bestandsinhoud>\n" +
            "\t\t\t\t\t</document>\n\t\t\t\t</toelichting_onderwijsbehoeften>\n\t\t\t</onderwijsondersteuning>\n\t\t</leerling>\n\t</huidigeschool>\n</dossier>"),
        ("small-rich", "\uFEFF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<!-- LAS-export -->\r\n" +
            $"<dossier xmlns=\"{Ns}\">\r\n  <metadata>\r\n    <deeldossier><![CDATA[LASLVS]]></deeldossier>\r\n" +
            "    <pakketnaam>Björn &amp; Zoë&#x27;s €😀 &lt;pakket&gt;</pakketnaam>\r\n    <!-- tussen -->\r\n" +
            "    <pakketversie>1<!-- in de tekst -->.0</pakketversie>\r\n  </metadata>\r\n</dossier>\r\n"),
        ("small-prefixed", $"<od:dossiers xmlns:od='{Ns}'>\n  <od:dossier>\n    <od:metadata>\n      <od:deeldossier>LASLVS</od:deeldossier>\n" +
            "    </od:metadata>\n  </od:dossier>\n  <od:dossier>\n    <od:metadata>\n      <od:deeldossier>LAS</od:deeldossier>\n" +
            "      <od:pakketnaam>Ø</od:pakketnaam>\n    </od:metadata>\n    <od:overdrachtsoort/>\n  </od:dossier>\n</od:dossiers>\n"),
    ];

    // ------------------------------------------------------------------ 5. positions

    /// <summary>
    /// Small documents with a melding after multi-byte characters, tabs, references or line ends of every kind. The
    /// position of the first melding with the given code is the reference's, pinned so that each case is sure to test
    /// a position (and to show what a column is: UTF-16 code units, so 😀 counts 2, a tab 1, a BOM 0); the fast reader,
    /// when it decides, must give the same meldingen and tree.
    /// Characters U+E000..U+E0FF stand for the raw byte of their low half (invalid UTF-8).
    /// </summary>
    public static TheoryData<string, string, bool, string, int, int> Positions => new()
    {
        // well-formed: schema errors at the position of an element
        { "after 2-byte text", $"<dossier xmlns=\"{Ns}\"><metadata><deeldossier>é</deeldossier><onbekend/></metadata></dossier>", true, "XSD.ElementOnverwacht", 1, 113 },
        { "after 3-byte text", $"<dossier xmlns=\"{Ns}\"><metadata><deeldossier>€€</deeldossier><onbekend/></metadata></dossier>", true, "XSD.ElementOnverwacht", 1, 114 },
        { "after 4-byte text", $"<dossier xmlns=\"{Ns}\"><metadata><deeldossier>😀😀</deeldossier><onbekend/></metadata></dossier>", true, "XSD.ElementOnverwacht", 1, 116 },
        { "after multi-byte attribute value", $"<dossier xmlns=\"{Ns}\"><huidigeschool><adreslijst><adres><land omschrijving=\"😀é€\">6030</land><onbekend/></adres></adreslijst></huidigeschool></dossier>", true, "XSD.ElementOnverwacht", 1, 146 },
        { "after multi-byte comment", $"<dossier xmlns=\"{Ns}\"><!--😀😀é--><onbekend/></dossier>", true, "XSD.ElementOnverwacht", 1, 87 },
        { "after references", $"<dossier xmlns=\"{Ns}\"><metadata><deeldossier>&#x1F600;&#233;&amp;<onbekend/></deeldossier></metadata></dossier>", true, "XSD.GeenElementenToegestaan", 1, 118 },
        { "after CDATA", $"<dossier xmlns=\"{Ns}\"><metadata><deeldossier><![CDATA[😀\r\né]]><onbekend/></deeldossier></metadata></dossier>", true, "XSD.GeenElementenToegestaan", 2, 6 },
        { "after tabs", $"<dossier xmlns=\"{Ns}\">\n\t<metadata>\n\t\t<onbekend/>\n\t</metadata>\n</dossier>", true, "XSD.ElementOnverwacht", 3, 4 },
        { "after CRLF", $"<dossier xmlns=\"{Ns}\">\r\n  <metadata>\r\n\r\n    <onbekend/>\r\n  </metadata>\r\n</dossier>", true, "XSD.ElementOnverwacht", 4, 6 },
        { "after CRLF in text", $"<dossier xmlns=\"{Ns}\"><metadata><deeldossier>a\r\nb\r\n€</deeldossier> <onbekend/></metadata></dossier>", true, "XSD.ElementOnverwacht", 3, 18 },
        { "after CRLF in attribute", $"<dossier xmlns=\"{Ns}\"><huidigeschool><adreslijst><adres><land omschrijving=\"a\r\nb\tc\"\r\n foo=\"x\">6030</land><onbekend/></adres></adreslijst></huidigeschool></dossier>", true, "XSD.ElementOnverwacht", 3, 22 },
        { "after a BOM", $"\uFEFF<onbekend xmlns=\"{Ns}\"/>", true, "XSD.OnbekendDocument", 1, 2 },
        { "prefixed, after tabs and CRLF", $"<od:dossier xmlns:od=\"{Ns}\">\r\n\t<od:metadata>\r\n\t\t<od:onbekend/>\r\n\t</od:metadata>\r\n</od:dossier>", true, "XSD.ElementOnverwacht", 3, 4 },
        { "value error after 4-byte text", $"<dossier xmlns=\"{Ns}\">😀<metadata><datum>😀</datum></metadata></dossier>", true, "XSD.WaardeOngeldig", 1, 87 },
        { "missing element after tabs", $"<dossier xmlns=\"{Ns}\">\n\t\t<metadata>\t</metadata>\n</dossier>", true, "XSD.ElementOntbreekt", 2, 4 },
        { "after CR", $"<dossier xmlns=\"{Ns}\">\r  <metadata>\r\r    <onbekend/>\r  </metadata>\r</dossier>", false, "XSD.ElementOnverwacht", 4, 6 },
        { "after mixed line ends", $"<dossier xmlns=\"{Ns}\">\r\n<metadata>\r\n\r<onbekend/>\n</metadata>\r</dossier>", false, "XSD.ElementOnverwacht", 4, 2 },
        { "after CR in text", $"<dossier xmlns=\"{Ns}\"><metadata><deeldossier>a\rb\r€</deeldossier>\t<onbekend/></metadata></dossier>", false, "XSD.ElementOnverwacht", 3, 18 },

        // not well-formed: the parser's position (the fast reader may refuse these)
        { "mismatched end tag after multi-byte text", $"<dossier xmlns=\"{Ns}\">\n  <metadata><deeldossier>😀é€</deeldosier></metadata>\n</dossier>", false, "XML.NietWelgevormd", 2, 32 },
        { "invalid UTF-8 after multi-byte text", $"<dossier xmlns=\"{Ns}\">\n  <metadata><deeldossier>😀é€\uE0FF</deeldossier></metadata>\n</dossier>", false, "XML.Codering", 2, 30 },
        { "unknown entity after a tab and CRLF", $"<dossier xmlns=\"{Ns}\">\r\n\t<metadata><deeldossier>é&foo;</deeldossier></metadata>\r\n</dossier>", false, "XML.NietWelgevormd", 2, 27 },
        { "invalid character reference after CR", $"<dossier xmlns=\"{Ns}\">\r\r\t<metadata><deeldossier>€&#0;</deeldossier></metadata>\r</dossier>", false, "XML.Codering", 3, 28 },
        { "truncated after 4-byte text", $"<dossier xmlns=\"{Ns}\">\r\n<metadata><deeldossier>😀😀", false, "XML.Afgebroken", 2, 28 },
        { "truncated inside a character", $"<dossier xmlns=\"{Ns}\">\n<metadata><deeldossier>😀\uE0F0\uE09F", false, "XML.Afgebroken", 2, 26 },
        { "text after the root on a CR line", $"<dossier xmlns=\"{Ns}\"></dossier>\r\r€x", false, "XML.NietWelgevormd", 3, 1 },
        { "duplicate attribute after multi-byte value", $"<dossier xmlns=\"{Ns}\"><land omschrijving=\"😀\" omschrijving=\"é\">1</land></dossier>", false, "XML.NietWelgevormd", 1, 98 },
        { "'<' in an attribute after a tab", $"<dossier xmlns=\"{Ns}\">\n\t<land omschrijving=\"é<\">1</land></dossier>", false, "XML.NietWelgevormd", 2, 23 },
        { "control character after 3-byte text", $"<dossier xmlns=\"{Ns}\"><metadata><deeldossier>€€\u0001</deeldossier></metadata></dossier>", false, "XML.Codering", 1, 99 },
        { "undeclared prefix after tabs", $"<dossier xmlns=\"{Ns}\">\n\t\t<p:metadata/>\n</dossier>", false, "XML.NietWelgevormd", 2, 4 },
        { "encoded surrogate after 2-byte text", $"<dossier xmlns=\"{Ns}\"><metadata><deeldossier>é\uE0ED\uE0A0\uE080</deeldossier></metadata></dossier>", false, "XML.Codering", 1, 98 },
    };

    [Theory]
    [MemberData(nameof(Positions))]
    public void Line_and_column_agree_after_multibyte_characters_tabs_and_line_ends(string name, string xml, bool mustDecide, string code, int line, int column)
    {
        var bytes = RawBytes(xml);
        foreach (var keepAttachments in new[] { true, false })
        {
            var expected = SchemaValidatingReader.ReadWithXmlReader(new MemoryStream(bytes), Schema, XmlLimits.Default, keepAttachments);
            var pinned = expected.Meldingen.FirstOrDefault(m => m.Code == code);
            Assert.True(pinned is not null && (pinned.Regel, pinned.Kolom) == (line, column),
                $"{name}: the reference's first {code} is at {pinned?.Regel}:{pinned?.Kolom}, not at {line}:{column} ({string.Join(" | ", expected.Meldingen)})");

            var actual = SchemaValidatingReader.TryReadFast(bytes, Schema, XmlLimits.Default, keepAttachments);

            if (mustDecide) Assert.True(actual is not null, $"{name}: the fast reader did not decide");
            if (actual is not null) AssertSame(expected, actual, name);
        }
    }

    /// <summary>
    /// A bug in the reference that the syntax mutations found (<c>OSO_FAST_SYNTAX_SEEDS=3</c>), fixed: a UTF-8 byte order
    /// mark directly followed by invalid UTF-8 makes <c>XmlReader.Create</c> itself throw — it decodes the first
    /// characters to sniff the encoding — and the reader was created outside the try block, so
    /// <see cref="SchemaValidatingReader.Read"/> (and with it DossierReader and DossierValidator) threw instead of
    /// returning an <c>XML.Codering</c> melding. The fast reader refuses such input, so this is the fallback's to get right.
    /// </summary>
    [Theory]
    [InlineData("EFBBBF80")]
    [InlineData("EFBBBFFF")]
    [InlineData("EFBBBFC1BF")]
    [InlineData("EFBBBFEDA080")]
    public void The_XmlReader_path_does_not_throw_on_invalid_UTF8_right_after_a_BOM(string prefix)
    {
        var bytes = Convert.FromHexString(prefix + Convert.ToHexString(Encoding.UTF8.GetBytes($"<dossier xmlns=\"{Ns}\"/>")));

        var result = SchemaValidatingReader.ReadWithXmlReader(new MemoryStream(bytes), Schema, XmlLimits.Default, keepAttachments: true);

        Assert.Null(result.Root);
        Assert.Equal("XML.Codering", Assert.Single(result.Meldingen).Code);
    }

    // UTF-8, except that U+E000..U+E0FF stand for one raw byte each
    private static byte[] RawBytes(string xml)
    {
        var output = new List<byte>();
        var pending = new StringBuilder();
        foreach (var c in xml)
        {
            if (c is >= '\uE000' and <= '\uE0FF')
            {
                output.AddRange(Encoding.UTF8.GetBytes(pending.ToString()));
                pending.Clear();
                output.Add((byte)(c - '\uE000'));
            }
            else pending.Append(c);
        }
        output.AddRange(Encoding.UTF8.GetBytes(pending.ToString()));
        return [.. output];
    }

    // ------------------------------------------------------------------ keeping what differs

    private static class Keeper
    {
        private static readonly Lock Gate = new();

        private static DirectoryInfo Directory(string test) =>
            System.IO.Directory.CreateDirectory(Path.Combine(StandardFiles.RepositoryRoot, "TestResults", "fast-diff", test));

        public static void Clear(string test)
        {
            var directory = Path.Combine(StandardFiles.RepositoryRoot, "TestResults", "fast-diff", test);
            if (System.IO.Directory.Exists(directory)) System.IO.Directory.Delete(directory, recursive: true);
        }

        public static void Keep(string test, string name, byte[] document, string report)
        {
            lock (Gate)
            {
                var directory = Directory(test);
                File.WriteAllBytes(Path.Combine(directory.FullName, name), document);
                File.AppendAllText(Path.Combine(directory.FullName, "report.txt"), report + "\n\n");
            }
        }
    }
}
