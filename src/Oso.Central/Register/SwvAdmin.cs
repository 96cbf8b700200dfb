using Microsoft.EntityFrameworkCore;
using Oso.Central.Qualification;
using Oso.Central.Register;

namespace Oso.Central;

public sealed partial class CentralAdmin
{
    /// <summary>
    /// Records that a school belongs to a samenwerkingsverband passend onderwijs: only member schools may announce an
    /// SWV dossier to it (meldenNotificatie with doel SWV). Idempotent.
    /// </summary>
    public async Task<Uitkomst<SwvInfo>> AddSwvMemberAsync(string swvBrin, string schoolBrin, CancellationToken cancellationToken = default)
    {
        await using var db = await DbAsync(cancellationToken);
        var swv = await db.Scholen.AsNoTracking().FirstOrDefaultAsync(s => s.Brin == swvBrin, cancellationToken);
        if (swv is null) return Fout.NietGevonden("swv.onbekend", $"Samenwerkingsverband {swvBrin} bestaat niet.");
        if (swv.Sector != Sector.SWV) return Fout.Ongeldig("swv.geen", $"{swvBrin} ({swv.Naam}) is geen samenwerkingsverband (sector {swv.Sector}).");
        var school = await db.Scholen.AsNoTracking().FirstOrDefaultAsync(s => s.Brin == schoolBrin, cancellationToken);
        if (school is null) return Fout.NietGevonden("school.onbekend", $"School {schoolBrin} bestaat niet.");
        if (school.Sector == Sector.SWV) return Fout.Ongeldig("swv.lid", "Een samenwerkingsverband kan geen lid zijn van een ander samenwerkingsverband.");
        if (!await db.SwvLeden.AnyAsync(l => l.SwvBrin == swvBrin && l.SchoolBrin == schoolBrin, cancellationToken))
        {
            db.SwvLeden.Add(new SwvLid { SwvBrin = swvBrin, SchoolBrin = schoolBrin, AangemaaktOp = Nu });
            Audit(db, "swv.lid", swvBrin, $"school {schoolBrin} hoort bij samenwerkingsverband {swvBrin}");
            await db.SaveChangesAsync(cancellationToken);
        }
        return await SwvInfoAsync(db, swv, cancellationToken);
    }

    /// <summary>Removes a school from a samenwerkingsverband.</summary>
    public async Task<Uitkomst<SwvInfo>> RemoveSwvMemberAsync(string swvBrin, string schoolBrin, CancellationToken cancellationToken = default)
    {
        await using var db = await DbAsync(cancellationToken);
        var swv = await db.Scholen.AsNoTracking().FirstOrDefaultAsync(s => s.Brin == swvBrin && s.Sector == Sector.SWV, cancellationToken);
        if (swv is null) return Fout.NietGevonden("swv.onbekend", $"Samenwerkingsverband {swvBrin} bestaat niet.");
        var lid = await db.SwvLeden.FirstOrDefaultAsync(l => l.SwvBrin == swvBrin && l.SchoolBrin == schoolBrin, cancellationToken);
        if (lid is null) return Fout.NietGevonden("swv.geenlid", $"School {schoolBrin} hoort niet bij samenwerkingsverband {swvBrin}.");
        db.SwvLeden.Remove(lid);
        Audit(db, "swv.lid.verwijderen", swvBrin, $"school {schoolBrin}");
        await db.SaveChangesAsync(cancellationToken);
        return await SwvInfoAsync(db, swv, cancellationToken);
    }

    /// <summary>One samenwerkingsverband with its member schools.</summary>
    public async Task<Uitkomst<SwvInfo>> SwvAsync(string swvBrin, CancellationToken cancellationToken = default)
    {
        await using var db = await DbAsync(cancellationToken);
        var swv = await db.Scholen.AsNoTracking().FirstOrDefaultAsync(s => s.Brin == swvBrin && s.Sector == Sector.SWV, cancellationToken);
        return swv is null ? Fout.NietGevonden("swv.onbekend", $"Samenwerkingsverband {swvBrin} bestaat niet.") : await SwvInfoAsync(db, swv, cancellationToken);
    }

    /// <summary>Every samenwerkingsverband, ordered by BRIN code.</summary>
    public async Task<IReadOnlyList<SwvInfo>> SwvsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await DbAsync(cancellationToken);
        var lijst = await db.Scholen.AsNoTracking().Where(s => s.Sector == Sector.SWV).OrderBy(s => s.Brin).ToListAsync(cancellationToken);
        var result = new List<SwvInfo>();
        foreach (var swv in lijst) result.Add(await SwvInfoAsync(db, swv, cancellationToken));
        return result;
    }

    private async Task<SwvInfo> SwvInfoAsync(Storage.CentralDb db, School swv, CancellationToken cancellationToken)
    {
        var leden = await db.SwvLeden.AsNoTracking().Where(l => l.SwvBrin == swv.Brin).OrderBy(l => l.SchoolBrin).Select(l => l.SchoolBrin).ToListAsync(cancellationToken);
        return new SwvInfo(swv.Brin, swv.Naam, swv.SwvCode, swv.Regio, swv.Deelname, Kwalificatie.StatusVan(swv, Nu), leden);
    }
}
