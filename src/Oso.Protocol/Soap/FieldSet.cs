using Oso.Protocol.Messages;

namespace Oso.Protocol.Soap;

/// <summary>Parses a field's text; false when the text is not a valid value.</summary>
internal delegate bool FieldParser<T>(string text, out T value);

/// <summary>A kind of field value: its parser and, in Dutch, what is expected.</summary>
internal sealed record FieldKind<T>(FieldParser<T> Parse, string Verwachting);

/// <summary>
/// The fields of one message element as read from the wire (name → text, with location), the aanleverpunt
/// entries and the embedded gegevensset element. The decoder takes what it needs; whatever it leaves is refused,
/// so no operation has to list what it does not accept.
/// </summary>
internal sealed class FieldSet(string element, int line, int column)
{
    private readonly Dictionary<string, Field> _fields = new(StringComparer.Ordinal);
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);
    private bool _aanleverpuntenTaken;
    private bool _embeddedTaken;

    public string Element { get; } = element;

    public List<FieldSet> Aanleverpunten { get; } = [];

    public Embedded? Document { get; set; }

    /// <summary>A <c>ds:Signature</c> from a <c>dossierHandtekening</c> element, with its location.</summary>
    public (Proofs.Handtekening Xml, int Line, int Column)? Handtekening { get; set; }

    private bool _handtekeningTaken;

    public Proofs.Handtekening? TakeHandtekening()
    {
        _handtekeningTaken = true;
        return Handtekening?.Xml;
    }

    public void Add(string name, string text, int fieldLine, int fieldColumn)
    {
        if (!_fields.TryAdd(name, new Field(text, fieldLine, fieldColumn)))
            throw ReadContext.FailAt(fieldLine, fieldColumn, SoapFoutcodes.DubbelElement,
                $"Het element '{ReadContext.Naam(name)}' komt meer dan eens voor in '{Element}'.");
    }

    public bool Has(string name) => _fields.ContainsKey(name);

    public T Required<T>(string name, FieldKind<T> kind)
    {
        if (!_fields.TryGetValue(name, out var field))
            throw ReadContext.FailAt(line, column, SoapFoutcodes.ElementOntbreekt,
                $"Het verplichte element '{name}' ontbreekt in '{Element}'.");
        return Parse(name, field, kind);
    }

    public T? Optional<T>(string name, FieldKind<T> kind)
        where T : struct =>
        _fields.TryGetValue(name, out var field) ? Parse(name, field, kind) : null;

    public void Ignore(string name) => _taken.Add(name);

    public IReadOnlyList<FieldSet> TakeAanleverpunten()
    {
        _aanleverpuntenTaken = true;
        return Aanleverpunten;
    }

    public Embedded? TakeDocument()
    {
        _embeddedTaken = true;
        return Document;
    }

    public SoapReadException FailHere(string foutcode, string tekst) => ReadContext.FailAt(line, column, foutcode, tekst);

    /// <summary>Refuses the first field the decoder did not take.</summary>
    public void EnsureAllTaken()
    {
        foreach (var (name, field) in _fields)
            if (!_taken.Contains(name))
                throw ReadContext.FailAt(field.Line, field.Column, SoapFoutcodes.OnbekendElement,
                    $"Het element '{ReadContext.Naam(name)}' hoort niet in '{Element}'.");
        if (Aanleverpunten.Count > 0 && !_aanleverpuntenTaken)
            throw FailHere(SoapFoutcodes.OnbekendElement, $"Het element 'aanleverpunt' hoort niet in '{Element}'.");
        if (Handtekening is { } h && !_handtekeningTaken)
            throw ReadContext.FailAt(h.Line, h.Column, SoapFoutcodes.OnbekendElement, $"Het element 'dossierHandtekening' hoort niet in '{Element}'.");
        if (Document is { } d && !_embeddedTaken)
            throw ReadContext.FailAt(d.Line, d.Column, SoapFoutcodes.OnbekendElement,
                $"Het element '{d.Xml.RootName}' (gegevensset) hoort niet in '{Element}'.");
    }

    // Values are never quoted in a fault: a field may hold a PGN.
    private T Parse<T>(string name, Field field, FieldKind<T> kind)
    {
        _taken.Add(name);
        return kind.Parse(field.Text, out var value)
            ? value
            : throw ReadContext.FailAt(field.Line, field.Column, SoapFoutcodes.OngeldigeWaarde,
                $"Het element '{name}' in '{Element}' bevat geen geldige waarde; verwacht: {kind.Verwachting}.");
    }

    private readonly record struct Field(string Text, int Line, int Column);

    internal sealed record Embedded(GegevenssetXml Xml, int Line, int Column);
}
