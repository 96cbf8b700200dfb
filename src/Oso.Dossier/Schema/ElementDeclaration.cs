namespace Oso.Dossier.Schema;

/// <summary>An attribute declaration (the gegevensset has only optional, unqualified string attributes).</summary>
/// <param name="Name">The attribute's local name.</param>
/// <param name="Type">Its simple type.</param>
/// <param name="Required">True for use="required".</param>
public sealed record AttributeDeclaration(string Name, SimpleTypeDefinition Type, bool Required = false);

/// <summary>
/// An element declaration: a name in the target namespace with either a simple type (text only, possibly with
/// attributes) or a complex type (element-only content).
/// </summary>
public sealed class ElementDeclaration
{
    private ComplexTypeDefinition? _complex;

    /// <summary>Declares an element of simple type (optionally with attributes: simple content).</summary>
    public ElementDeclaration(string name, SimpleTypeDefinition simpleType, IReadOnlyList<AttributeDeclaration>? attributes = null, bool isBinary = false)
    {
        Name = name;
        SimpleType = simpleType;
        Attributes = attributes ?? [];
        IsBinary = isBinary;
    }

    /// <summary>Declares an element of complex type; the type may be set later (recursive models).</summary>
    public ElementDeclaration(string name, ComplexTypeDefinition? complexType = null)
    {
        Name = name;
        _complex = complexType;
        Attributes = [];
    }

    /// <summary>The local name.</summary>
    public string Name { get; }

    /// <summary>The simple type, for text-only elements.</summary>
    public SimpleTypeDefinition? SimpleType { get; }

    /// <summary>The complex type, for elements with element content.</summary>
    public ComplexTypeDefinition? ComplexType
    {
        get => _complex;
        set => _complex = _complex is null ? value : throw new InvalidOperationException("The type of " + Name + " is already set.");
    }

    /// <summary>The attributes an element of simple content may carry.</summary>
    public IReadOnlyList<AttributeDeclaration> Attributes { get; }

    /// <summary>True for base64 attachment content, which the reader keeps compactly instead of as a string.</summary>
    public bool IsBinary { get; }

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>A complex type with element-only content: a named content model, compiled once to an automaton.</summary>
public sealed class ComplexTypeDefinition
{
    private ContentModel? _model;

    /// <summary>Defines a complex type.</summary>
    public ComplexTypeDefinition(string name, Particle content)
    {
        Name = name;
        Content = content;
    }

    /// <summary>The type's name (an anonymous type is named after its element).</summary>
    public string Name { get; }

    /// <summary>The content particle.</summary>
    public Particle Content { get; }

    /// <summary>The compiled automaton.</summary>
    public ContentModel Model => _model ??= ContentModel.Compile(Content);

    /// <inheritdoc />
    public override string ToString() => Name;
}
