using Oso.Central.Register;

namespace Oso.Central.Portal.MijnOso;

/// <summary>The school's mandates (which supplier system may exchange for it, given by its board) and its aanleverpunten.</summary>
[Voor(Toegang.School)]
internal sealed class AansluitingModel : PortaalPagina
{
    public IReadOnlyList<MandaatInfo> Mandaten { get; private set; } = [];

    public IReadOnlyList<AanleverpuntInfo> Aanleverpunten { get; private set; } = [];

    public async Task OnGetAsync()
    {
        await LaadBesturenAsync();
        Mandaten = await Admin.MandatesAsync(Scope, null, null, Ct);
        Aanleverpunten = await Admin.EndpointsAsync(Scope, null, Ct);
    }
}
