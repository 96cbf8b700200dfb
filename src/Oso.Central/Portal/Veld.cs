namespace Oso.Central.Portal;

/// <summary>
/// One form field as <c>Shared/_Veld</c> renders it: a label tied to the input, an optional hint and the field's error,
/// both referenced by <c>aria-describedby</c>, and <c>aria-invalid</c> when the error is there.
/// </summary>
/// <param name="Id">The input's id and name (the error summary links to it).</param>
/// <param name="Label">The visible label.</param>
internal sealed record Veld(string Id, string Label)
{
    /// <summary>text, email, password, tel, date, search, file, textarea, select or checkbox.</summary>
    public string Type { get; init; } = "text";

    public string? Waarde { get; init; }

    public string? Hint { get; init; }

    public string? Fout { get; init; }

    public bool Verplicht { get; init; } = true;

    /// <summary>Adds "(niet verplicht)" to the label of an optional field; off when the label says it itself.</summary>
    public bool MarkeerOptioneel { get; init; } = true;

    /// <summary>The autocomplete token (WCAG 1.3.5: e-mail, name, tel, new-password, one-time-code …).</summary>
    public string? Autocomplete { get; init; }

    /// <summary>Options of a select: value and text.</summary>
    public IReadOnlyList<(string Waarde, string Tekst)> Opties { get; init; } = [];

    /// <summary>File types a file input offers (the server checks the content anyway).</summary>
    public string? Accept { get; init; }

    public string? InputMode { get; init; }

    public int? MaxLength { get; init; }

    public string? Pattern { get; init; }

    public bool Gecontroleerd { get; init; }
}
