using Oso.Central.Qualification;

namespace Oso.Central.Portal.MijnOso;

/// <summary>The handbook's checklist for the school: progress, each item's explanation, status and expiry.</summary>
[Voor(Toegang.School)]
internal sealed class KwalificatieModel : PortaalPagina
{
    public KwalificatieOverzicht Overzicht { get; private set; } = null!;

    public int Goedgekeurd => Overzicht.Checklist.Count(r => Teksten.Goedgekeurd(r.Status));

    public async Task OnGetAsync() => Overzicht = (await Admin.QualificationAsync(Scope, Ct)).Zeker;
}
