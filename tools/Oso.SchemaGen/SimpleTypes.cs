using System.Globalization;
using System.Xml.Schema;

namespace Oso.SchemaGen;

/// <summary>A simple type flattened to a built-in base and facets.</summary>
internal sealed record SimpleInfo(string Name, string BuiltIn, int? MinLength, int? MaxLength, string? Pattern, long? MinInclusive, long? MaxInclusive)
{
    public string Variable => "st_" + Name.Replace('-', '_');
}

/// <summary>Collects the simple types the schema uses, giving each a stable variable name.</summary>
internal sealed class SimpleTypes
{
    private readonly Dictionary<XmlSchemaSimpleType, SimpleInfo> _byType = [];
    private readonly Dictionary<string, SimpleInfo> _byName = [];

    public IEnumerable<SimpleInfo> All => _byName.Values.OrderBy(s => s.Name, StringComparer.Ordinal);

    public SimpleInfo Get(XmlSchemaSimpleType type, string contextName)
    {
        if (_byType.TryGetValue(type, out var known)) return known;
        var name = type.QualifiedName.IsEmpty ? contextName : type.QualifiedName.Name;
        if (type.QualifiedName.Namespace == XmlSchema.Namespace) name = "xs_" + type.QualifiedName.Name;
        var info = Flatten(type, name);
        // identical anonymous types share one definition
        var existing = _byName.Values.FirstOrDefault(s => s with { Name = info.Name } == info);
        if (existing is not null && type.QualifiedName.IsEmpty)
        {
            _byType[type] = existing;
            return existing;
        }
        var unique = name;
        for (var i = 2; _byName.ContainsKey(unique); i++) unique = name + i.ToString(CultureInfo.InvariantCulture);
        info = info with { Name = unique };
        _byType[type] = info;
        _byName[unique] = info;
        return info;
    }

    private static SimpleInfo Flatten(XmlSchemaSimpleType type, string name)
    {
        int? minLength = null, maxLength = null;
        long? minInclusive = null, maxInclusive = null;
        string? pattern = null;
        // most derived facet wins; walk from the type to the built-in base
        for (XmlSchemaType? t = type; t is XmlSchemaSimpleType st && st.QualifiedName.Namespace != XmlSchema.Namespace; t = t.BaseXmlSchemaType)
        {
            if (st.Content is not XmlSchemaSimpleTypeRestriction restriction) throw new NotSupportedException("only restrictions: " + name);
            foreach (var facet in restriction.Facets)
            {
                switch (facet)
                {
                    case XmlSchemaMinLengthFacet f: minLength ??= int.Parse(f.Value!, CultureInfo.InvariantCulture); break;
                    case XmlSchemaMaxLengthFacet f: maxLength ??= int.Parse(f.Value!, CultureInfo.InvariantCulture); break;
                    case XmlSchemaMinInclusiveFacet f: minInclusive ??= long.Parse(f.Value!, CultureInfo.InvariantCulture); break;
                    case XmlSchemaMaxInclusiveFacet f: maxInclusive ??= long.Parse(f.Value!, CultureInfo.InvariantCulture); break;
                    case XmlSchemaPatternFacet f:
                        if (pattern is not null) throw new NotSupportedException("two pattern levels: " + name);
                        pattern = f.Value;
                        break;
                    default: throw new NotSupportedException(facet.GetType().Name + " in " + name);
                }
            }
        }
        var builtIn = type.Datatype!.TypeCode switch
        {
            XmlTypeCode.String => "String",
            XmlTypeCode.Boolean => "Boolean",
            XmlTypeCode.Date => "Date",
            XmlTypeCode.Integer => "Integer",
            XmlTypeCode.Int => "Int",
            XmlTypeCode.Decimal => "Decimal",
            var other => throw new NotSupportedException(other + " in " + name),
        };
        return new SimpleInfo(name, builtIn, minLength, maxLength, pattern, minInclusive, maxInclusive);
    }

    public static string Literal(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
