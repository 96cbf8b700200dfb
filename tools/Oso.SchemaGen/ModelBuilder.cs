using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Schema;

namespace Oso.SchemaGen;

internal enum Shape
{
    Value,          // a simple-typed element (string, date, code, ...)
    TextRecord,     // simple content with attributes (land, nationaliteit): WaardeMetOmschrijving
    Record,         // a complex element
    WrapperList,    // <adreslijst><adres/>...</adreslijst> as a list of Adres
    WrapperSingle,  // <toelichting_onderwijsbehoeften><document/></...> as one Document
    Group,          // a repeated sequence inside a type, as a list of group records
}

internal sealed class RecordModel(string name, string xsdName)
{
    public string Name { get; set; } = name;
    public string XsdName { get; } = xsdName;
    public string? Doc { get; set; }
    public List<MemberModel> Members { get; } = [];
    public bool IsGroup { get; init; }
    public bool IsRoot { get; set; }
    public string? RootElement { get; set; }
}

internal sealed class MemberModel
{
    public required string ElementName { get; init; }
    public required string Property { get; set; }
    public required Shape Shape { get; init; }
    public bool Optional { get; init; }
    public bool Repeated { get; init; }
    public SimpleInfo? Simple { get; init; }
    public string? Code { get; init; }
    public bool Binary { get; init; }
    public RecordModel? Record { get; init; }
    public string? InnerElementName { get; init; }
    public bool WrapperAlwaysWritten { get; init; }   // required wrapper: written even when the list is empty
    public bool NullableList { get; init; }           // optional wrapper whose inner element is optional: null = absent
    public string? Doc { get; init; }

    public string ClrValueType => Code is not null ? $"Code<{Code}>" : Binary ? "Base64Text" : Simple!.BuiltIn switch
    {
        "String" => "string",
        "Boolean" => "bool",
        "Date" => "DateOnly",
        "Integer" => "long",
        "Int" => "int",
        "Decimal" => "decimal",
        var b => throw new NotSupportedException(b),
    };

    public string ElementClrType => Shape switch
    {
        Shape.Value => ClrValueType,
        Shape.TextRecord => "WaardeMetOmschrijving",
        _ => Record!.Name,
    };

    public bool IsList => Repeated || Shape is Shape.WrapperList or Shape.Group;
}

/// <summary>Builds the typed model (records and members) from the compiled schema.</summary>
internal sealed class ModelBuilder(XmlSchema schema, SimpleTypes simple)
{
    // element (by parent/name or */name) or simple type name → code list marker type in Oso.Dossier.Codes
    private static readonly Dictionary<string, string> Codes = new(StringComparer.Ordinal)
    {
        ["overstapadvies/advies"] = "AdviesVo",
        ["overstapadvies/wensouders"] = "AdviesVo",
        ["overstapadvies/wensleerling"] = "AdviesVo",
        ["overstapadvies/herzienadvies"] = "AdviesVo",
        ["overstapadvies/profiel"] = "AdviesProfiel",
        ["communicatie/soort"] = "CommunicatieSoort",
        ["communicatie/aanduiding"] = "CommunicatieAanduiding",
        ["voorschools/codevoorschoolsetoeleider"] = "VoorschoolseToeleider",
        ["voorschools/codevoorschoolsehistorie"] = "VoorschoolseHistorie",
        ["voorschools/codevoorschoolsedeelname"] = "VoorschoolseDeelname",
        ["voorschools/codevoorschoolsprogramma"] = "VveProgramma",
        ["vroegschools/codevroegschoolsprogramma"] = "VveProgramma",
        ["*/nnca"] = "Nnca",
        ["referentiescore/codereferentiescore"] = "ReferentiescoreCode",
        ["referentiescore/codevergelijkingsgroep"] = "Vergelijkingsgroep",
        ["type:jaargroepType"] = "Jaargroep",
        ["type:geslachtType"] = "Geslacht",
        ["type:categorieType"] = "Categorie",
        ["*/leerlinggewicht"] = "Leerlinggewicht",
        ["metadata/overstap"] = "Overstap",
        ["metadata/deeldossier"] = "Deeldossier",
        ["rvc/rvcindicatie"] = "RvcIndicatie",
        ["adres/aanduiding"] = "Huisnummeraanduiding",
        ["adres/soortadres"] = "SoortAdres",
        ["diagnose/code"] = "DiagnoseCode",
        ["dossier/overdrachtsoort"] = "Overdrachtsoort",
        ["tlv/tlvcategorie"] = "TlvCategorie",
        ["examenresultaat/examenuitslag"] = "Examenuitslag",
        ["resultaatvakkenvo/beoordelingexamenvak"] = "BeoordelingExamenvak",
        ["inzage/akkoord"] = "JaNeeOnbekend",
        ["inzage/toestemming"] = "JaNeeOnbekend",
        ["verzorger/relatietotkind"] = "RelatieTotKind",
        ["type:EindtoetsToetssoortType"] = "EindtoetsSoort",
        ["type:EindtoetsToetsniveauType"] = "EindtoetsNiveau",
        ["type:EindtoetsWettelijkeOntheffingType"] = "WettelijkeOntheffing",
        ["type:EindtoetsReferentieniveauType"] = "Referentieniveau",
        ["type:EindtoetsOnderdeelcodeType"] = "EindtoetsOnderdeelcode",
        ["type:EindtoetsDomeincodeType"] = "EindtoetsDomeincode",
    };

