using Oso.Central.Qualification;
using Oso.Central.Register;

namespace Oso.Central.Portal.MijnOso;

/// <summary>A school's Mijn OSO start page: the school as the register knows it and where its qualification stands.</summary>
[Voor(Toegang.School)]
internal sealed class IndexModel : PortaalPagina
{
    public SchoolInfo School { get; private set; } = null!;

    public KwalificatieOverzicht Kwalificatie { get; private set; } = null!;

    public int Goedgekeurd => Kwalificatie.Checklist.Count(r => Teksten.Goedgekeurd(r.Status));

    public int MandatenGeldig { get; private set; }

    public int AanleverpuntenActief { get; private set; }

    public int Geweigerd { get; private set; }

    public async Task OnGetAsync()
    {
        await LaadBesturenAsync();
        School = (await Admin.SchoolAsync(Scope, Ct)).Zeker;
        Kwalificatie = (await Admin.QualificationAsync(Scope, Ct)).Zeker;
        MandatenGeldig = (await Admin.MandatesAsync(Scope, null, null, Ct)).Count(m => m.Geldig);
        AanleverpuntenActief = (await Admin.EndpointsAsync(Scope, null, Ct)).Count(a => a.Actief);
        Geweigerd = (await Admin.SessionsAsync(Scope, null, 100, Ct)).Count(s => s.Status == TrafficCenter.SessieStatus.Geweigerd);
    }
}
