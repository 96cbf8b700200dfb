using Microsoft.AspNetCore.Mvc;
using Oso.Central.Accounts;
using Oso.Central.Register;

namespace Oso.Central.Portal.Beheer;

/// <summary>Mijn OSO accounts that wait for verification: the operator checks the contact out of band, then approves.</summary>
[Voor(Toegang.Beheerder)]
internal sealed class AccountsModel : PortaalPagina
{
    public IReadOnlyList<GebruikerInfo> Wachtend { get; private set; } = [];

    public IReadOnlyDictionary<string, SchoolInfo> Scholen { get; private set; } = new Dictionary<string, SchoolInfo>();

    public int Actief { get; private set; }

    public async Task OnGetAsync() => await LaadAsync();

    public async Task<IActionResult> OnPostVerifierenAsync(string id)
    {
        var uitkomst = await Admin.VerifyAccountAsync(id, Ct);
        if (uitkomst.Gelukt) return MetMelding("/beheer/accounts", Meldingen.Geverifieerd);
        await LaadAsync();
        Fouten.Add(null, uitkomst.Fout.Tekst);
        return Page();
    }

    private async Task LaadAsync()
    {
        Wachtend = await Admin.AccountsAsync(AccountStatus.Aangevraagd, Ct);
        Actief = (await Admin.AccountsAsync(AccountStatus.Actief, Ct)).Count;
        Scholen = (await Admin.SchoolsAsync(null, Ct)).ToDictionary(s => s.Brin);
    }
}
