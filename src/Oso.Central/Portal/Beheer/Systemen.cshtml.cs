using Oso.Central.Register;

namespace Oso.Central.Portal.Beheer;

/// <summary>The supplier systems in the register; each links to its page (revoke there).</summary>
[Voor(Toegang.Beheerder)]
internal sealed class SystemenModel : PortaalPagina
{
    public IReadOnlyList<SysteemInfo> Systemen { get; private set; } = [];

    public async Task OnGetAsync() => Systemen = await Admin.SystemsAsync(Ct);
}
