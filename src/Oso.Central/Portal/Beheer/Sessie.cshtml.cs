using Microsoft.AspNetCore.Mvc;

namespace Oso.Central.Portal.Beheer;

/// <summary>A session's trace for the servicedesk.</summary>
[Voor(Toegang.Beheerder)]
internal sealed class SessieModel : PortaalPagina
{
    public TraceWeergave? Weergave { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var trace = await Admin.TraceAsync(id, null, Ct);
        if (!trace.Gelukt) return NietGevonden(trace.Fout.Tekst);
        Weergave = new TraceWeergave(trace.Waarde!, null);
        return Page();
    }
}
