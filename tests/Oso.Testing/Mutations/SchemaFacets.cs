using System.Globalization;
using System.Xml;
using System.Xml.Schema;

namespace Oso.Testing.Mutations;

/// <summary>
/// The simple types of the official XSD by element and attribute name, read with .NET's <see cref="XmlSchemaSet"/>
/// (not from our generated schema, so that a mistake there is not copied), and values at and just beyond each
/// type's facets: lengths at the limit and one over (also in characters outside the BMP), integers around each
/// bound, near misses of each pattern, impossible dates and odd time zones, decimals in every lexical shape, numbers
/// around the 24 digits xmllint takes.
/// </summary>
public sealed class SchemaFacets
{
    private readonly Dictionary<string, List<SimpleFacets>> _elements = new(StringComparer.Ordinal);
    private readonly List<(string Element, string Attribute, SimpleFacets Type)> _attributes = [];
    private readonly HashSet<XmlSchemaComplexType> _visited = [];

    private SchemaFacets(XmlSchemaSet schemas)
    {
        foreach (var element in schemas.GlobalElements.Values.Cast<XmlSchemaElement>()) Visit(schemas, element);
        GlobalElements = [.. schemas.GlobalElements.Names.Cast<XmlQualifiedName>().Select(n => n.Name).Order(StringComparer.Ordinal)];
    }

    /// <summary>Reads the facets of every element and attribute of a compiled schema.</summary>
    public static SchemaFacets From(XmlSchemaSet schemas) => new(schemas);

    /// <summary>Names of the global elements: each may be a document's root by the schema.</summary>
    public IReadOnlyList<string> GlobalElements { get; }

    /// <summary>Names of the elements with simple content (text).</summary>
    public IReadOnlyCollection<string> TextElements => _elements.Keys;

    /// <summary>Attributes by the element that declares them.</summary>
    public IReadOnlyList<(string Element, string Attribute)> Attributes => [.. _attributes.Select(a => (a.Element, a.Attribute))];

    /// <summary>True when an element of this name has simple content somewhere in the schema.</summary>
    public bool IsTextElement(string name) => _elements.ContainsKey(name);

    /// <summary>Values to try for an element's text: one of the element's types (a name may have several), at and beyond its facets.</summary>
    public IReadOnlyList<string> ElementValues(string element, string current, Random random)
    {
        var types = _elements[element];
        return types[random.Next(types.Count)].Values(current, random);
    }

    /// <summary>Values to try for an attribute.</summary>
    public IReadOnlyList<string> AttributeValues(string element, string attribute, string current, Random random) =>
        _attributes.First(a => a.Element == element && a.Attribute == attribute).Type.Values(current, random);

    private void Visit(XmlSchemaSet schemas, XmlSchemaElement particle)
    {
        var element = particle.RefName.IsEmpty ? particle : (XmlSchemaElement)schemas.GlobalElements[particle.RefName]!;
        var name = element.QualifiedName.Name;
        switch (element.ElementSchemaType)
        {
            case XmlSchemaSimpleType simple:
                Add(name, simple);
                break;
            case XmlSchemaComplexType complex:
                foreach (var use in complex.AttributeUses.Values.Cast<XmlSchemaAttribute>())
                    if (!_attributes.Exists(a => a.Element == name && a.Attribute == use.QualifiedName.Name))
                        _attributes.Add((name, use.QualifiedName.Name, SimpleFacets.Of(use.AttributeSchemaType!)));
                if (complex.ContentType == XmlSchemaContentType.TextOnly)
                {
                    XmlSchemaType? t = complex;
                    while (t is XmlSchemaComplexType) t = t.BaseXmlSchemaType;
                    Add(name, (XmlSchemaSimpleType)t!);
                }
                else if (_visited.Add(complex))
                    Walk(schemas, complex.ContentTypeParticle);
                break;
        }
    }

    private void Walk(XmlSchemaSet schemas, XmlSchemaParticle particle)
    {
        switch (particle)
        {
            case XmlSchemaElement e:
                Visit(schemas, e);
                break;
            case XmlSchemaGroupBase group:
                foreach (var item in group.Items.Cast<XmlSchemaParticle>()) Walk(schemas, item);
                break;
        }
    }

    private void Add(string name, XmlSchemaSimpleType type)
    {
        var facets = SimpleFacets.Of(type);
        var list = _elements.TryGetValue(name, out var l) ? l : _elements[name] = [];
        if (!list.Contains(facets)) list.Add(facets);
    }

    private sealed record SimpleFacets(XmlTypeCode BuiltIn, int? MinLength, int? MaxLength, string? Pattern, decimal? MinInclusive, decimal? MaxInclusive)
    {
        private static readonly string[] Dates =
        [
            "2019-02-28", "2019-02-29", "2020-02-29", "2000-02-29", "2100-02-29", "2019-04-31", "2019-00-10", "2019-12-32", "2019-12-31",
            "0001-01-01", "0000-01-01", "9999-12-31", "10000-01-01", "-0001-01-01", "2019-01-01Z", "2019-01-01+14:00", "2019-01-01+14:01",
            "2019-01-01-14:00", "2019-01-01-14:01", "2019-01-01+13:59", "2019-01-01+00:60", "2019-01-01+1:00", "2019-01-01z", "2019-01-01 Z",
            "2019-1-01", "2019-01-1", "19-01-01", "2019/01/01", "2019-01-01T00:00:00", "20190101", "٢٠١٩-٠١-٠١", "2019-07-31", "2018-07-31",
            "2019-07-30", "2019-07-31Z", "2019-07-31+02:00", " 2019-07-31\n",
        ];

