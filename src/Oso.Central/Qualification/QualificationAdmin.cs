using Microsoft.EntityFrameworkCore;
using Oso.Central.Mail;
using Oso.Central.Qualification;
using Oso.Central.Register;
using Oso.Central.Storage;

namespace Oso.Central;

/// <summary>Evidence as the operator reviews it (the document's content is fetched separately).</summary>
public sealed record BewijsInfo(Guid Id, string Brin, string ItemCode, BewijsSoort Soort, string? Bestandsnaam, string? ContentType, int? Grootte,
    string? Verklaring, string? OndertekendDoor, string? Functie, DateTimeOffset IngediendOp, string IngediendDoor, BewijsStatus Status,
    string? Opmerking, DateTimeOffset? BeoordeeldOp, string? BeoordeeldDoor);

/// <summary>An uploaded evidence document.</summary>
public sealed record BewijsDocument(string Bestandsnaam, string ContentType, byte[] Inhoud);

public sealed partial class CentralAdmin
{
    /// <summary>Largest evidence document (5 MiB).</summary>
    public const int MaxBewijsBytes = 5 * 1024 * 1024;

    /// <summary>A school's checklist and qualification.</summary>
    public async Task<Uitkomst<KwalificatieOverzicht>> QualificationAsync(string brin, CancellationToken cancellationToken = default)
    {
        await using var db = await DbAsync(cancellationToken);
        var school = await db.Scholen.AsNoTracking().FirstOrDefaultAsync(s => s.Brin == brin, cancellationToken);
        if (school is null) return Fout.NietGevonden("school.onbekend", $"School {brin} bestaat niet.");
        var bewijzen = await db.Bewijzen.AsNoTracking().Where(b => b.Brin == brin).ToListAsync(cancellationToken);
        return new KwalificatieOverzicht(brin, Kwalificatie.StatusVan(school, Nu), school.GekwalificeerdSinds, school.GekwalificeerdTot,
            Kwalificatie.Checklist(bewijzen, Nu));
    }

    /// <summary>Submits a document as evidence: at most <see cref="MaxBewijsBytes"/>, and a PDF, PNG, JPEG or office document by its content.</summary>
    public async Task<Uitkomst<BewijsInfo>> SubmitDocumentAsync(string brin, string itemCode, string bestandsnaam, byte[] inhoud, CancellationToken cancellationToken = default)
    {
        var check = CheckDocument(itemCode, bestandsnaam, inhoud);
        if (!check.Gelukt) return check.Fout;
        var document = check.Waarde;
        return await AddEvidenceAsync(brin, new Bewijs
        {
            Brin = brin, ItemCode = document.Item.Code, Soort = BewijsSoort.Document, Bestandsnaam = document.Bestandsnaam, ContentType = document.ContentType,
            Inhoud = inhoud, IngediendDoor = Door,
        }, cancellationToken);
    }

    /// <summary>
    /// The checks on an uploaded evidence document, before anything is stored: the checklist item takes a document, the
    /// file is not empty and at most <see cref="MaxBewijsBytes"/>, and its content is an accepted kind that fits its name.
    /// </summary>
    internal static Uitkomst<(ChecklistItem Item, string ContentType, string Bestandsnaam)> CheckDocument(string itemCode, string? bestandsnaam, byte[] inhoud)
    {
        ArgumentNullException.ThrowIfNull(inhoud);
        var item = Handboek.Find(itemCode);
        if (item is null) return Fout.NietGevonden("kwalificatie.item", $"Het checklistonderdeel '{itemCode}' bestaat niet.");
        if (!item.Bewijs.HasFlag(BewijsSoort.Document)) return Fout.Ongeldig("bewijs.soort", $"Voor '{item.Titel}' wordt een ondertekende verklaring gevraagd, geen document.");
        if (inhoud.Length == 0) return Fout.Ongeldig("bewijs.leeg", "Het bestand is leeg.");
        if (inhoud.Length > MaxBewijsBytes) return Fout.Ongeldig("bewijs.te-groot", $"Het bestand is groter dan {MaxBewijsBytes / 1024 / 1024} MB.");
        var type = Bestandstype.Herken(bestandsnaam, inhoud);
        if (type is null) return Fout.Ongeldig("bewijs.type", "Alleen PDF, PNG, JPEG of een Office-/OpenDocument-bestand (docx, xlsx, odt) wordt geaccepteerd; de inhoud past niet bij een van deze.");
        return (item, type, Bestandstype.Naam(bestandsnaam));
    }

