using Microsoft.AspNetCore.Mvc;
using Oso.Central.Register;

namespace Oso.Central.Portal.Beheer;

/// <summary>The schools in the register, searchable; each links to its page (revoke there).</summary>
[Voor(Toegang.Beheerder)]
internal sealed class ScholenModel : PortaalPagina
{
    [BindProperty(SupportsGet = true, Name = "zoek")]
    public string? Zoek { get; set; }

    public IReadOnlyList<SchoolInfo> Scholen { get; private set; } = [];

    public async Task OnGetAsync()
    {
        await LaadBesturenAsync();
        var zoek = Zoek?.Trim();
        Scholen = (await Admin.SchoolsAsync(null, Ct))
            .Where(s => string.IsNullOrEmpty(zoek) || s.Brin.Contains(zoek, StringComparison.OrdinalIgnoreCase) || s.Naam.Contains(zoek, StringComparison.OrdinalIgnoreCase)
                || (s.Plaats?.Contains(zoek, StringComparison.OrdinalIgnoreCase) ?? false))
            .ToList();
    }
}
