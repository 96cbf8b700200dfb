using Microsoft.EntityFrameworkCore;
using Oso.School.Storage;

namespace Oso.School.Retention;

/// <summary>
/// Removes everything the node holds about one pupil, as bron or as doel, inside the caller's transaction: used by the
/// retention purge and by a deletion on request. The audit records stay (retention reduces them later).
/// </summary>
public static class PupilData
{
    /// <summary>What was removed for a pupil as bron (counts only: the detail of an audit record).</summary>
    /// <param name="Releases">Released versions.</param>
    /// <param name="Disclosures">Deliveries in the disclosure log.</param>
    /// <param name="ParentLinks">Parents' links.</param>
    /// <param name="Requests">Received requests that named the pupil.</param>
    /// <param name="Corrections">Correction requests.</param>
    public sealed record BronRemoved(int Releases, int Disclosures, int ParentLinks, int Requests, int Corrections)
    {
        /// <summary>For an audit record's detail.</summary>
        public string Detail => $"versies={Releases};verstrekkingen={Disclosures};ouderlinks={ParentLinks};verzoeken={Requests};correcties={Corrections}";
    }

    /// <summary>Removes a pupil as bron: identity, draft, releases, disclosure log, parents' links, requests, correction requests, SWV sendings and terugkoppelingen.</summary>
    public static async Task<BronRemoved> RemoveBronPupilAsync(SchoolDbContext db, Guid pupilId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var links = await db.ParentLinks.Where(l => l.PupilId == pupilId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        var corrections = await db.CorrectionRequests.Where(c => c.PupilId == pupilId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        var disclosures = await db.Disclosures.Where(d => d.PupilId == pupilId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        // a release's chunks first (their owner is generic: no foreign key cascades)
        await StoredChunks.DeleteAsync(db, StoredChunks.Release, db.Releases.Where(r => r.PupilId == pupilId).Select(r => r.Id), cancellationToken).ConfigureAwait(false);
        var releases = await db.Releases.Where(r => r.PupilId == pupilId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        var requests = await db.IncomingRequests.Where(r => r.PupilId == pupilId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        // the SWV dossiers sent for the pupil and the terugkoppelingen received about them
        await db.Terugkoppelingen.Where(t => t.PupilId == pupilId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.SwvSendings.Where(s => s.PupilId == pupilId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.Drafts.Where(d => d.PupilId == pupilId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.Pupils.Where(p => p.Id == pupilId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        return new BronRemoved(releases, disclosures, links, requests, corrections);
    }

    /// <summary>Removes an aanmelding as doel with its requests (and their traces), received dossiers and notificaties; returns the number of requests.</summary>
    public static async Task<int> RemoveAanmeldingAsync(SchoolDbContext db, Guid aanmeldingId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var requests = await db.TransferRequests.Where(r => r.AanmeldingId == aanmeldingId).Select(r => new { r.Id, r.SessieId })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var ids = requests.Select(r => r.Id).ToList();
        var sessions = requests.Where(r => r.SessieId is not null).Select(r => r.SessieId!.Value).ToList();
        await db.ReceivedNotifications.Where(n => sessions.Contains(n.SessieId) || (n.RequestId != null && ids.Contains(n.RequestId.Value)))
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await StoredChunks.DeleteAsync(db, StoredChunks.Received, db.ReceivedDossiers.Where(d => d.AanmeldingId == aanmeldingId).Select(d => d.Id), cancellationToken)
            .ConfigureAwait(false);
        await db.ReceivedDossiers.Where(d => d.AanmeldingId == aanmeldingId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.TransferRequests.Where(r => r.AanmeldingId == aanmeldingId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.Aanmeldingen.Where(a => a.Id == aanmeldingId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        return requests.Count;
    }
}
