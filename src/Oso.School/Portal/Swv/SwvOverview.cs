using Microsoft.EntityFrameworkCore;
using Oso.Dossier;
using Oso.School.Audit;
using Oso.School.Crypto;
using Oso.School.Doel;
using Oso.School.Portal.Dossiers;
using Oso.School.Storage;
using Oso.School.Swv;
using static Oso.School.Crypto.ProtectedDossiers;

namespace Oso.School.Portal.Swv;

/// <summary>An SWV dossier that arrived at this node's SWV, for staff.</summary>
/// <param name="Row">The stored row (XML still encrypted).</param>
/// <param name="SchoolNaam">The sending school's name from Central's list, if known.</param>
/// <param name="Pogingen">The terugkoppelingen sent about it, newest first.</param>
public sealed record IncomingSwvDossier(SwvReceipt Row, string? SchoolNaam, IReadOnlyList<Terugkoppeling> Pogingen);

/// <summary>An SWV dossier this school sent, with what came back.</summary>
/// <param name="Row">The sending.</param>
/// <param name="SwvNaam">The SWV's name from Central's list, if known.</param>
/// <param name="Terug">The terugkoppelingen received about it.</param>
public sealed record SentSwvDossier(SwvSending Row, string? SwvNaam, IReadOnlyList<Terugkoppeling> Terug);

/// <summary>A terugkoppeling read for a person: the decisions per school year in words.</summary>
/// <param name="Row">The stored row.</param>
/// <param name="Besluiten">Each school year's arrangement: year and description.</param>
public sealed record FeedbackView(Terugkoppeling Row, IReadOnlyList<string> Besluiten);

/// <summary>
/// What the portal shows of the SWV flow: the SWV's incoming dossiers and the terugkoppelingen it sent; the school's SWV
/// dossiers and the terugkoppelingen that came back. Reading a terugkoppeling's content is audited.
/// </summary>
public sealed class SwvOverview(SchoolStore store, ProtectedDossiers crypto, AuditLog audit)
{
    /// <summary>The SWV's incoming dossiers, newest first.</summary>
    public async Task<IReadOnlyList<IncomingSwvDossier>> IncomingAsync(string brin, CancellationToken cancellationToken = default)
    {
        await using var db = store.Read();
        var rows = await db.SwvReceipts.AsNoTracking().Where(r => r.Brin == brin).OrderByDescending(r => r.NotifiedAt).ToListAsync(cancellationToken).ConfigureAwait(false);
        var ids = rows.Select(r => r.Id).ToList();
        var sent = await db.Terugkoppelingen.AsNoTracking().Where(t => t.Brin == brin && ids.Contains(t.ExchangeId)).ToListAsync(cancellationToken).ConfigureAwait(false);
        var names = await DossierOverview.SchoolNamesAsync(db, rows.Select(r => r.SchoolBrin), cancellationToken).ConfigureAwait(false);
        return rows.Select(r => new IncomingSwvDossier(r, names.GetValueOrDefault(r.SchoolBrin),
            sent.Where(t => t.ExchangeId == r.Id).OrderByDescending(t => t.At).ToList())).ToList();
    }

    /// <summary>One incoming dossier, or null.</summary>
    public async Task<IncomingSwvDossier?> IncomingAsync(string brin, Guid id, CancellationToken cancellationToken = default) =>
        (await IncomingAsync(brin, cancellationToken).ConfigureAwait(false)).FirstOrDefault(d => d.Row.Id == id);

    /// <summary>The XML of the last terugkoppeling attempt about <paramref name="id"/> (for sending it again by hand), or null.</summary>
    public async Task<byte[]?> LastAttemptAsync(string brin, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = store.Read();
        var last = await db.Terugkoppelingen.AsNoTracking().Where(t => t.Brin == brin && t.ExchangeId == id && t.Richting == TerugkoppelingRichting.Verstuurd)
            .OrderByDescending(t => t.At).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return last is null ? null : crypto.Xml(brin, last.Xml, Contexts.Terugkoppeling(last.Id));
    }

    /// <summary>The school's SWV dossiers, newest first; for one pupil when <paramref name="pupilId"/> is given.</summary>
    public async Task<IReadOnlyList<SentSwvDossier>> SentAsync(string brin, Guid? pupilId = null, CancellationToken cancellationToken = default)
    {
        await using var db = store.Read();
        var query = db.SwvSendings.AsNoTracking().Where(s => s.Brin == brin);
        if (pupilId is { } p) query = query.Where(s => s.PupilId == p);
        var rows = await query.OrderByDescending(s => s.CreatedAt).ToListAsync(cancellationToken).ConfigureAwait(false);
        var ids = rows.Select(r => r.Id).ToList();
        var back = await db.Terugkoppelingen.AsNoTracking().Where(t => t.Brin == brin && t.Richting == TerugkoppelingRichting.Ontvangen && ids.Contains(t.ExchangeId))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var names = await DossierOverview.SchoolNamesAsync(db, rows.Select(r => r.SwvBrin), cancellationToken).ConfigureAwait(false);
        return rows.Select(r => new SentSwvDossier(r, names.GetValueOrDefault(r.SwvBrin), back.Where(t => t.ExchangeId == r.Id).OrderBy(t => t.At).ToList())).ToList();
    }

    /// <summary>A terugkoppeling's decisions in words (audited as read by <paramref name="actor"/>), or null.</summary>
    public async Task<FeedbackView?> ReadAsync(string brin, Guid id, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return await store.WriteAsync(async db =>
        {
            var row = await db.Terugkoppelingen.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id && t.Brin == brin, cancellationToken).ConfigureAwait(false);
            if (row is null) return null;
            await audit.RecordAsync(db, brin, actor, "terugkoppeling.ingezien", "Een terugkoppeling van het samenwerkingsverband is bekeken.",
                row.PupilId?.ToString() ?? row.ExchangeId.ToString(), "terugkoppeling=" + id, cancellationToken).ConfigureAwait(false);
            return new FeedbackView(row, Besluiten(crypto.Xml(brin, row.Xml, Contexts.Terugkoppeling(id))));
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Each school year's arrangement of a terugkoppeling document, in words.</summary>
    public static IReadOnlyList<string> Besluiten(byte[] xml)
    {
        if (DossierReader.Read(new MemoryStream(xml)).Document is not Dossier.Model.Terugkoppeling t) return [];
        return [.. t.Terugkoppelinformatie.Tiperschooljaar.Select(j => $"Schooljaar {j.Schooljaar}: {j.Iltomschrijving}")];
    }
}
