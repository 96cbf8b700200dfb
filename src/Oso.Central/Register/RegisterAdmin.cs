using Brin = Oso.Dossier.Identifiers.Brin;
using Microsoft.EntityFrameworkCore;
using Oso.Central.Register;
using Oso.Central.TestSchool;
using Oso.Protocol.Identifiers;

namespace Oso.Central;

public sealed partial class CentralAdmin
{
    /// <summary>Registers a school board.</summary>
    public async Task<Uitkomst<BestuurInfo>> AddBoardAsync(NieuwBestuur bestuur, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bestuur);
        if (!IsId(bestuur.Id, 32)) return Fout.Ongeldig("bestuur.id", "Een bestuurs-id is 1 tot 32 letters, cijfers, '.', '_' of '-'.");
        if (string.IsNullOrWhiteSpace(bestuur.Naam)) return Fout.Ongeldig("bestuur.naam", "Geef de naam van het bestuur.");
        await using var db = await DbAsync(cancellationToken);
        if (await db.Besturen.AnyAsync(b => b.Id == bestuur.Id, cancellationToken))
            return Fout.Conflict("bestuur.bestaat", $"Bestuur '{bestuur.Id}' bestaat al.");
        db.Besturen.Add(new Bestuur { Id = bestuur.Id, Naam = bestuur.Naam.Trim(), AangemaaktOp = Nu });
        Audit(db, "bestuur.toevoegen", bestuur.Id, bestuur.Naam);
        await db.SaveChangesAsync(cancellationToken);
        return new BestuurInfo(bestuur.Id, bestuur.Naam.Trim());
    }

    /// <summary>Every board's name by its id, so that lists show names rather than numbers.</summary>
    public async Task<IReadOnlyDictionary<string, string>> BoardNamesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await DbAsync(cancellationToken);
        return await db.Besturen.AsNoTracking().ToDictionaryAsync(b => b.Id, b => b.Naam, StringComparer.Ordinal, cancellationToken);
    }

    /// <summary>Registers a school (with its branches) under an existing board.</summary>
    public async Task<Uitkomst<SchoolInfo>> AddSchoolAsync(NieuweSchool school, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(school);
        if (!Brin.TryParse(school.Brin, out _)) return Fout.Ongeldig("school.brin", $"'{school.Brin}' is geen BRIN-nummer (twee cijfers en twee hoofdletters, bijvoorbeeld 12AB).");
        if (string.IsNullOrWhiteSpace(school.Naam)) return Fout.Ongeldig("school.naam", "Geef de naam van de school.");
        foreach (var v in school.Vestigingen)
            if (v.Code.Length != 2 || !v.Code.All(char.IsAsciiDigit)) return Fout.Ongeldig("school.vestiging", $"Vestigingscode '{v.Code}' is geen twee cijfers.");
        if ((school.SwvCode is not null || school.Regio is not null) && school.Sector != Sector.SWV)
            return Fout.Ongeldig("school.swvcode", "Alleen een samenwerkingsverband (sector SWV) heeft een SWV-code en regio.");
        if (school.SwvCode is { } code && (code.Length is < 4 or > 10 || !code.All(char.IsAsciiLetterOrDigit)))
            return Fout.Ongeldig("school.swvcode", $"'{code}' is geen SWV-code (4 tot 10 letters en cijfers, bijvoorbeeld PO2301).");
        await using var db = await DbAsync(cancellationToken);
        if (await db.Scholen.AnyAsync(s => s.Brin == school.Brin, cancellationToken))
            return Fout.Conflict("school.bestaat", $"School {school.Brin} bestaat al.");
        if (!await db.Besturen.AnyAsync(b => b.Id == school.BestuurId, cancellationToken))
            return Fout.NietGevonden("bestuur.onbekend", $"Bestuur '{school.BestuurId}' bestaat niet; voeg het eerst toe.");
        var record = new School
        {
            Brin = school.Brin, Naam = school.Naam.Trim(), Sector = school.Sector, BestuurId = school.BestuurId,
            Plaats = school.Plaats, Gemeente = school.Gemeente, Provincie = school.Provincie, Deelname = Deelname.Actief, AangemaaktOp = Nu,
            SwvCode = school.SwvCode?.ToUpperInvariant(), Regio = string.IsNullOrWhiteSpace(school.Regio) ? null : school.Regio.Trim(),
            Vestigingen = school.Vestigingen.DistinctBy(v => v.Code).Select(v => new Vestiging { Brin = school.Brin, Code = v.Code, Naam = v.Naam, Plaats = v.Plaats }).ToList(),
        };
        db.Scholen.Add(record);
        Audit(db, "school.toevoegen", school.Brin, $"{school.Naam} ({school.Sector}), bestuur {school.BestuurId}");
        await db.SaveChangesAsync(cancellationToken);
        return record.Info(Nu);
    }

    /// <summary>Registers a supplier system.</summary>
    public async Task<Uitkomst<SysteemInfo>> AddSystemAsync(NieuwSysteem systeem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(systeem);
        if (!SysteemId.TryParse(systeem.Id, out _)) return Fout.Ongeldig("systeem.id", $"'{systeem.Id}' is geen systeem-id (1 tot 64 letters, cijfers, '.', '_' of '-').");
        if (string.IsNullOrWhiteSpace(systeem.Naam) || string.IsNullOrWhiteSpace(systeem.Leverancier))
            return Fout.Ongeldig("systeem.naam", "Geef de naam van het systeem en van de leverancier.");
        await using var db = await DbAsync(cancellationToken);
        if (await db.Systemen.AnyAsync(s => s.Id == systeem.Id, cancellationToken))
            return Fout.Conflict("systeem.bestaat", $"Systeem '{systeem.Id}' bestaat al.");
        var record = new Systeem { Id = systeem.Id, Naam = systeem.Naam.Trim(), Leverancier = systeem.Leverancier.Trim(), Deelname = Deelname.Actief, AangemaaktOp = Nu };
        db.Systemen.Add(record);
        Audit(db, "systeem.toevoegen", systeem.Id, $"{systeem.Naam} van {systeem.Leverancier}");
        await db.SaveChangesAsync(cancellationToken);
        return record.Info();
    }

    /// <summary>Records that a board mandates a system for one of its schools.</summary>
    public async Task<Uitkomst<MandaatInfo>> AddMandateAsync(NieuwMandaat mandaat, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mandaat);
        if (mandaat.Tot is { } tot && tot < mandaat.Van) return Fout.Ongeldig("mandaat.periode", "De einddatum ligt voor de begindatum.");
        await using var db = await DbAsync(cancellationToken);
        var school = await db.Scholen.FirstOrDefaultAsync(s => s.Brin == mandaat.Brin, cancellationToken);
        if (school is null) return Fout.NietGevonden("school.onbekend", $"School {mandaat.Brin} bestaat niet.");
        if (school.BestuurId != mandaat.BestuurId)
            return Fout.Geweigerd("mandaat.bestuur", $"School {mandaat.Brin} valt niet onder bestuur '{mandaat.BestuurId}' maar onder '{school.BestuurId}'; alleen dat bestuur kan mandateren.");
        if (!await db.Systemen.AnyAsync(s => s.Id == mandaat.SysteemId, cancellationToken))
            return Fout.NietGevonden("systeem.onbekend", $"Systeem '{mandaat.SysteemId}' bestaat niet.");
        var record = new Mandaat { Id = Guid.NewGuid(), BestuurId = mandaat.BestuurId, Brin = mandaat.Brin, SysteemId = mandaat.SysteemId, Van = mandaat.Van, Tot = mandaat.Tot, AangemaaktOp = Nu };
        db.Mandaten.Add(record);
        Audit(db, "mandaat.toevoegen", mandaat.Brin, $"bestuur {mandaat.BestuurId} → systeem {mandaat.SysteemId}, {mandaat.Van:yyyy-MM-dd}–{mandaat.Tot:yyyy-MM-dd}");
        await db.SaveChangesAsync(cancellationToken);
        return record.Info(Vandaag);
    }

    /// <summary>Ends a mandate today (it stays valid through today) — boards do this in the management API.</summary>
    public async Task<Uitkomst<MandaatInfo>> EndMandateAsync(Guid id, string? bestuurId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await DbAsync(cancellationToken);
        var mandaat = await db.Mandaten.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (mandaat is null || (bestuurId is not null && mandaat.BestuurId != bestuurId))
            return Fout.NietGevonden("mandaat.onbekend", "Dit mandaat bestaat niet (of is niet van uw bestuur).");
        mandaat.Tot = mandaat.Van > Vandaag ? mandaat.Van : Vandaag;
        Audit(db, "mandaat.beeindigen", mandaat.Brin, $"systeem {mandaat.SysteemId}, tot en met {mandaat.Tot:yyyy-MM-dd}");
        await db.SaveChangesAsync(cancellationToken);
        return mandaat.Info(Vandaag);
    }

    /// <summary>Registers an aanleverpunt of a school, run by a system.</summary>
    public async Task<Uitkomst<AanleverpuntInfo>> AddEndpointAsync(NieuwAanleverpunt punt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(punt);
        if (!RouteringsKenmerk.TryParse(punt.RouteringsKenmerk, out var rk))
            return Fout.Ongeldig("aanleverpunt.routeringskenmerk", $"'{punt.RouteringsKenmerk}' is geen routeringskenmerk (20 tekens: 00000007000, BRIN, 5 cijfers of hoofdletters).");
        if (!Uri.TryCreate(punt.Url, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps)
            return Fout.Ongeldig("aanleverpunt.url", "De URL van een aanleverpunt is een absolute https-URL.");
        if (punt.Tot is { } tot && tot < punt.Van) return Fout.Ongeldig("aanleverpunt.periode", "De einddatum ligt voor de begindatum.");
        await using var db = await DbAsync(cancellationToken);
        var brin = rk.Brin.Value;
        if (!await db.Scholen.AnyAsync(s => s.Brin == brin, cancellationToken))
            return Fout.NietGevonden("school.onbekend", $"School {brin} (uit het routeringskenmerk) bestaat niet.");
        if (!await db.Systemen.AnyAsync(s => s.Id == punt.SysteemId, cancellationToken))
            return Fout.NietGevonden("systeem.onbekend", $"Systeem '{punt.SysteemId}' bestaat niet.");
        if (await db.Aanleverpunten.AnyAsync(a => a.RouteringsKenmerk == rk.Value, cancellationToken))
            return Fout.Conflict("aanleverpunt.bestaat", $"Aanleverpunt {rk} bestaat al.");
        var record = new AanleverpuntRecord { RouteringsKenmerk = rk.Value, Brin = brin, Url = url.ToString(), Doel = punt.Doel, SysteemId = punt.SysteemId, Van = punt.Van, Tot = punt.Tot, AangemaaktOp = Nu };
        db.Aanleverpunten.Add(record);
        Audit(db, "aanleverpunt.toevoegen", rk.Value, $"{url} ({punt.Doel}) door systeem {punt.SysteemId}");
        await db.SaveChangesAsync(cancellationToken);
        return record.Info(Vandaag);
    }

    /// <summary>Revokes a school's participation: every session involving it is refused from now on.</summary>
    public async Task<Uitkomst<SchoolInfo>> RevokeSchoolAsync(string brin, string reden, CancellationToken cancellationToken = default)
    {
        if (brin == Testschool.Brin) return Fout.Geweigerd("school.testschool", "De testschool kan niet worden ingetrokken.");
        await using var db = await DbAsync(cancellationToken);
        var school = await db.Scholen.Include(s => s.Vestigingen).FirstOrDefaultAsync(s => s.Brin == brin, cancellationToken);
        if (school is null) return Fout.NietGevonden("school.onbekend", $"School {brin} bestaat niet.");
        school.Deelname = Deelname.Ingetrokken;
        school.IngetrokkenReden = reden;
        Audit(db, "school.intrekken", brin, reden);
        await db.SaveChangesAsync(cancellationToken);
        return school.Info(Nu);
    }

    /// <summary>Revokes a system: its certificates are refused at once and every session it asks is refused.</summary>
    public async Task<Uitkomst<SysteemInfo>> RevokeSystemAsync(string systeemId, string reden, CancellationToken cancellationToken = default)
    {
        if (systeemId == Testschool.SysteemId) return Fout.Geweigerd("systeem.testschool", "Het systeem van de testschool kan niet worden ingetrokken.");
        await using var db = await DbAsync(cancellationToken);
        var systeem = await db.Systemen.FirstOrDefaultAsync(s => s.Id == systeemId, cancellationToken);
        if (systeem is null) return Fout.NietGevonden("systeem.onbekend", $"Systeem '{systeemId}' bestaat niet.");
        systeem.Deelname = Deelname.Ingetrokken;
        systeem.IngetrokkenReden = reden;
        foreach (var c in await db.Certificaten.Where(c => c.SysteemId == systeemId && c.IngetrokkenOp == null).ToListAsync(cancellationToken))
        {
            c.IngetrokkenOp = Nu;
            c.IngetrokkenReden = "systeem ingetrokken: " + reden;
        }
        Audit(db, "systeem.intrekken", systeemId, reden);
        await db.SaveChangesAsync(cancellationToken);
        Revocations.Invalidate();
        return systeem.Info();
    }

    /// <summary>One school.</summary>
    public async Task<Uitkomst<SchoolInfo>> SchoolAsync(string brin, CancellationToken cancellationToken = default)
    {
        await using var db = await DbAsync(cancellationToken);
        var school = await db.Scholen.AsNoTracking().Include(s => s.Vestigingen).FirstOrDefaultAsync(s => s.Brin == brin, cancellationToken);
        return school is null ? Fout.NietGevonden("school.onbekend", $"School {brin} bestaat niet.") : school.Info(Nu);
    }

    /// <summary>Schools, optionally of one board, ordered by BRIN.</summary>
    public async Task<IReadOnlyList<SchoolInfo>> SchoolsAsync(string? bestuurId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await DbAsync(cancellationToken);
        var scholen = await db.Scholen.AsNoTracking().Include(s => s.Vestigingen)
            .Where(s => bestuurId == null || s.BestuurId == bestuurId).OrderBy(s => s.Brin).ToListAsync(cancellationToken);
        return scholen.Select(s => s.Info(Nu)).ToList();
    }

    /// <summary>One system.</summary>
    public async Task<Uitkomst<SysteemInfo>> SystemAsync(string systeemId, CancellationToken cancellationToken = default)
    {
        await using var db = await DbAsync(cancellationToken);
        var systeem = await db.Systemen.AsNoTracking().FirstOrDefaultAsync(s => s.Id == systeemId, cancellationToken);
        return systeem is null ? Fout.NietGevonden("systeem.onbekend", $"Systeem '{systeemId}' bestaat niet.") : systeem.Info();
    }

    /// <summary>Every supplier system, ordered by id (boards choose one to mandate; operators review them).</summary>
    public async Task<IReadOnlyList<SysteemInfo>> SystemsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await DbAsync(cancellationToken);
        var lijst = await db.Systemen.AsNoTracking().OrderBy(s => s.Id).ToListAsync(cancellationToken);
        return lijst.Select(s => s.Info()).ToList();
    }

    /// <summary>Mandates, filtered by school, board and/or system.</summary>
    public async Task<IReadOnlyList<MandaatInfo>> MandatesAsync(string? brin = null, string? bestuurId = null, string? systeemId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await DbAsync(cancellationToken);
        var lijst = await db.Mandaten.AsNoTracking()
            .Where(m => (brin == null || m.Brin == brin) && (bestuurId == null || m.BestuurId == bestuurId) && (systeemId == null || m.SysteemId == systeemId))
            .OrderBy(m => m.Brin).ThenBy(m => m.Van).ToListAsync(cancellationToken);
        return lijst.Select(m => m.Info(Vandaag)).ToList();
    }

    /// <summary>Aanleverpunten, filtered by school and/or system.</summary>
    public async Task<IReadOnlyList<AanleverpuntInfo>> EndpointsAsync(string? brin = null, string? systeemId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await DbAsync(cancellationToken);
        var lijst = await db.Aanleverpunten.AsNoTracking()
            .Where(a => (brin == null || a.Brin == brin) && (systeemId == null || a.SysteemId == systeemId))
            .OrderBy(a => a.RouteringsKenmerk).ToListAsync(cancellationToken);
        return lijst.Select(a => a.Info(Vandaag)).ToList();
    }

    private static bool IsId(string? s, int max) =>
        s is { Length: > 0 } && s.Length <= max && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}
