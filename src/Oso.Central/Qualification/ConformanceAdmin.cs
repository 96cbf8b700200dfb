using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Oso.Central.Qualification;
using Oso.Conformance;
using Oso.Protocol.Security;

namespace Oso.Central;

public sealed partial class CentralAdmin
{
    /// <summary>How old a report may be when it is submitted.</summary>
    public static readonly TimeSpan ConformanceGeldig = TimeSpan.FromDays(30);

    /// <summary>
    /// Accepts a conformance report (<c>oso conformance bron|doel --json</c>) as evidence of the technical test of
    /// <paramref name="systeemId"/>: the signature holds; the signing certificate chains to Central's anchors, is not
    /// revoked and names this system; it tests a role a supplier system plays (bron or doel) at one of this system's
    /// registered aanleverpunten; and it is at most <see cref="ConformanceGeldig"/> old. Kept for the reviewer.
    /// </summary>
    public async Task<Uitkomst<ConformanceInfo>> SubmitConformanceAsync(string systeemId, byte[] json, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (RapportOndertekening.Controleer(json) is not RapportControle.Geldig { Rapport: var rapport, Certificaat: var certificaat })
            return Fout.Ongeldig("conformance.handtekening", ((RapportControle.Ongeldig)RapportOndertekening.Controleer(json)).Reden);
        using (certificaat)
        {
            var check = _services.GetRequiredService<OsoCertificateValidator>().ValidateClient(certificaat);
            if (check is CertificateCheck.Refused geweigerd)
                return Fout.Geweigerd("conformance.certificaat", "Het certificaat waarmee het rapport is ondertekend, is hier niet geldig: " + geweigerd.Omschrijving);
            if (RapportOndertekening.Systeem(certificaat) != systeemId)
                return Fout.Geweigerd("conformance.systeem", $"Het rapport is ondertekend door systeem '{RapportOndertekening.Systeem(certificaat)}', niet door '{systeemId}'.");
        }
        if (rapport.Rol == ConformanceRol.Tc)
            return Fout.Ongeldig("conformance.rol", "Een rapport van de rol tc test een Traffic Center, geen leverancierssysteem: lever een rapport van de rol bron of doel.");
        if (rapport.Afgerond > Nu.AddMinutes(5) || rapport.Afgerond < Nu - ConformanceGeldig)
            return Fout.Ongeldig("conformance.datum", $"Het rapport is van {rapport.Afgerond:yyyy-MM-dd}; een rapport is {ConformanceGeldig.TotalDays:0} dagen bruikbaar. Draai de kit opnieuw.");
        await using var db = await DbAsync(cancellationToken);
        if (!await db.Systemen.AnyAsync(s => s.Id == systeemId, cancellationToken))
            return Fout.NietGevonden("systeem.onbekend", $"Systeem '{systeemId}' bestaat niet.");
        var urls = await db.Aanleverpunten.AsNoTracking().Where(a => a.SysteemId == systeemId).Select(a => a.Url).ToListAsync(cancellationToken);
        if (!Uri.TryCreate(rapport.Target, UriKind.Absolute, out var target) || !urls.Any(u => Uri.TryCreate(u, UriKind.Absolute, out var url) && url == target))
            return Fout.Geweigerd("conformance.target", $"Het rapport testte {rapport.Target}; dat is geen aanleverpunt van systeem '{systeemId}' in het register.");
        var inzending = new ConformanceInzending
        {
            Id = Guid.NewGuid(), SysteemId = systeemId, Rol = rapport.Rol.ToString().ToLowerInvariant(), Target = rapport.Target, Afgerond = rapport.Afgerond,
            Passed = rapport.Passed, Failed = rapport.Failed, Skipped = rapport.Skipped, Geslaagd = rapport.Geslaagd, Rapport = json,
            IngediendOp = Nu, IngediendDoor = Door, Status = BewijsStatus.Ingediend,
        };
        db.ConformanceInzendingen.Add(inzending);
        Audit(db, "kwalificatie.conformance-indienen", systeemId, $"{inzending.Rol} op {inzending.Target}: {inzending.Passed} in orde, {inzending.Failed} niet");
        await db.SaveChangesAsync(cancellationToken);
        return Info(inzending);
    }

    /// <summary>The conformance reports of a system, newest first.</summary>
    public async Task<IReadOnlyList<ConformanceInfo>> ConformanceAsync(string systeemId, CancellationToken cancellationToken = default)
    {
        await using var db = await DbAsync(cancellationToken);
        var lijst = await db.ConformanceInzendingen.AsNoTracking().Where(c => c.SysteemId == systeemId).ToListAsync(cancellationToken);
        return lijst.OrderByDescending(c => c.IngediendOp).Select(Info).ToList();
    }

    /// <summary>The reviewer's decision on a report; approving a report in which every required scenario passed qualifies the system.</summary>
    public async Task<Uitkomst<ConformanceInfo>> ReviewConformanceAsync(Guid id, bool goedgekeurd, string? opmerking, CancellationToken cancellationToken = default)
    {
        await using var db = await DbAsync(cancellationToken);
        var inzending = await db.ConformanceInzendingen.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (inzending is null) return Fout.NietGevonden("conformance.onbekend", "Dit conformancerapport bestaat niet.");
        if (goedgekeurd && !inzending.Geslaagd)
            return Fout.Geweigerd("conformance.niet-geslaagd", "Niet alle verplichte scenario's zijn in orde: dit rapport kan niet worden goedgekeurd.");
        var systeem = await db.Systemen.FirstAsync(s => s.Id == inzending.SysteemId, cancellationToken);
        inzending.Status = goedgekeurd ? BewijsStatus.Goedgekeurd : BewijsStatus.Afgewezen;
        (inzending.Opmerking, inzending.BeoordeeldOp, inzending.BeoordeeldDoor) = (opmerking, Nu, Door);
        if (goedgekeurd && systeem.Deelname != Register.Deelname.Ingetrokken)
        {
            systeem.GekwalificeerdSinds ??= Nu;
            systeem.KwalificatieBewijs = $"conformancerapport {inzending.Rol} ({inzending.Passed} scenario's in orde, {inzending.Afgerond:yyyy-MM-dd})";
        }
        Audit(db, goedgekeurd ? "kwalificatie.conformance-goedkeuren" : "kwalificatie.conformance-afwijzen", inzending.SysteemId, opmerking);
        await db.SaveChangesAsync(cancellationToken);
        return Info(inzending);
    }

    private static ConformanceInfo Info(ConformanceInzending c) => new(c.Id, c.SysteemId, c.Rol, c.Target, c.Afgerond, c.Passed, c.Failed, c.Skipped,
        c.Geslaagd, c.IngediendOp, c.IngediendDoor, c.Status, c.Opmerking, ConformanceRapport.FromJson(c.Rapport)?.Scenarios ?? []);
}
