namespace Oso.School.Portal;

/// <summary>
/// The errors of a submitted form, in the order of the form: shown together in an error summary at the top (each a link
/// to its field) and each next to its field (<c>aria-describedby</c>, <c>aria-invalid</c>).
/// </summary>
public sealed class FormErrors
{
    private readonly List<(string Field, string Message)> _errors = [];
    private readonly Dictionary<string, string> _labels = new(StringComparer.Ordinal);

    /// <summary>The errors.</summary>
    public IReadOnlyList<(string Field, string Message)> All => _errors;

    /// <summary>True when there are none.</summary>
    public bool None => _errors.Count == 0;

    /// <summary>Adds an error for a field (the id of its input).</summary>
    public void Add(string field, string message) => _errors.Add((field, message));

    /// <summary>Adds an error for a field, named in the error summary by its label ("Achternaam: Vul de achternaam in.").</summary>
    public void Add(string field, string message, string label)
    {
        Add(field, message);
        _labels[field] = label;
    }

    /// <summary>The label the summary names a field by, or null.</summary>
    public string? LabelOf(string field) => _labels.GetValueOrDefault(field);

    /// <summary>The message for a field, or null.</summary>
    public string? For(string field) => _errors.Where(e => e.Field == field).Select(e => e.Message).FirstOrDefault();

    /// <summary>The id of a field's message element.</summary>
    public static string MessageId(string field) => field + "-fout";

    /// <summary><c>aria-describedby</c> for a field: its hint and its error, as far as present.</summary>
    public string? DescribedBy(string field, string? hintId = null)
    {
        var ids = new[] { hintId, For(field) is null ? null : MessageId(field) }.OfType<string>().ToArray();
        return ids.Length == 0 ? null : string.Join(' ', ids);
    }

    /// <summary><c>aria-invalid</c> for a field ("true" or null).</summary>
    public string? Invalid(string field) => For(field) is null ? null : "true";
}
