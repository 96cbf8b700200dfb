using Oso.Central.Qualification;
using Oso.Central.Register;

namespace Oso.Central.Portal.Beheer;

/// <summary>Qualification evidence waiting for review, oldest first.</summary>
[Voor(Toegang.Beheerder)]
internal sealed class BewijzenModel : PortaalPagina
{
    public IReadOnlyList<BewijsInfo> Wachtend { get; private set; } = [];

    public IReadOnlyDictionary<string, SchoolInfo> Scholen { get; private set; } = new Dictionary<string, SchoolInfo>();

    public async Task OnGetAsync()
    {
        Wachtend = await Admin.EvidenceAsync(BewijsStatus.Ingediend, null, Ct);
        Scholen = (await Admin.SchoolsAsync(null, Ct)).ToDictionary(s => s.Brin);
    }
}
