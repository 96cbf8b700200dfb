namespace Oso.Dossier.Validation;

/// <summary>The severity of a <see cref="Melding"/>, named as in the official <c>&lt;meldingen&gt;</c> output.</summary>
public enum MeldingType
{
    /// <summary>An error by the official standard (XSD or the official business rules): the dossier is invalid.</summary>
    Fout,

    /// <summary>A check beyond the official standard (e.g. the 11-proef of a BSN). Counts as an error only in strict mode.</summary>
    Waarschuwing,
}

/// <summary>
/// One validation message: a stable <see cref="Code"/>, a Dutch <see cref="Tekst"/>, and where it applies — an
/// official-style XPath (<c>/dossier[1]/inzage[1]</c>) and, when known, the line and column in the source.
/// </summary>
/// <param name="Type">Fout or Waarschuwing.</param>
/// <param name="Code">A stable code: an official rule id (<c>OVa.MD01</c>), a code list (<c>CL2</c>), or our own (<c>XSD.ElementOnverwacht</c>).</param>
/// <param name="Locatie">The XPath of the element concerned, as the official validator writes it; empty when the document has no element yet.</param>
/// <param name="Regel">The 1-based line in the source, or 0 when unknown.</param>
/// <param name="Kolom">The 1-based column in the source, or 0 when unknown.</param>
/// <param name="Tekst">The message in Dutch.</param>
public sealed record Melding(MeldingType Type, string Code, string Locatie, int Regel, int Kolom, string Tekst)
{
    /// <summary>True for <see cref="MeldingType.Fout"/>.</summary>
    public bool IsFout => Type == MeldingType.Fout;

    /// <inheritdoc />
    public override string ToString() =>
        $"{Type} {Code} {Locatie}{(Regel > 0 ? $" ({Regel}:{Kolom})" : "")}: {Tekst}";
}