    /// <summary>Submits a signed statement as evidence.</summary>
    public async Task<Uitkomst<BewijsInfo>> SubmitStatementAsync(string brin, string itemCode, string verklaring, string ondertekendDoor, string functie,
        CancellationToken cancellationToken = default)
    {
        var item = Handboek.Find(itemCode);
        if (item is null) return Fout.NietGevonden("kwalificatie.item", $"Het checklistonderdeel '{itemCode}' bestaat niet.");
        if (!item.Bewijs.HasFlag(BewijsSoort.Verklaring)) return Fout.Ongeldig("bewijs.soort", $"Voor '{item.Titel}' wordt een document gevraagd, geen verklaring.");
        if (string.IsNullOrWhiteSpace(verklaring) || verklaring.Length > 4000) return Fout.Ongeldig("bewijs.verklaring", "De verklaring is leeg of langer dan 4000 tekens.");
        if (string.IsNullOrWhiteSpace(ondertekendDoor) || string.IsNullOrWhiteSpace(functie))
            return Fout.Ongeldig("bewijs.ondertekening", "Een verklaring wordt ondertekend: geef naam en functie van wie tekent.");
        return await AddEvidenceAsync(brin, new Bewijs
        {
            Brin = brin, ItemCode = item.Code, Soort = BewijsSoort.Verklaring, Verklaring = verklaring.Trim(), OndertekendDoor = ondertekendDoor.Trim(),
            Functie = functie.Trim(), IngediendDoor = Door,
        }, cancellationToken);
    }

    private async Task<Uitkomst<BewijsInfo>> AddEvidenceAsync(string brin, Bewijs bewijs, CancellationToken ct)
    {
        await using var db = await DbAsync(ct);
        if (!await db.Scholen.AnyAsync(s => s.Brin == brin, ct)) return Fout.NietGevonden("school.onbekend", $"School {brin} bestaat niet.");
        bewijs.Id = Guid.NewGuid();
        bewijs.IngediendOp = Nu;
        bewijs.Status = BewijsStatus.Ingediend;
        db.Bewijzen.Add(bewijs);
        Audit(db, "bewijs.indienen", brin, $"{bewijs.ItemCode} ({bewijs.Soort})");
        await CentralMail.EvidenceSubmittedAsync(db, bewijs, Nu, ct);
        await db.SaveChangesAsync(ct);
        return Info(bewijs);
    }

    /// <summary>Evidence to review (or of one school), oldest first.</summary>
    public async Task<IReadOnlyList<BewijsInfo>> EvidenceAsync(BewijsStatus? status = null, string? brin = null, CancellationToken cancellationToken = default)
    {
        await using var db = await DbAsync(cancellationToken);
        var lijst = await db.Bewijzen.AsNoTracking().Where(b => (status == null || b.Status == status) && (brin == null || b.Brin == brin))
            .OrderBy(b => b.IngediendOp)
            .Select(b => new { b.Id, b.Brin, b.ItemCode, b.Soort, b.Bestandsnaam, b.ContentType, Grootte = b.Inhoud == null ? (int?)null : b.Inhoud.Length,
                b.Verklaring, b.OndertekendDoor, b.Functie, b.IngediendOp, b.IngediendDoor, b.Status, b.Opmerking, b.BeoordeeldOp, b.BeoordeeldDoor })
            .ToListAsync(cancellationToken);
        return lijst.Select(b => new BewijsInfo(b.Id, b.Brin, b.ItemCode, b.Soort, b.Bestandsnaam, b.ContentType, b.Grootte, b.Verklaring, b.OndertekendDoor,
            b.Functie, b.IngediendOp, b.IngediendDoor, b.Status, b.Opmerking, b.BeoordeeldOp, b.BeoordeeldDoor)).ToList();
    }

