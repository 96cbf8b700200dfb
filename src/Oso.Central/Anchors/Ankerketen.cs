using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Oso.Central.Audit;
using Oso.Central.Register;
using Oso.Central.Storage;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Proofs;
using Oso.Protocol.Security;

namespace Oso.Central.Anchors;

/// <summary>Why an anchor was not accepted.</summary>
internal enum AnkerFout
{
    /// <summary>Not a checkpoint of our form, or its signature does not hold.</summary>
    Ongeldig,

    /// <summary>The caller does not serve that school (or signed for another system).</summary>
    NietBevoegd,

    /// <summary>The school's chain was anchored before at that sequence number with another hash.</summary>
    Conflict,
}

/// <summary>The answer to one checkpoint: Central's acknowledgement, or why not (Dutch).</summary>
internal sealed record Ankeruitkomst(byte[]? Bevestiging, AnkerFout? Fout, string? Omschrijving);

/// <summary>Central's signing certificate for acknowledgements: its server certificate (which nodes trust by their anchors).</summary>
internal sealed record Ankerondertekenaar(X509Certificate2 Certificaat);

/// <summary>
/// Stores school nodes' audit checkpoints append-only in Central's own hash chain and acknowledges them (issue 17 §3,
/// docs/central.md §7). Only the system that serves a school (an active system with a current mandate for it) may
/// anchor that school's chain or read its anchors; refusals are audited. A checkpoint that contradicts an earlier
/// anchor of the same school (same sequence number, another hash) is refused and audited: the chain was rewritten.
/// </summary>
internal sealed class Ankerketen(IDbContextFactory<CentralDb> factory, OsoCertificateValidator validator, Ankerondertekenaar ondertekenaar, TimeProvider time)
{
    private static readonly string Genesis = new('0', 64);

