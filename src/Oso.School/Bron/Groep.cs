using Oso.Dossier.Model;

namespace Oso.School.Bron;

/// <summary>
/// The group (class) a pupil is in now, as the dossier's school history says: the entry of this school in
/// <c>schoolloopbaanlijst</c> that started last (by <c>begindatum</c>, else <c>schooljaar</c>). Its <c>groepscode</c>
/// ("8A") names the group; without one, the <c>jaargroep</c> ("8"). The LAS already sends this in every dossier, so the
/// LAS API needs no field of its own: a pupil moves group when the LAS delivers the dossier again.
/// </summary>
public static class Groep
{
    /// <summary>The longest group code kept (the standard leaves it free text).</summary>
    public const int MaxLength = 20;

    /// <summary>The pupil's current group at school <paramref name="brin"/>, or null when the dossier does not say.</summary>
    public static string? Current(Leerling leerling, string brin)
    {
        ArgumentNullException.ThrowIfNull(leerling);
        var entries = leerling.Schoolloopbaanlijst;
        var here = entries.Where(e => string.Equals(e.Brincode, brin, StringComparison.OrdinalIgnoreCase)).ToList();
        var latest = (here.Count > 0 ? here : entries)
            .OrderByDescending(e => e.Begindatum ?? DateOnly.MinValue).ThenByDescending(e => e.Schooljaar, StringComparer.Ordinal)
            .FirstOrDefault();
        if (latest is null) return null;
        var code = string.IsNullOrWhiteSpace(latest.Groepscode) ? latest.Jaargroep.Value : latest.Groepscode;
        code = code?.Trim();
        if (string.IsNullOrEmpty(code)) return null;
        return code.Length > MaxLength ? code[..MaxLength] : code;
    }
}