    /// <summary>One piece of evidence (without the document's content); with <paramref name="brin"/> only when it is that school's.</summary>
    public async Task<Uitkomst<BewijsInfo>> EvidenceItemAsync(Guid id, string? brin = null, CancellationToken cancellationToken = default)
    {
        await using var db = await DbAsync(cancellationToken);
        var b = await db.Bewijzen.AsNoTracking().Where(x => x.Id == id && (brin == null || x.Brin == brin))
            .Select(x => new { x.Id, x.Brin, x.ItemCode, x.Soort, x.Bestandsnaam, x.ContentType, Grootte = x.Inhoud == null ? (int?)null : x.Inhoud.Length,
                x.Verklaring, x.OndertekendDoor, x.Functie, x.IngediendOp, x.IngediendDoor, x.Status, x.Opmerking, x.BeoordeeldOp, x.BeoordeeldDoor })
            .FirstOrDefaultAsync(cancellationToken);
        return b is null ? Fout.NietGevonden("bewijs.onbekend", "Dit bewijsstuk bestaat niet (of hoort niet bij uw school).")
            : new BewijsInfo(b.Id, b.Brin, b.ItemCode, b.Soort, b.Bestandsnaam, b.ContentType, b.Grootte, b.Verklaring, b.OndertekendDoor,
                b.Functie, b.IngediendOp, b.IngediendDoor, b.Status, b.Opmerking, b.BeoordeeldOp, b.BeoordeeldDoor);
    }

