using Microsoft.EntityFrameworkCore;
using Oso.Central.Register;
using Oso.Central.Storage;
using Oso.Protocol.Messages;

namespace Oso.Central.TestSchool;

/// <summary>Makes sure the Register holds the test school: its board, system, mandate and aanleverpunt.</summary>
internal static class TestschoolSeed
{
    /// <summary>Used until a host has bound its protocol listener (the CLI alone never serves the test school).</summary>
    public static readonly Uri StandaardUrl = new("https://localhost:7401" + Testschool.Pad);

    public static async Task EnsureAsync(CentralDb db, TimeProvider time, Uri? url, CancellationToken ct)
    {
        var nu = time.GetUtcNow();
        if (!await db.Besturen.AnyAsync(b => b.Id == Testschool.BestuurId, ct))
            db.Besturen.Add(new Bestuur { Id = Testschool.BestuurId, Naam = "OSO (testomgeving)", AangemaaktOp = nu });
        if (!await db.Scholen.AnyAsync(s => s.Brin == Testschool.Brin, ct))
            db.Scholen.Add(new School
            {
                Brin = Testschool.Brin, Naam = Testschool.Naam, Sector = Sector.PO, BestuurId = Testschool.BestuurId, Plaats = "Zoetermeer",
                Gemeente = "Zoetermeer", Provincie = "Zuid-Holland", Deelname = Deelname.Actief, AangemaaktOp = nu,
                Vestigingen = [new Vestiging { Brin = Testschool.Brin, Code = "00", Naam = "Testschool (primair)" },
                    new Vestiging { Brin = Testschool.Brin, Code = "01", Naam = "Testschool (voortgezet)" }],
            });
        if (!await db.Systemen.AnyAsync(s => s.Id == Testschool.SysteemId, ct))
            db.Systemen.Add(new Systeem
            {
                Id = Testschool.SysteemId, Naam = "Testschool van OSO", Leverancier = "OpenOSO Central", Deelname = Deelname.Actief,
                GekwalificeerdSinds = nu, KwalificatieBewijs = "ingebouwd", AangemaaktOp = nu,
            });
        await db.SaveChangesAsync(ct);
        if (!await db.Mandaten.AnyAsync(m => m.Brin == Testschool.Brin && m.SysteemId == Testschool.SysteemId, ct))
            db.Mandaten.Add(new Mandaat
            {
                Id = Guid.NewGuid(), BestuurId = Testschool.BestuurId, Brin = Testschool.Brin, SysteemId = Testschool.SysteemId,
                Van = new DateOnly(2000, 1, 1), AangemaaktOp = nu,
            });
        var punt = await db.Aanleverpunten.FirstOrDefaultAsync(a => a.RouteringsKenmerk == Testschool.RouteringsKenmerk, ct);
        if (punt is null)
            db.Aanleverpunten.Add(new AanleverpuntRecord
            {
                RouteringsKenmerk = Testschool.RouteringsKenmerk, Brin = Testschool.Brin, Url = (url ?? StandaardUrl).ToString(), Doel = Uitwisseldoel.Ov,
                SysteemId = Testschool.SysteemId, Van = new DateOnly(2000, 1, 1), AangemaaktOp = nu,
            });
        else if (url is not null) punt.Url = url.ToString();
        await db.SaveChangesAsync(ct);
    }
}