    private static readonly Dictionary<string, string> RecordNames = new(StringComparer.Ordinal)
    {
        ["inzageType"] = "Ouderinzage",
        ["EindtoetsToetsType"] = "Eindtoetsresultaat",
        ["cijferlijstTypelijstType"] = "CijferlijstTypelijst",
    };

    private static readonly string[] Roots = ["dossier", "dossiers", "terugkoppeling"];

    private readonly Dictionary<XmlSchemaComplexType, RecordModel> _records = [];
    private readonly Dictionary<string, RecordModel> _byName = new(StringComparer.Ordinal);

    public IEnumerable<RecordModel> Records => _byName.Values.OrderBy(r => r.Name, StringComparer.Ordinal);

    public IEnumerable<RecordModel> RootRecords => Records.Where(r => r.IsRoot);

    public void Build()
    {
        foreach (var global in schema.Items.OfType<XmlSchemaElement>())
        {
            if (global.ElementSchemaType is not XmlSchemaComplexType ct || ct.ContentType != XmlSchemaContentType.ElementOnly) continue;
            var record = RecordFor(global, parent: null);
            if (Roots.Contains(global.QualifiedName.Name))
            {
                record.IsRoot = true;
                record.RootElement = global.QualifiedName.Name;
            }
        }
    }

    private XmlSchemaElement Resolve(XmlSchemaElement e) =>
        e.RefName.IsEmpty ? e : (XmlSchemaElement)schema.Elements[e.RefName]!;

    private RecordModel RecordFor(XmlSchemaElement element, RecordModel? parent)
    {
        var type = (XmlSchemaComplexType)element.ElementSchemaType!;
        // <xs:element name="leerling"><xs:complexType><xs:complexContent><xs:extension base="leerlingType"/>: the base's record
        if (type.QualifiedName.IsEmpty && type.ContentModel is XmlSchemaComplexContent { Content: XmlSchemaComplexContentExtension { Particle: null } ext }
            && ext.Attributes.Count == 0)
            type = (XmlSchemaComplexType)type.BaseXmlSchemaType!;
        if (_records.TryGetValue(type, out var known)) return known;

        string name;
        if (!type.QualifiedName.IsEmpty)
            name = RecordNames.GetValueOrDefault(type.QualifiedName.Name) ?? Pascal(StripType(type.QualifiedName.Name));
        else
        {
            name = Pascal(element.QualifiedName.Name);
            if (_byName.ContainsKey(name) && parent is not null) name = parent.Name + name;
        }
        if (_byName.ContainsKey(name)) throw new InvalidOperationException("record name collision: " + name);
        var record = new RecordModel(name, type.QualifiedName.IsEmpty ? element.QualifiedName.Name : type.QualifiedName.Name)
        {
            Doc = Documentation(Resolve(element)) ?? Documentation(type),
        };
        _records[type] = record;
        _byName[name] = record;
        Walk(type.ContentTypeParticle, record, optional: false);
        FixNames(record);
        return record;
    }

