using Oso.Dossier.Validation;

namespace Oso.Dossier.Xml;

/// <summary>What reading a document gave: the element tree (when the XML was well-formed) and the structural messages.</summary>
/// <param name="Root">The document element, or null when the input was not well-formed XML or exceeded a limit.</param>
/// <param name="Meldingen">Structural errors (well-formedness, limits, schema), in document order.</param>
public sealed record XmlReadResult(XmlElementNode? Root, IReadOnlyList<Melding> Meldingen)
{
    /// <summary>True when the input was well-formed XML within the limits (a tree exists).</summary>
    public bool WellFormed => Root is not null;

    /// <summary>True when the document is well-formed and valid by the schema.</summary>
    public bool StructurallyValid => Root is not null && !Meldingen.Any(m => m.IsFout);
}