    /// <summary>An evidence document's content (for the reviewing operator, or the school itself).</summary>
    public async Task<Uitkomst<BewijsDocument>> EvidenceDocumentAsync(Guid id, string? brin = null, CancellationToken cancellationToken = default)
    {
        await using var db = await DbAsync(cancellationToken);
        var b = await db.Bewijzen.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && (brin == null || x.Brin == brin), cancellationToken);
        return b?.Inhoud is null ? Fout.NietGevonden("bewijs.onbekend", "Dit bewijsstuk bestaat niet of is geen document.")
            : new BewijsDocument(b.Bestandsnaam ?? "bewijs", b.ContentType ?? "application/octet-stream", b.Inhoud);
    }

    /// <summary>The operator approves or rejects evidence (a rejection needs a remark); the school's qualification is recomputed.</summary>
    public async Task<Uitkomst<KwalificatieOverzicht>> ReviewAsync(Guid bewijsId, bool goedgekeurd, string? opmerking, CancellationToken cancellationToken = default)
    {
        if (!goedgekeurd && string.IsNullOrWhiteSpace(opmerking)) return Fout.Ongeldig("beoordeling.opmerking", "Geef bij een afwijzing een opmerking: de school moet weten wat er ontbreekt.");
        string brin;
        await using (var db = await DbAsync(cancellationToken))
        {
            var bewijs = await db.Bewijzen.FirstOrDefaultAsync(b => b.Id == bewijsId, cancellationToken);
            if (bewijs is null) return Fout.NietGevonden("bewijs.onbekend", "Dit bewijsstuk bestaat niet.");
            if (bewijs.Status != BewijsStatus.Ingediend) return Fout.Conflict("bewijs.beoordeeld", $"Dit bewijsstuk is al beoordeeld ({bewijs.Status}).");
            bewijs.Status = goedgekeurd ? BewijsStatus.Goedgekeurd : BewijsStatus.Afgewezen;
            bewijs.Opmerking = opmerking?.Trim();
            bewijs.BeoordeeldOp = Nu;
            bewijs.BeoordeeldDoor = Door;
            Audit(db, goedgekeurd ? "bewijs.goedkeuren" : "bewijs.afwijzen", bewijs.Brin, $"{bewijs.ItemCode}{(opmerking is null ? "" : ": " + opmerking)}");
            await db.SaveChangesAsync(cancellationToken);
            var before = await db.Scholen.AsNoTracking().Where(s => s.Brin == bewijs.Brin).Select(s => s.GekwalificeerdSinds).FirstAsync(cancellationToken);
            await HerberekenAsync(db, bewijs.Brin, cancellationToken);
            var school = await db.Scholen.FirstAsync(s => s.Brin == bewijs.Brin, cancellationToken);
            await CentralMail.EvidenceReviewedAsync(db, bewijs, goedgekeurd && school.GekwalificeerdSinds is not null && school.GekwalificeerdSinds != before, Nu,
                cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            brin = bewijs.Brin;
        }
        return await QualificationAsync(brin, cancellationToken);
    }

    /// <summary>Approves every checklist item of a school at once with an operator's statement — for scripted setups and demos.</summary>
    public async Task<Uitkomst<KwalificatieOverzicht>> ApproveAllAsync(string brin, CancellationToken cancellationToken = default)
    {
        await using (var db = await DbAsync(cancellationToken))
        {
            if (!await db.Scholen.AnyAsync(s => s.Brin == brin, cancellationToken)) return Fout.NietGevonden("school.onbekend", $"School {brin} bestaat niet.");
            foreach (var item in Handboek.Items)
                db.Bewijzen.Add(new Bewijs
                {
                    Id = Guid.NewGuid(), Brin = brin, ItemCode = item.Code, Soort = BewijsSoort.Verklaring, IngediendOp = Nu, IngediendDoor = Door,
                    Verklaring = "Door de beheerder in één keer goedgekeurd (gescripte inrichting).", OndertekendDoor = Door, Functie = "beheerder",
                    Status = BewijsStatus.Goedgekeurd, BeoordeeldOp = Nu, BeoordeeldDoor = Door,
                });
            await db.SaveChangesAsync(cancellationToken);
            await HerberekenAsync(db, brin, cancellationToken);
            Audit(db, "kwalificatie.alles-goedkeuren", brin);
            await db.SaveChangesAsync(cancellationToken);
        }
        return await QualificationAsync(brin, cancellationToken);
    }

    /// <summary>Qualifies a system by the operator's decision (normally a test exchange with the test school does this).</summary>
    public async Task<Uitkomst<SysteemInfo>> ApproveSystemAsync(string systeemId, CancellationToken cancellationToken = default)
    {
        await using var db = await DbAsync(cancellationToken);
        var systeem = await db.Systemen.FirstOrDefaultAsync(s => s.Id == systeemId, cancellationToken);
        if (systeem is null) return Fout.NietGevonden("systeem.onbekend", $"Systeem '{systeemId}' bestaat niet.");
        if (systeem.Deelname == Deelname.Ingetrokken) return Fout.Geweigerd("systeem.ingetrokken", $"Systeem '{systeemId}' is ingetrokken.");
        systeem.GekwalificeerdSinds ??= Nu;
        systeem.KwalificatieBewijs ??= $"goedgekeurd door {Door}";
        Audit(db, "kwalificatie.systeem-goedkeuren", systeemId);
        await db.SaveChangesAsync(cancellationToken);
        return systeem.Info();
    }

    private async Task HerberekenAsync(CentralDb db, string brin, CancellationToken ct)
    {
        var school = await db.Scholen.FirstAsync(s => s.Brin == brin, ct);
        var bewijzen = await db.Bewijzen.AsNoTracking().Where(b => b.Brin == brin).ToListAsync(ct); // saved state: save first
        Kwalificatie.Herbereken(school, bewijzen, Nu);
    }

    private static BewijsInfo Info(Bewijs b) => new(b.Id, b.Brin, b.ItemCode, b.Soort, b.Bestandsnaam, b.ContentType, b.Inhoud?.Length, b.Verklaring,
        b.OndertekendDoor, b.Functie, b.IngediendOp, b.IngediendDoor, b.Status, b.Opmerking, b.BeoordeeldOp, b.BeoordeeldDoor);
}