    private void Walk(XmlSchemaParticle particle, RecordModel record, bool optional)
    {
        var min = particle.MinOccurs;
        var repeated = particle.MaxOccurs > 1;
        switch (particle)
        {
            case XmlSchemaElement e:
                record.Members.Add(Member(e, record, optional || min == 0, repeated));
                return;
            case XmlSchemaGroupBase group when repeated:
                var groupRecord = new RecordModel(record.Name + "Groep", record.XsdName + "/groep") { IsGroup = true, Doc = "Eén herhaling van de groep in " + record.XsdName + "." };
                _byName[groupRecord.Name] = groupRecord;
                foreach (XmlSchemaParticle item in group.Items) Walk(item, groupRecord, group is XmlSchemaChoice);
                if (groupRecord.Members[0].Optional) throw new NotSupportedException("a repeated group must start with a required element: " + record.Name);
                FixNames(groupRecord);
                record.Members.Add(new MemberModel
                {
                    ElementName = groupRecord.Members[0].ElementName,
                    Property = "Groepen",
                    Shape = Shape.Group,
                    Record = groupRecord,
                    Optional = optional || min == 0,
                    Doc = "De herhaalde groepen van " + string.Join(", ", groupRecord.Members.Select(m => m.ElementName)) + ".",
                });
                return;
            case XmlSchemaSequence seq:
                foreach (XmlSchemaParticle item in seq.Items) Walk(item, record, optional || min == 0);
                return;
            case XmlSchemaChoice choice:
                foreach (XmlSchemaParticle item in choice.Items) Walk(item, record, optional: true);
                return;
            default:
                throw new NotSupportedException(particle.GetType().Name);
        }
    }

    private MemberModel Member(XmlSchemaElement particleElement, RecordModel owner, bool optional, bool repeated)
    {
        var element = Resolve(particleElement);
        var name = element.QualifiedName.Name;
        var doc = Documentation(particleElement) ?? Documentation(element);
        switch (element.ElementSchemaType)
        {
            case XmlSchemaSimpleType st:
                return new MemberModel
                {
                    ElementName = name, Property = Pascal(name), Shape = Shape.Value, Optional = optional, Repeated = repeated,
                    Simple = simple.Get(st, name), Code = CodeFor(owner, name, st), Binary = name == "bestandsinhoud", Doc = doc,
                };
            case XmlSchemaComplexType { ContentType: XmlSchemaContentType.TextOnly, AttributeUses.Count: 0 } plain:
                var baseType = (XmlSchemaSimpleType)plain.BaseXmlSchemaType!;
                return new MemberModel
                {
                    ElementName = name, Property = Pascal(name), Shape = Shape.Value, Optional = optional, Repeated = repeated,
                    Simple = simple.Get(baseType, name), Code = CodeFor(owner, name, baseType), Doc = doc,
                };
            case XmlSchemaComplexType { ContentType: XmlSchemaContentType.TextOnly } sc:
                if (sc.AttributeUses.Count != 1 || !sc.AttributeUses.Values.Cast<XmlSchemaAttribute>().Single().QualifiedName.Name.Equals("omschrijving", StringComparison.Ordinal))
                    throw new NotSupportedException("simple content other than value + omschrijving: " + name);
                return new MemberModel { ElementName = name, Property = Pascal(name), Shape = Shape.TextRecord, Optional = optional, Repeated = repeated, Doc = doc };
            case XmlSchemaComplexType ct:
                if (!repeated && Wrapper(ct) is { } inner)
                {
                    var innerElement = Resolve(inner);
                    var innerRepeated = inner.MaxOccurs > 1;
                    if (innerElement.ElementSchemaType is XmlSchemaComplexType { ContentType: XmlSchemaContentType.ElementOnly }
                        && (inner.MinOccurs >= 1 || !optional) && (innerRepeated || inner.MinOccurs >= 1))
                    {
                        var innerRecord = RecordFor(innerElement, owner);
                        return new MemberModel
                        {
                            ElementName = name, Property = Pascal(name), Shape = innerRepeated ? Shape.WrapperList : Shape.WrapperSingle,
                            Optional = optional, Record = innerRecord, InnerElementName = innerElement.QualifiedName.Name,
                            WrapperAlwaysWritten = !optional, Doc = doc,
                        };
                    }
                    if (innerRepeated && optional && inner.MinOccurs == 0
                        && innerElement.ElementSchemaType is XmlSchemaComplexType { ContentType: XmlSchemaContentType.ElementOnly })
                    {
                        return new MemberModel
                        {
                            ElementName = name, Property = Pascal(name), Shape = Shape.WrapperList, Optional = true, NullableList = true,
                            Record = RecordFor(innerElement, owner), InnerElementName = innerElement.QualifiedName.Name, Doc = doc,
                        };
                    }
                }
                return new MemberModel
                {
                    ElementName = name, Property = Pascal(name), Shape = Shape.Record, Optional = optional, Repeated = repeated,
                    Record = RecordFor(element, owner), Doc = doc,
                };
            default:
                throw new NotSupportedException(name);
        }
    }

