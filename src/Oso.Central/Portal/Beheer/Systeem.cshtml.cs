using Oso.Central.Qualification;
using Microsoft.AspNetCore.Mvc;
using Oso.Central.Register;

namespace Oso.Central.Portal.Beheer;

/// <summary>One supplier system for the operator: qualification, certificates, aanleverpunten, mandates, and revoking it (with a reason).</summary>
[Voor(Toegang.Beheerder)]
internal sealed class SysteemModel : PortaalPagina
{
    [BindProperty]
    public string? Reden { get; set; }

    public SysteemInfo? Systeem { get; private set; }

    public IReadOnlyList<CertificaatInfo> Certificaten { get; private set; } = [];

    public IReadOnlyList<AanleverpuntInfo> Aanleverpunten { get; private set; } = [];

    public IReadOnlyList<MandaatInfo> Mandaten { get; private set; } = [];

    /// <summary>The conformance reports the supplier submitted for its technical test, newest first.</summary>
    public IReadOnlyList<ConformanceInfo> Conformance { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id) => await LaadAsync(id) ? Page() : NietGevonden($"Systeem '{id}' staat niet in het register.");

    public async Task<IActionResult> OnPostIntrekkenAsync(string id)
    {
        if (!await LaadAsync(id)) return NietGevonden($"Systeem '{id}' staat niet in het register.");
        if (string.IsNullOrWhiteSpace(Reden)) Fouten.Add("reden", "Geef de reden van de intrekking: de scholen en de servicedesk zien haar bij elke geweigerde overdracht.");
        else if (Reden.Length > 500) Fouten.Add("reden", "De reden is langer dan 500 tekens.");
        if (Fouten.Any) return Page();
        var uitkomst = await Admin.RevokeSystemAsync(Systeem!.Id, Reden!.Trim(), Ct);
        if (!uitkomst.Gelukt)
        {
            Fouten.Add("reden", uitkomst.Fout.Tekst);
            return Page();
        }
        return MetMelding("/beheer/systemen/" + Systeem.Id, Meldingen.Ingetrokken);
    }

    private async Task<bool> LaadAsync(string id)
    {
        var systeem = await Admin.SystemAsync(id, Ct);
        if (!systeem.Gelukt) return false;
        Systeem = systeem.Waarde;
        Certificaten = await Admin.CertificatesAsync(id, Ct);
        Aanleverpunten = await Admin.EndpointsAsync(null, id, Ct);
        Conformance = await Admin.ConformanceAsync(id, Ct);
        Mandaten = await Admin.MandatesAsync(null, null, id, Ct);
        return true;
    }
}
