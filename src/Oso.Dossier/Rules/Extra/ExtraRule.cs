using Oso.Dossier.Validation;
using Oso.Dossier.Xml;

namespace Oso.Dossier.Rules.Extra;

/// <summary>One check beyond the official standard: a stable code and what it finds, in Dutch.</summary>
/// <param name="Code">The code, <c>EXTRA.*</c>.</param>
/// <param name="Omschrijving">What the check looks for (the meldingen themselves name the values).</param>
public sealed record ExtraRule(string Code, string Omschrijving)
{
    /// <summary>A <see cref="MeldingType.Waarschuwing"/> at this element.</summary>
    internal Melding At(XmlElementNode node, string tekst) =>
        new(MeldingType.Waarschuwing, Code, node.XPath, node.Line, node.Column, tekst);
}
