namespace Oso.Dossier.Validation;

/// <summary>The outcome of validating one document: every message, and the verdicts derived from them.</summary>
/// <param name="Meldingen">Structural messages first (in document order), then business-rule messages (in the official order), then checks beyond the standard.</param>
public sealed record ValidationReport(IReadOnlyList<Melding> Meldingen)
{
    /// <summary>Valid by the official standard: no <see cref="MeldingType.Fout"/>.</summary>
    public bool Valid => !Meldingen.Any(m => m.Type == MeldingType.Fout);

    /// <summary>Valid and without warnings from the checks beyond the standard.</summary>
    public bool ValidStrict => Meldingen.Count == 0;

    /// <summary>The verdict in normal or strict mode.</summary>
    public bool IsValid(bool strict) => strict ? ValidStrict : Valid;

    /// <summary>The number of errors.</summary>
    public int Fouten => Meldingen.Count(m => m.Type == MeldingType.Fout);

    /// <summary>The number of warnings.</summary>
    public int Waarschuwingen => Meldingen.Count(m => m.Type == MeldingType.Waarschuwing);
}