    // a type whose whole content is one element particle (possibly repeated): a list or a single wrapper
    private static XmlSchemaElement? Wrapper(XmlSchemaComplexType ct) =>
        ct.AttributeUses.Count == 0 && ct.ContentTypeParticle is XmlSchemaSequence { MinOccurs: 1, MaxOccurs: 1 } seq
        && seq.Items.Count == 1 && seq.Items[0] is XmlSchemaElement only ? only : null;

    private string? CodeFor(RecordModel owner, string name, XmlSchemaSimpleType type)
    {
        if (!type.QualifiedName.IsEmpty && Codes.TryGetValue("type:" + type.QualifiedName.Name, out var byType)) return byType;
        if (type.BaseXmlSchemaType is { QualifiedName.IsEmpty: false } b && Codes.TryGetValue("type:" + b.QualifiedName.Name, out var byBase)) return byBase;
        return Codes.GetValueOrDefault(owner.XsdName.Replace("Type", "", StringComparison.Ordinal) + "/" + name)
            ?? Codes.GetValueOrDefault(Camel(owner.Name) + "/" + name)
            ?? Codes.GetValueOrDefault("*/" + name);
    }

    private static void FixNames(RecordModel record)
    {
        foreach (var m in record.Members)
            if (m.Property == record.Name) m.Property += "Waarde";
        var duplicate = record.Members.GroupBy(m => m.ElementName).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new NotSupportedException($"element {duplicate.Key} twice in {record.Name}");
    }

    private static string? Documentation(XmlSchemaAnnotated item)
    {
        var texts = item.Annotation?.Items.OfType<XmlSchemaDocumentation>()
            .Where(d => d.Source == "semantiek")
            .SelectMany(d => d.Markup ?? [])
            .OfType<XmlText>()
            .Select(t => t.Value)
            .ToList();
        if (texts is null || texts.Count == 0) return null;
        var text = string.Join(" ", texts).Trim();
        var sb = new StringBuilder();
        foreach (var part in text.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries)) sb.Append(part).Append(' ');
        return sb.ToString().Trim();
    }

    private static string StripType(string name) => name.EndsWith("Type", StringComparison.Ordinal) ? name[..^4] : name;

    internal static string Pascal(string name)
    {
        var sb = new StringBuilder();
        foreach (var part in name.Split(['_', '-'], StringSplitOptions.RemoveEmptyEntries))
            sb.Append(char.ToUpper(part[0], CultureInfo.InvariantCulture)).Append(part.AsSpan(1));
        return sb.ToString();
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
