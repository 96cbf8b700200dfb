using Oso.Central.Register;

namespace Oso.Central.Portal.Publiek;

/// <summary>The front page: what OSO is and where to go.</summary>
[Voor(Toegang.Iedereen)]
internal sealed class IndexModel : PortaalPagina
{
    public int Gekwalificeerd { get; private set; }

    public async Task OnGetAsync() => Gekwalificeerd = (await Admin.SchoolsAsync(null, Ct)).Count(s => s.OpenbaarGekwalificeerd());
}
