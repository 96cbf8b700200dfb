namespace Oso.School.Portal.Dossiers;

/// <summary>A column the dossier list can be sorted on.</summary>
public enum Sortering
{
    /// <summary>The pupil's name.</summary>
    Naam,

    /// <summary>The group, then the name.</summary>
    Groep,

    /// <summary>The status (concept first), then the name.</summary>
    Status,

    /// <summary>The number of errors (most first), then the name.</summary>
    Controle,

    /// <summary>The last change (newest first).</summary>
    Gewijzigd,
}

/// <summary>What the dossier list shows: a search text, a status, a group, only errors, only waiting requests; and its order.</summary>
/// <param name="Zoek">Name, BSN/onderwijsnummer or LAS number (posted, never in an address).</param>
/// <param name="Status">Only this status.</param>
/// <param name="Groep">Only this group; <see cref="ZonderGroep"/> for pupils whose dossier names none.</param>
/// <param name="MetFouten">Only dossiers with errors.</param>
/// <param name="MetVerzoeken">Only pupils another school asked for while the dossier was not released.</param>
/// <param name="Sorteer">The column.</param>
/// <param name="Aflopend">Reverse order.</param>
public sealed record DossierFilter(string? Zoek = null, DossierStatus? Status = null, string? Groep = null, bool MetFouten = false, bool MetVerzoeken = false,
    Sortering Sorteer = Sortering.Naam, bool Aflopend = false)
{
    /// <summary>The group value for pupils without a group.</summary>
    public const string ZonderGroep = "-";

    /// <summary>Anything narrows the list.</summary>
    public bool Gefilterd => !string.IsNullOrWhiteSpace(Zoek) || Status is not null || Groep is not null || MetFouten || MetVerzoeken;

    /// <summary>The rows that pass, in order.</summary>
    public IReadOnlyList<DossierRow> Apply(IEnumerable<DossierRow> rows, Guid? lasPupil = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var zoek = Zoek?.Trim();
        var passed = rows.Where(r =>
            (string.IsNullOrEmpty(zoek) || r.Identity.Naam.Contains(zoek, StringComparison.OrdinalIgnoreCase) || r.Identity.Pgn == zoek || r.PupilId == lasPupil)
            && (Status is null || r.Status == Status)
            && (Groep is null || string.Equals(r.Groep ?? ZonderGroep, Groep, StringComparison.OrdinalIgnoreCase))
            && (!MetFouten || r.Fouten > 0)
            && (!MetVerzoeken || r.WachtendeVerzoeken > 0));
        var byName = StringComparer.OrdinalIgnoreCase;
        IOrderedEnumerable<DossierRow> ordered = Sorteer switch
        {
            Sortering.Groep => Order(passed, r => r.Groep ?? "\uffff", GroupOrder.Instance).ThenBy(r => r.Identity.Naam, byName),
            Sortering.Status => Order(passed, r => r.Status, Comparer<DossierStatus>.Default).ThenBy(r => r.Identity.Naam, byName),
            Sortering.Controle => Order(passed, r => -r.Fouten, Comparer<int>.Default).ThenBy(r => r.Identity.Naam, byName),
            Sortering.Gewijzigd => Order(passed, r => -r.Bijgewerkt.UtcTicks, Comparer<long>.Default).ThenBy(r => r.Identity.Naam, byName),
            _ => Order(passed, r => r.Identity.Naam, byName),
        };
        return ordered.ToList();
    }

    private IOrderedEnumerable<DossierRow> Order<TKey>(IEnumerable<DossierRow> rows, Func<DossierRow, TKey> key, IComparer<TKey> comparer) =>
        Aflopend ? rows.OrderByDescending(key, comparer) : rows.OrderBy(key, comparer);
}

/// <summary>Groups as people sort them: "7B" before "8A", "8A" before "10A" (the number first, then the rest).</summary>
public sealed class GroupOrder : IComparer<string>
{
    /// <summary>The one instance.</summary>
    public static GroupOrder Instance { get; } = new();

    /// <inheritdoc />
    public int Compare(string? x, string? y)
    {
        var (nx, rx) = Split(x ?? "");
        var (ny, ry) = Split(y ?? "");
        var byNumber = nx.CompareTo(ny);
        return byNumber != 0 ? byNumber : string.Compare(rx, ry, StringComparison.OrdinalIgnoreCase);
    }

    private static (int Number, string Suffix) Split(string text)
    {
        var digits = text.TakeWhile(char.IsAsciiDigit).Count();
        return digits is > 0 and < 9 ? (int.Parse(text.AsSpan(0, digits), System.Globalization.CultureInfo.InvariantCulture), text[digits..]) : (int.MaxValue, text);
    }
}

/// <summary>One group's progress: how many of its pupils are at each status.</summary>
/// <param name="Groep">The group ("8A"), or null for pupils whose dossier names none.</param>
/// <param name="Aantallen">Pupils per status.</param>
/// <param name="Fouten">Pupils whose dossier has errors.</param>
/// <param name="WachtendeVerzoeken">Pupils another school is waiting for.</param>
public sealed record GroepVoortgang(string? Groep, IReadOnlyDictionary<DossierStatus, int> Aantallen, int Fouten, int WachtendeVerzoeken)
{
    /// <summary>Pupils in the group.</summary>
    public int Totaal => Aantallen.Values.Sum();

    /// <summary>Released (and perhaps received already).</summary>
    public int Klaar => Aantallen[DossierStatus.Vrijgegeven] + Aantallen[DossierStatus.Opgevraagd];

    /// <summary>The group's name for people.</summary>
    public string Naam => Groep is null ? "Zonder groep" : "Groep " + Groep;

    /// <summary>The value for a filter on this group.</summary>
    public string FilterWaarde => Groep ?? DossierFilter.ZonderGroep;

    /// <summary>The groups of these rows, in group order (pupils without a group last).</summary>
    public static IReadOnlyList<GroepVoortgang> Of(IEnumerable<DossierRow> rows) =>
        rows.GroupBy(r => r.Groep, StringComparer.OrdinalIgnoreCase)
            .OrderBy(g => g.Key ?? "\uffff", GroupOrder.Instance)
            .Select(g => new GroepVoortgang(g.Key,
                Enum.GetValues<DossierStatus>().ToDictionary(s => s, s => g.Count(r => r.Status == s)),
                g.Count(r => r.Fouten > 0), g.Count(r => r.WachtendeVerzoeken > 0)))
            .ToList();
}
