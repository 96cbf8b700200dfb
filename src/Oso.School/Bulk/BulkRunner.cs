using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Oso.School.Audit;
using Oso.School.Bron;
using Oso.School.Outbox;
using Oso.School.Parents;
using Oso.School.Portal.Dossiers;
using Oso.School.Storage;

namespace Oso.School.Bulk;

/// <summary>
/// Carries out one pupil's part of a bulk action (outbox work, one message per pupil). The rule is checked again at
/// the pupil's turn, so a repeat after a crash does nothing twice: a released dossier is not released again, and a
/// parents' link has an id derived from the action, the pupil and the address, so it is made and mailed once.
/// </summary>
public sealed class BulkRunner(SchoolStore store, BulkActions actions, DossierOverview overview, BronDossiers bron, ParentLinks links, TimeProvider time)
    : IOutboxHandler
{
    /// <summary>The outbox kind.</summary>
    public const string Kind = "werklijst.leerling";

    /// <summary>The outbox payload.</summary>
    /// <param name="JobId">The action.</param>
    /// <param name="PupilId">The pupil.</param>
    public sealed record Payload(Guid JobId, Guid PupilId);

    string IOutboxHandler.Kind => Kind;

    /// <summary>The idempotency key of a pupil's part.</summary>
    public static string Key(Guid job, Guid pupil) => $"werklijst:{job:N}:{pupil:N}";

    /// <inheritdoc />
    public async Task<OutboxOutcome> HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var payload = JsonSerializer.Deserialize<Payload>(message.Payload)!;
        BulkJob? job;
        await using (var db = store.Read())
        {
            job = await db.BulkJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == payload.JobId, cancellationToken).ConfigureAwait(false);
            var item = await db.BulkJobItems.AsNoTracking().FirstOrDefaultAsync(i => i.JobId == payload.JobId && i.PupilId == payload.PupilId, cancellationToken)
                .ConfigureAwait(false);
            if (job is null || item is null || item.State != BulkItemState.Wachtrij) return OutboxOutcome.Done;
            // the person who confirmed must still work for the school (a role taken away stops the rest of the action)
            if (!await db.StaffMemberships.AnyAsync(m => m.UserId == job.UserId && m.Brin == job.Brin, cancellationToken).ConfigureAwait(false))
            {
                await FinishAsync(payload, BulkItemState.Mislukt, "Niet uitgevoerd: wie de actie startte, werkt niet meer voor deze school.", cancellationToken).ConfigureAwait(false);
                return OutboxOutcome.Done;
            }
        }
        var (state, result) = await RunAsync(job, payload.PupilId, cancellationToken).ConfigureAwait(false);
        await FinishAsync(payload, state, result, cancellationToken).ConfigureAwait(false);
        return OutboxOutcome.Done;
    }

    /// <inheritdoc />
    public async Task OnGivenUpAsync(SchoolDbContext db, OutboxMessage message, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(message);
        var payload = JsonSerializer.Deserialize<Payload>(message.Payload)!;
        var item = await db.BulkJobItems.FirstOrDefaultAsync(i => i.JobId == payload.JobId && i.PupilId == payload.PupilId, cancellationToken).ConfigureAwait(false);
        if (item is null || item.State != BulkItemState.Wachtrij) return;
        item.State = BulkItemState.Mislukt;
        item.Result = "Niet gelukt na herhaalde pogingen (" + reason + "). Probeer het vanaf de pagina van de leerling.";
        item.FinishedAt = time.GetUtcNow();
    }

    private async Task<(BulkItemState State, string Result)> RunAsync(BulkJob job, Guid pupilId, CancellationToken cancellationToken)
    {
        var rows = await overview.RowsAsync(job.Brin, [pupilId], cancellationToken).ConfigureAwait(false);
        var row = rows.Count == 0 ? null : rows[0];
        if (row is null) return (BulkItemState.Mislukt, "De leerling staat niet (meer) bij deze school.");
        var actor = Actor.Medewerker(job.UserId);
        var sector = await actions.SectorAsync(job.Brin, cancellationToken).ConfigureAwait(false);
        if (job.Kind == BulkKind.OuderLinks)
        {
            var addresses = await actions.AddressesAsync(job.Brin, pupilId, cancellationToken).ConfigureAwait(false);
            var made = await MadeByThisJobAsync(job, pupilId, addresses.Count, cancellationToken).ConfigureAwait(false);
            // a repeat after a crash: the links this action made count as this action's, not as "already a link"
            var (doen, wat) = made > 0 ? (true, "") : BulkActions.Decide(job.Kind, row, addresses, sector);
            if (!doen) return (BulkItemState.Overgeslagen, wat);
            for (var i = 0; i < addresses.Count; i++)
            {
                var created = await links.CreateAsync(job.Brin, pupilId, addresses[i].Email, actor, mail: true, LinkId(job.Id, pupilId, i), cancellationToken)
                    .ConfigureAwait(false);
                if (created is not ParentLinkResult.Created)
                    return (BulkItemState.Mislukt, "Er kon geen link worden gemaakt (het e-mailadres in het dossier is ongeldig): stuur hem vanaf de pagina van de leerling.");
            }
            return (BulkItemState.Klaar, addresses.Count == 1 ? "Persoonlijke link gemaild aan 1 ouder." : $"Persoonlijke link gemaild aan {addresses.Count} ouders.");
        }

        var (release, reason) = BulkActions.Decide(job.Kind, row, [], sector);
        if (!release) return (BulkItemState.Overgeslagen, reason);
        var optOut = await PreviousOptOutAsync(job.Brin, pupilId, cancellationToken).ConfigureAwait(false);
        return await bron.ReleaseAsync(job.Brin, pupilId, optOut, actor, cancellationToken).ConfigureAwait(false) switch
        {
            ReleaseResult.Released r => (BulkItemState.Klaar, $"Vrijgegeven als versie {r.Version}."
                + (r.Notifications > 0 ? $" {r.Notifications} school/scholen die het eerder opvroegen, krijgen bericht." : "")),
            ReleaseResult.NotAllowed n => (BulkItemState.Mislukt, n.Reason),
            ReleaseResult.Invalid i => (BulkItemState.Mislukt, $"Het dossier heeft {i.Meldingen.Count} fout(en) volgens de officiële standaard."),
            _ => (BulkItemState.Mislukt, "De leerling staat niet (meer) bij deze school."),
        };
    }

    private async Task<int> MadeByThisJobAsync(BulkJob job, Guid pupilId, int addresses, CancellationToken cancellationToken)
    {
        var ids = Enumerable.Range(0, Math.Max(addresses, 1)).Select(i => LinkId(job.Id, pupilId, i)).ToList();
        await using var db = store.Read();
        return await db.ParentLinks.CountAsync(l => ids.Contains(l.Id), cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyCollection<string>> PreviousOptOutAsync(string brin, Guid pupilId, CancellationToken cancellationToken)
    {
        await using var db = store.Read();
        var previous = await db.Releases.AsNoTracking().Where(r => r.PupilId == pupilId && r.Brin == brin).OrderByDescending(r => r.Version)
            .Select(r => r.OptOut).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return (previous ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
    }

    private async Task FinishAsync(Payload payload, BulkItemState state, string result, CancellationToken cancellationToken) =>
        await store.WriteAsync(async db =>
        {
            var item = await db.BulkJobItems.FirstAsync(i => i.JobId == payload.JobId && i.PupilId == payload.PupilId, cancellationToken).ConfigureAwait(false);
            item.State = state;
            item.Result = result;
            item.FinishedAt = time.GetUtcNow();
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>The id of the link an action makes for a pupil's n-th address: the same on every repeat.</summary>
    internal static Guid LinkId(Guid job, Guid pupil, int address)
    {
        var hash = SHA256.HashData(Encoding.ASCII.GetBytes($"oso-werklijst-link|{job:N}|{pupil:N}|{address}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // version 8 (custom), RFC 9562
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
