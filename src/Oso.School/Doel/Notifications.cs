using Microsoft.EntityFrameworkCore;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Messages;
using Oso.Protocol.Results;
using Oso.School.Audit;
using Oso.School.Storage;

namespace Oso.School.Doel;

/// <summary>
/// Receives a notificatie (as doel): the bron released the dossier we asked for earlier. Deduplicated by session: the
/// first one starts exactly one new request; repeats (the bron's retries) are acknowledged and change nothing.
/// </summary>
public sealed class Notifications(SchoolStore store, Aanmeldingen aanmeldingen, TimeProvider time)
{
    /// <summary>Handles a notificatie that arrived at aanleverpunt <paramref name="aanleverpunt"/>.</summary>
    public async Task<NotificatieResponse> HandleAsync(string aanleverpunt, NotificatieRequest request, SysteemId? caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request is not NotificatieRequest.Overstap overstap) return new NotificatieResponse(ResultaatCode.OngeldigVerzoek);
        var brin = request.Routering.DoelBrin.Value;
        var sessie = overstap.Aanvraag.SessieId.Value;
        return await store.WriteAsync(async db =>
        {
            var punt = await db.Aanleverpunten.AsNoTracking().FirstOrDefaultAsync(a => a.RouteringsKenmerk == aanleverpunt, cancellationToken).ConfigureAwait(false);
            if (punt is null || !punt.Active || punt.Brin != brin || request.Routering.DoelRouteringsKenmerk.Value != aanleverpunt)
                return new NotificatieResponse(ResultaatCode.OnbekendAanleverpunt);
            if (await db.ReceivedNotifications.AnyAsync(n => n.SessieId == sessie, cancellationToken).ConfigureAwait(false))
                return new NotificatieResponse(ResultaatCode.NotificatieOntvangen); // a repeat: already handled
            var original = await db.TransferRequests.AsNoTracking().FirstOrDefaultAsync(r => r.SessieId == sessie && r.Brin == brin, cancellationToken).ConfigureAwait(false);
            if (original is null) return new NotificatieResponse(ResultaatCode.SessieAfwijkend);
            var notification = new ReceivedNotification
            {
                SessieId = sessie, Brin = brin, BronBrin = request.Routering.BronBrin.Value, ReceivedAt = time.GetUtcNow(),
            };
            db.ReceivedNotifications.Add(notification);
            var queued = await aanmeldingen.QueueRequestAsync(db, brin, original.AanmeldingId, "Notificatie", null,
                Actor.Systeem(caller?.Value ?? "onbekend"), cancellationToken).ConfigureAwait(false);
            if (queued is DoelResult.Ok ok) notification.RequestId = ok.Id;
            return new NotificatieResponse(ResultaatCode.NotificatieOntvangen);
        }, cancellationToken).ConfigureAwait(false);
    }
}
