using Microsoft.AspNetCore.Mvc;
using Oso.Central.Qualification;
using Oso.Central.Register;

namespace Oso.Central.Portal.Beheer;

/// <summary>One school for the operator: register data, checklist, mandates, aanleverpunten, and revoking its participation (with a reason).</summary>
[Voor(Toegang.Beheerder)]
internal sealed class SchoolModel : PortaalPagina
{
    [BindProperty]
    public string? Reden { get; set; }

    public SchoolInfo? School { get; private set; }

    public KwalificatieOverzicht? Kwalificatie { get; private set; }

    public IReadOnlyList<MandaatInfo> Mandaten { get; private set; } = [];

    public IReadOnlyList<AanleverpuntInfo> Aanleverpunten { get; private set; } = [];

    private async Task<bool> LaadBesturenThenAsync(string brin)
    {
        await LaadBesturenAsync();
        return await LaadAsync(brin);
    }

    public async Task<IActionResult> OnGetAsync(string brin) => await LaadBesturenThenAsync(brin) ? Page() : NietGevonden($"School {brin} staat niet in het register.");

    public async Task<IActionResult> OnPostIntrekkenAsync(string brin)
    {
        if (!await LaadAsync(brin)) return NietGevonden($"School {brin} staat niet in het register.");
        if (string.IsNullOrWhiteSpace(Reden)) Fouten.Add("reden", "Geef de reden van de intrekking: de school en de servicedesk zien haar bij elke geweigerde overdracht.");
        else if (Reden.Length > 500) Fouten.Add("reden", "De reden is langer dan 500 tekens.");
        if (Fouten.Any) return Page();
        var uitkomst = await Admin.RevokeSchoolAsync(School!.Brin, Reden!.Trim(), Ct);
        if (!uitkomst.Gelukt)
        {
            Fouten.Add("reden", uitkomst.Fout.Tekst);
            return Page();
        }
        return MetMelding("/beheer/scholen/" + School.Brin, Meldingen.Ingetrokken);
    }

    private async Task<bool> LaadAsync(string brin)
    {
        var school = await Admin.SchoolAsync(brin.ToUpperInvariant(), Ct);
        if (!school.Gelukt) return false;
        School = school.Waarde;
        Kwalificatie = (await Admin.QualificationAsync(School!.Brin, Ct)).Waarde;
        Mandaten = await Admin.MandatesAsync(School.Brin, null, null, Ct);
        Aanleverpunten = await Admin.EndpointsAsync(School.Brin, null, Ct);
        return true;
    }
}
