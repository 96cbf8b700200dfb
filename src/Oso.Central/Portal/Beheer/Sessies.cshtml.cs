using Microsoft.AspNetCore.Mvc;
using Brin = Oso.Dossier.Identifiers.Brin;

namespace Oso.Central.Portal.Beheer;

/// <summary>The servicedesk: find a session by its id, or a school's sessions by BRIN; without a search the latest sessions.</summary>
[Voor(Toegang.Beheerder)]
internal sealed class SessiesModel : PortaalPagina
{
    [BindProperty(SupportsGet = true, Name = "zoek")]
    public string? Zoek { get; set; }

    public string? GezochtBrin { get; private set; }

    public IReadOnlyList<SessieInfo> Sessies { get; private set; } = [];

    public IReadOnlyList<TraceRegel> Losse { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var zoek = Zoek?.Trim();
        if (string.IsNullOrEmpty(zoek))
        {
            Sessies = await Admin.SessionsAsync(null, null, 50, Ct);
            Losse = await Admin.LooseStepsAsync(null, 20, Ct);
            return Page();
        }
        if (Guid.TryParse(zoek, out var id))
        {
            if ((await Admin.TraceAsync(id, null, Ct)).Gelukt) return Redirect("/beheer/sessies/" + id);
            Fouten.Add("zoek", $"Er is geen sessie met id {id}.");
            return Page();
        }
        if (Brin.TryParse(zoek.ToUpperInvariant(), out var brin))
        {
            GezochtBrin = brin.Value;
            Sessies = await Admin.SessionsAsync(GezochtBrin, null, 200, Ct);
            Losse = await Admin.LooseStepsAsync(GezochtBrin, 50, Ct);
            return Page();
        }
        Fouten.Add("zoek", "Zoek op een sessie-id (zoals 9cebd89c-8953-416b-a2cb-ecee939f1775) of een BRIN-code (zoals 12AB).");
        return Page();
    }
}
