namespace Oso.Central.Portal.MijnOso;

/// <summary>The school's transfers: every session where it is bron or doel, newest first, and refused calls without a session.</summary>
[Voor(Toegang.School)]
internal sealed class OverdrachtenModel : PortaalPagina
{
    public IReadOnlyList<SessieInfo> Sessies { get; private set; } = [];

    public IReadOnlyList<TraceRegel> Losse { get; private set; } = [];

    public string Brin => Scope;

    public async Task OnGetAsync()
    {
        Sessies = await Admin.SessionsAsync(Scope, null, 200, Ct);
        Losse = await Admin.LooseStepsAsync(Scope, 50, Ct);
    }
}
