using Microsoft.AspNetCore.Mvc;

namespace Oso.Central.Portal.MijnOso;

/// <summary>One transfer of the school with its trace; another school's session is "not found".</summary>
[Voor(Toegang.School)]
internal sealed class OverdrachtModel : PortaalPagina
{
    public TraceWeergave? Weergave { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var trace = await Admin.TraceAsync(id, Scope, Ct);
        if (!trace.Gelukt) return NietGevonden(trace.Fout.Tekst);
        Weergave = new TraceWeergave(trace.Waarde!, Scope);
        return Page();
    }
}
