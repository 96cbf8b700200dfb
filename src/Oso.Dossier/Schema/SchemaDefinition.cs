namespace Oso.Dossier.Schema;

/// <summary>
/// A schema: its target namespace and global elements. OSO publishes one schema version per school year;
/// each is one <see cref="SchemaDefinition"/>, so versions plug in side by side.
/// </summary>
public sealed class SchemaDefinition
{
    private readonly Dictionary<string, ElementDeclaration> _globals;

    /// <summary>Defines a schema.</summary>
    public SchemaDefinition(string version, string targetNamespace, IEnumerable<ElementDeclaration> globalElements)
    {
        ArgumentNullException.ThrowIfNull(globalElements);
        Version = version;
        TargetNamespace = targetNamespace;
        _globals = globalElements.ToDictionary(e => e.Name, StringComparer.Ordinal);
        AllNames = CollectNames();
        Names = Xml.SchemaNameTable.Freeze(AllNames.Concat(WellKnownNames));
        foreach (var e in AllElements()) _ = e.ComplexType?.Model; // compile every automaton once, up front
    }

    /// <summary>The standard's version, e.g. <c>2019.1</c>.</summary>
    public string Version { get; }

    /// <summary>The namespace of every element.</summary>
    public string TargetNamespace { get; }

    /// <summary>The global elements (any may be a document's root by the schema; a dossier's is <c>dossier</c> or <c>dossiers</c>).</summary>
    public IReadOnlyCollection<ElementDeclaration> GlobalElements => _globals.Values;

    /// <summary>Every element and attribute name of the schema (to seed a reader's name table).</summary>
    public IReadOnlyList<string> AllNames { get; }

    // names every document brings besides the schema's own
    private static readonly string[] WellKnownNames =
        ["xmlns", "xml", "http://www.w3.org/2000/xmlns/", "http://www.w3.org/XML/1998/namespace", "http://www.w3.org/2001/XMLSchema-instance", "xsi", "schemaLocation", "noNamespaceSchemaLocation", "type", "nil"];

    internal System.Collections.Frozen.FrozenDictionary<string, string> Names { get; }

    /// <summary>A global element by name, or null.</summary>
    public ElementDeclaration? Global(string name) => _globals.GetValueOrDefault(name);

    /// <summary>Every element declaration reachable from the globals.</summary>
    public IEnumerable<ElementDeclaration> AllElements()
    {
        var seen = new HashSet<ElementDeclaration>();
        var stack = new Stack<ElementDeclaration>(_globals.Values);
        while (stack.Count > 0)
        {
            var e = stack.Pop();
            if (!seen.Add(e)) continue;
            yield return e;
            if (e.ComplexType is { } type)
                foreach (var child in Children(type.Content)) stack.Push(child);
        }
    }

    private static IEnumerable<ElementDeclaration> Children(Particle p) => p switch
    {
        ElementParticle e => [e.Element],
        SequenceParticle s => s.Items.SelectMany(Children),
        ChoiceParticle c => c.Items.SelectMany(Children),
        _ => [],
    };

    private string[] CollectNames()
    {
        var names = new HashSet<string>(StringComparer.Ordinal) { TargetNamespace };
        foreach (var e in AllElements())
        {
            names.Add(e.Name);
            foreach (var a in e.Attributes) names.Add(a.Name);
        }
        return names.Order(StringComparer.Ordinal).ToArray();
    }
}
