using Oso.Central;
using Oso.Central.Accounts;

namespace Oso.Cli.Up;

/// <summary>The demo accounts of the Central portal (the operator, the board, the two schools' Mijn OSO, the supplier).</summary>
internal static class DemoLogins
{
    public const string Password = "Demo-OpenOSO-2026!";

    public static async Task<IReadOnlyList<DemoLogin>> CreateAsync(CentralHandle central, CancellationToken ct)
    {
        var logins = new List<DemoLogin>
        {
            new("Beheerder (Traffic Center en register)", "beheer@openoso.demo", Password, "Central-portaal"),
            new("Bestuur 40001", "bestuur@openoso.demo", Password, "Central-portaal"),
            new($"Mijn OSO {DemoSchools.Po.Brin}", "po@openoso.demo", Password, "Central-portaal"),
            new($"Mijn OSO {DemoSchools.Vo.Brin}", "vo@openoso.demo", Password, "Central-portaal"),
            new($"Leverancier (systeem {DemoChain.SysteemId})", "leverancier@openoso.demo", Password, "Central-portaal"),
        };
        var roles = new (Rol Rol, string? Scope)[]
        {
            (Rol.Beheerder, null), (Rol.Bestuur, "40001"), (Rol.School, DemoSchools.Po.Brin), (Rol.School, DemoSchools.Vo.Brin), (Rol.Leverancier, DemoChain.SysteemId),
        };
        for (var i = 0; i < logins.Count; i++)
        {
            var created = await central.Admin.AddUserAsync(new NieuweGebruiker(logins[i].Email, logins[i].Rol, logins[i].Wachtwoord, roles[i].Rol, roles[i].Scope), ct)
                .ConfigureAwait(false);
            if (!created.Gelukt) throw new InvalidOperationException(created.Fout!.Tekst);
        }
        return logins;
    }
}
