using Microsoft.AspNetCore.Mvc;
using Oso.Central.Register;

namespace Oso.Central.Portal.Publiek;

/// <summary>The public list of qualified schools: searchable by name, BRIN or place, with counts per province and municipality.</summary>
[Voor(Toegang.Iedereen)]
internal sealed class ScholenModel : PortaalPagina
{
    [BindProperty(SupportsGet = true, Name = "zoek")]
    public string? Zoek { get; set; }

    [BindProperty(SupportsGet = true, Name = "provincie")]
    public string? Provincie { get; set; }

    public IReadOnlyList<SchoolInfo> Alle { get; private set; } = [];

    public IReadOnlyList<SchoolInfo> Gevonden { get; private set; } = [];

    public IReadOnlyList<string> Provincies { get; private set; } = [];

    /// <summary>Per province, the number of qualified schools and per municipality in it.</summary>
    public IReadOnlyList<(string Provincie, int Aantal, IReadOnlyList<(string Gemeente, int Aantal)> Gemeenten)> Regio { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Alle = (await Admin.SchoolsAsync(null, Ct)).Where(s => s.OpenbaarGekwalificeerd()).OrderBy(s => s.Naam, StringComparer.OrdinalIgnoreCase).ToList();
        Provincies = Alle.Select(s => s.Provincie ?? Onbekend).Distinct().Order(StringComparer.OrdinalIgnoreCase).ToList();
        var zoek = Zoek?.Trim();
        Gevonden = Alle.Where(s => (string.IsNullOrEmpty(Provincie) || string.Equals(s.Provincie ?? Onbekend, Provincie, StringComparison.OrdinalIgnoreCase))
                && (string.IsNullOrEmpty(zoek) || Bevat(s.Naam, zoek) || Bevat(s.Brin, zoek) || Bevat(s.Plaats, zoek) || Bevat(s.Gemeente, zoek)))
            .ToList();
        Regio = Alle.GroupBy(s => s.Provincie ?? Onbekend).OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => (g.Key, g.Count(), (IReadOnlyList<(string, int)>)g.GroupBy(s => s.Gemeente ?? s.Plaats ?? Onbekend)
                .OrderBy(x => x.Key, StringComparer.OrdinalIgnoreCase).Select(x => (x.Key, x.Count())).ToList()))
            .ToList();
    }

    public const string Onbekend = "Onbekend";

    public bool Gefilterd => !string.IsNullOrWhiteSpace(Zoek) || !string.IsNullOrEmpty(Provincie);

    private static bool Bevat(string? tekst, string zoek) => tekst is not null && tekst.Contains(zoek, StringComparison.OrdinalIgnoreCase);
}
