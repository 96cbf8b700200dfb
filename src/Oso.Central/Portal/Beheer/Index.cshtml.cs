using Oso.Central.Accounts;
using Oso.Central.Qualification;

namespace Oso.Central.Portal.Beheer;

/// <summary>The operator's overview: what waits (accounts, evidence) and the latest operator actions.</summary>
[Voor(Toegang.Beheerder)]
internal sealed class IndexModel : PortaalPagina
{
    public int Accounts { get; private set; }

    public int Bewijzen { get; private set; }

    public int GeweigerdeSessies { get; private set; }

    public IReadOnlyList<AuditRegel> Audit { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Accounts = (await Admin.AccountsAsync(AccountStatus.Aangevraagd, Ct)).Count;
        Bewijzen = (await Admin.EvidenceAsync(BewijsStatus.Ingediend, null, Ct)).Count;
        GeweigerdeSessies = (await Admin.SessionsAsync(null, null, 100, Ct)).Count(s => s.Status == TrafficCenter.SessieStatus.Geweigerd);
        Audit = await Admin.AuditAsync(15, Ct);
    }
}