    /// <summary>Anchors one signed checkpoint from <paramref name="caller"/> (the system of the TLS client certificate).</summary>
    public async Task<Ankeruitkomst> AnchorAsync(SysteemId caller, ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        if (!Handtekening.TryCreate(body, out var handtekening, out var reden)) return await WeigerAsync(caller, "-", AnkerFout.Ongeldig, reden, ct);
        var controle = Ankers.ControleerControlepunt(handtekening, validator);
        if (controle.Waarde is not { } punt) return await WeigerAsync(caller, "-", AnkerFout.Ongeldig, controle.Fout!, ct);
        var brin = punt.Brin.Value;
        if (punt.Systeem != caller)
            return await WeigerAsync(caller, brin, AnkerFout.NietBevoegd, $"Het controlepunt is ondertekend door systeem {punt.Systeem}, maar verstuurd door systeem {caller}.", ct);
        if (await BevoegdAsync(caller, brin, ct) is { } weigering) return await WeigerAsync(caller, brin, AnkerFout.NietBevoegd, weigering, ct);

        for (var poging = 0; ; poging++)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var eerder = await db.Ankers.AsNoTracking().Where(a => a.Brin == brin && a.Volgnummer == punt.Volgnummer).ToListAsync(ct);
            if (eerder.FirstOrDefault(a => a.Hash == punt.Hash) is { } zelfde) return new(zelfde.Bevestiging, null, null);
            if (eerder.Count > 0)
                return await WeigerAsync(caller, brin, AnkerFout.Conflict,
                    $"Regel {punt.Volgnummer} van het auditlogboek van school {brin} is eerder verankerd (anker {eerder[0].Id}) met een andere hash: de keten is herschreven.", ct);
            var vorige = await db.Ankers.AsNoTracking().OrderByDescending(a => a.Id).Select(a => new { a.Id, a.KetenHash }).FirstOrDefaultAsync(ct);
            var nu = time.GetUtcNow();
            var id = (vorige?.Id ?? 0) + 1;
            var bevestiging = Ankers.Bevestig(new Ankerbevestiging(punt, Ankers.Sha256(handtekening), nu, id), ondertekenaar.Certificaat).Utf8.ToArray();
            var record = new AnkerRecord
            {
                Id = id, Brin = brin, SysteemId = caller.Value, Volgnummer = punt.Volgnummer, Hash = punt.Hash, Tijdstip = punt.Tijdstip,
                Ontvangen = nu, Controlepunt = handtekening.Utf8.ToArray(), Bevestiging = bevestiging, VorigeKetenHash = vorige?.KetenHash ?? Genesis, KetenHash = "",
            };
            record.KetenHash = KetenHash(record);
            db.Ankers.Add(record);
            try
            {
                await db.SaveChangesAsync(ct);
                return new(bevestiging, null, null);
            }
            catch (DbUpdateException) when (poging < 5)
            {
                // another anchor took this number at the same moment: read the head again
            }
        }
    }

    /// <summary>The acknowledgements of a school's anchors from <paramref name="vanaf"/> on (by sequence number), for the system that serves it.</summary>
    public async Task<(IReadOnlyList<byte[]>? Bevestigingen, string? Weigering)> ListAsync(SysteemId caller, string brin, long vanaf, CancellationToken ct)
    {
        if (await BevoegdAsync(caller, brin, ct) is { } weigering)
        {
            await WeigerAsync(caller, brin, AnkerFout.NietBevoegd, "ankers van de school gevraagd (lezen); " + weigering, ct);
            return (null, weigering);
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        var lijst = await db.Ankers.AsNoTracking().Where(a => a.Brin == brin && a.Volgnummer >= vanaf).OrderBy(a => a.Volgnummer).ThenBy(a => a.Id)
            .Take(10_000).Select(a => a.Bevestiging).ToListAsync(ct);
        return (lijst, null);
    }

    /// <summary>Checks Central's anchor chain: the first anchor that was changed, removed or inserted, or null when intact.</summary>
    public static async Task<long?> VerifyAsync(CentralDb db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var vorige = Genesis;
        long verwacht = 1;
        await foreach (var a in db.Ankers.AsNoTracking().OrderBy(a => a.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (a.Id != verwacht || a.VorigeKetenHash != vorige || KetenHash(a) != a.KetenHash) return verwacht;
            vorige = a.KetenHash;
            verwacht++;
        }
        return null;
    }

    private async Task<string?> BevoegdAsync(SysteemId caller, string brin, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var school = await db.Scholen.AsNoTracking().FirstOrDefaultAsync(s => s.Brin == brin, ct);
        if (school is null) return $"School {brin} staat niet in het OSO-register.";
        var systeem = await db.Systemen.AsNoTracking().FirstOrDefaultAsync(s => s.Id == caller.Value, ct);
        if (Deelnemers.Systeem(systeem, caller.Value, kwalificatieNodig: false) is { } w) return w.Reden;
        var dag = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return await Deelnemers.HeeftMandaatAsync(db, school, caller.Value, dag, ct) ? null
            : $"Systeem {caller} bedient school {brin} niet (geen geldig mandaat van het bestuur): alleen dat systeem mag het auditlogboek van de school verankeren en de ankers ervan lezen.";
    }

    private async Task<Ankeruitkomst> WeigerAsync(SysteemId caller, string brin, AnkerFout fout, string omschrijving, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Audit.Add(AuditRecord.VanSysteem(time.GetUtcNow(), caller.Value, fout == AnkerFout.Conflict ? "anker.conflict" : "anker.geweigerd", brin, omschrijving));
        await db.SaveChangesAsync(ct);
        return new(null, fout, omschrijving);
    }

    private static string KetenHash(AnkerRecord a) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001F',
        a.Id.ToString(CultureInfo.InvariantCulture), a.Brin, a.SysteemId, a.Volgnummer.ToString(CultureInfo.InvariantCulture), a.Hash,
        a.Tijdstip.UtcTicks.ToString(CultureInfo.InvariantCulture), a.Ontvangen.UtcTicks.ToString(CultureInfo.InvariantCulture),
        Convert.ToHexStringLower(SHA256.HashData(a.Controlepunt)), Convert.ToHexStringLower(SHA256.HashData(a.Bevestiging)), a.VorigeKetenHash))));
}