        private static readonly string[] Decimals =
            ["0", "-0", "1.", "0.5", ".5", "-.5", "+1.50", "1,5", "1e3", ".", "-", "+", "1.2.3", " 3.0 ", "00.000", "1 000", "١.٥", "12345678901234567890123.5", "123456789012345678901234.", "1234567890123456789012345.5",
             "0.0000000000000000000000001", "123456789012345678901234567890.5"];

        private static readonly string[] Integers =
            ["0", "-0", "+0", "00", "1.0", "1e1", "0x10", "١", "٣٣", "1 0", "12345678901234567890", "-99999999999999999999", "123456789012345678901234", "1234567890123456789012345", "123456789012345678901234567890"];

        private static readonly string[] Texts = ["x", "\t", "\n", "a\u00A0b", "\u00A0", "😀", "é"];

        public static SimpleFacets Of(XmlSchemaSimpleType type)
        {
            int? minLength = null, maxLength = null;
            decimal? minInclusive = null, maxInclusive = null;
            string? pattern = null;
            // the most derived facet of each kind applies
            for (XmlSchemaType? t = type; t is XmlSchemaSimpleType { Content: XmlSchemaSimpleTypeRestriction restriction }; t = t.BaseXmlSchemaType)
            {
                foreach (var facet in restriction.Facets.Cast<XmlSchemaFacet>())
                {
                    switch (facet)
                    {
                        case XmlSchemaMinLengthFacet f: minLength ??= int.Parse(f.Value!, CultureInfo.InvariantCulture); break;
                        case XmlSchemaMaxLengthFacet f: maxLength ??= int.Parse(f.Value!, CultureInfo.InvariantCulture); break;
                        case XmlSchemaMinInclusiveFacet f: minInclusive ??= decimal.Parse(f.Value!, CultureInfo.InvariantCulture); break;
                        case XmlSchemaMaxInclusiveFacet f: maxInclusive ??= decimal.Parse(f.Value!, CultureInfo.InvariantCulture); break;
                        case XmlSchemaPatternFacet f: pattern ??= f.Value; break;
                    }
                }
            }
            return new SimpleFacets(type.Datatype!.TypeCode, minLength, maxLength, pattern, minInclusive, maxInclusive);
        }

        public IReadOnlyList<string> Values(string current, Random random)
        {
            var values = new List<string> { "", " ", " " + current + " ", current + "\n", current + current };
            if (Pattern is not null) values.AddRange(NearMisses(current, random));
            switch (BuiltIn)
            {
                case XmlTypeCode.String:
                    if (MaxLength is { } max) values.AddRange([new string('x', max), new string('x', max + 1), Astral(max), Astral(max + 1), new string('x', max - 1) + "😀"]);
                    if (MinLength is { } min && min > 1) values.AddRange([new string('x', min - 1), new string('x', min), Astral(min - 1)]);
                    values.AddRange(Texts);
                    break;
                case XmlTypeCode.Date:
                    values.AddRange(Dates);
                    break;
                case XmlTypeCode.Boolean:
                    values.AddRange(ValuePools.Booleans);
                    break;
                case XmlTypeCode.Decimal:
                    values.AddRange(Decimals);
                    break;
                default:
                    values.AddRange(Integers);
                    foreach (var bound in new[] { MinInclusive, MaxInclusive, BuiltIn == XmlTypeCode.Int ? int.MinValue : null, BuiltIn == XmlTypeCode.Int ? int.MaxValue : null })
                        if (bound is { } b)
                            values.AddRange([Show(b - 1), Show(b), Show(b + 1), "+" + Show(b), "0" + Show(b), " " + Show(b) + "\t"]);
                    break;
            }
            return values;
        }

        // the value with one character changed, dropped or added: letters for digits, other digits (Arabic-Indic,
        // full-width: \d and \p{Nd} match them, [0-9] does not), lower case for capitals
        private static IEnumerable<string> NearMisses(string current, Random random)
        {
            if (current.Length == 0) yield break;
            for (var i = 0; i < 4; i++)
            {
                var at = random.Next(current.Length);
                var c = current[at];
                string replacement = c switch
                {
                    >= '0' and <= '9' => random.Next(4) switch { 0 => "A", 1 => ((char)('٠' + (c - '0'))).ToString(), 2 => ((char)('０' + (c - '0'))).ToString(), _ => "-" },
                    >= 'A' and <= 'Z' => random.Next(3) switch { 0 => char.ToLowerInvariant(c).ToString(), 1 => "Ä", _ => "1" },
                    _ => random.Next(2) == 0 ? "0" : "",
                };
                yield return current[..at] + replacement + current[(at + 1)..];
            }
            yield return current[1..];
            yield return current + current[^1];
        }

        private static string Astral(int codePoints) => string.Concat(Enumerable.Repeat("😀", Math.Max(0, codePoints)));

        private static string Show(decimal value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
