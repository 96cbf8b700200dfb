using Microsoft.AspNetCore.Mvc;
using Oso.Central.Qualification;
using Oso.Central.Register;

namespace Oso.Central.Portal.Beheer;

/// <summary>Reviewing one piece of evidence: read (or download) it, then approve or reject with a remark.</summary>
[Voor(Toegang.Beheerder)]
internal sealed class BewijsModel : PortaalPagina
{
    [BindProperty]
    public string? Opmerking { get; set; }

    [BindProperty]
    public string? Besluit { get; set; }

    public BewijsInfo? Bewijs { get; private set; }

    public ChecklistItem? Item { get; private set; }

    public SchoolInfo? School { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LaadAsync(id) ? Page() : NietGevonden("Dit bewijsstuk bestaat niet.");

    public async Task<IActionResult> OnGetDocumentAsync(Guid id)
    {
        var doc = await Admin.EvidenceDocumentAsync(id, null, Ct);
        return doc.Gelukt ? File(doc.Waarde!.Inhoud, doc.Waarde.ContentType, doc.Waarde.Bestandsnaam) : NietGevonden(doc.Fout.Tekst);
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LaadAsync(id)) return NietGevonden("Dit bewijsstuk bestaat niet.");
        var goed = Besluit switch { "goedkeuren" => true, "afwijzen" => (bool?)false, _ => null };
        if (goed is null) Fouten.Add(null, "Kies goedkeuren of afwijzen.");
        else if (goed == false && string.IsNullOrWhiteSpace(Opmerking))
            Fouten.Add("opmerking", "Schrijf bij een afwijzing wat er ontbreekt: de school leest deze opmerking.");
        if (Fouten.Any) return Page();
        var uitkomst = await Admin.ReviewAsync(id, goed!.Value, string.IsNullOrWhiteSpace(Opmerking) ? null : Opmerking, Ct);
        if (!uitkomst.Gelukt)
        {
            Fouten.Add(uitkomst.Fout.Code == "beoordeling.opmerking" ? "opmerking" : null, uitkomst.Fout.Tekst);
            return Page();
        }
        return MetMelding("/beheer/bewijzen", Meldingen.Beoordeeld);
    }

    private async Task<bool> LaadAsync(Guid id)
    {
        var bewijs = await Admin.EvidenceItemAsync(id, null, Ct);
        if (!bewijs.Gelukt) return false;
        Bewijs = bewijs.Waarde;
        Item = Handboek.Find(Bewijs!.ItemCode);
        var school = await Admin.SchoolAsync(Bewijs.Brin, Ct);
        School = school.Gelukt ? school.Waarde : null;
        return true;
    }
}
