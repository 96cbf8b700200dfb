using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Oso.Protocol.Client;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Messages;
using Oso.Protocol.Results;
using Oso.School.Audit;
using Oso.School.Protocol;
using Oso.School.Storage;

namespace Oso.School.Doel;

/// <summary>
/// Receives a notificatie (as doel): the bron released the dossier we asked for earlier. Accepted only for a request
/// of this school in that session, from the pupil's bron school, sent by the system that the Traffic Center says
/// manages the bron's aanleverpunt (asked live, so a bron school that changed supplier after the request still
/// reaches us). Deduplicated by session: the first one starts exactly one new request; a repeat from that system (the
/// bron's retry after a lost answer) is acknowledged and changes nothing. Anything else is refused, audited, and
/// changes nothing.
/// </summary>
public sealed class Notifications(SchoolStore store, Aanmeldingen aanmeldingen, NodeConnections connections, AuditLog audit, TimeProvider time,
    Swv.SwvInbox swvInbox, ILogger<Notifications> logger)
{
    /// <summary>The audit action of a refused notificatie.</summary>
    public const string Refused = "notificatie.geweigerd";

    /// <summary>The audit action of a repeated notificatie (acknowledged, nothing changed).</summary>
    public const string Repeated = "notificatie.herhaald";

    /// <summary>Handles a notificatie that arrived at aanleverpunt <paramref name="aanleverpunt"/> from <paramref name="caller"/>.</summary>
    public async Task<NotificatieResponse> HandleAsync(string aanleverpunt, NotificatieRequest request, SysteemId? caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request is NotificatieRequest.Swv swv) return await swvInbox.HandleNotificatieAsync(aanleverpunt, swv, caller, cancellationToken).ConfigureAwait(false);
        if (request is not NotificatieRequest.Overstap overstap) return new NotificatieResponse(ResultaatCode.OngeldigVerzoek);
        var routing = request.Routering;
        var brin = routing.DoelBrin.Value;
        var sessie = overstap.Aanvraag.SessieId.Value;

        // 1. for this school's aanleverpunt, about a request of this school in that session, from the pupil's bron school
        Guid? aanmeldingId;
        await using (var db = store.Read())
        {
            var punt = await db.Aanleverpunten.AsNoTracking().FirstOrDefaultAsync(a => a.RouteringsKenmerk == aanleverpunt, cancellationToken).ConfigureAwait(false);
            if (punt is null || !punt.Active || punt.Brin != brin || routing.DoelRouteringsKenmerk.Value != aanleverpunt)
                return new NotificatieResponse(ResultaatCode.OnbekendAanleverpunt);
            aanmeldingId = await (from r in db.TransferRequests
                                  join a in db.Aanmeldingen on r.AanmeldingId equals a.Id
                                  where r.SessieId == sessie && r.Brin == brin && a.BronBrin == routing.BronBrin.Value
                                  select (Guid?)a.Id).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        }
        if (aanmeldingId is null) return await RefuseAsync(brin, routing, caller, ResultaatCode.SessieAfwijkend, null, cancellationToken).ConfigureAwait(false);

        // 2. from the system that manages the bron's aanleverpunt, as the Traffic Center says now
        switch (await SenderCheck.CheckAsync(connections, routing.BronBrin, routing.BronRouteringsKenmerk, caller, cancellationToken).ConfigureAwait(false))
        {
            case ResultaatCode.TechnischeFout:
                // nothing changed: the bron retries on TechnischeFout
                logger.LogWarning("notificatie {Sessie}: Traffic Center niet bereikt; de afzender is niet te controleren.", sessie);
                return new NotificatieResponse(ResultaatCode.TechnischeFout);
            case { } refusal:
                return await RefuseAsync(brin, routing, caller, refusal, aanmeldingId, cancellationToken).ConfigureAwait(false);
        }

        // 3. the first one starts one new request; a repeat changes nothing
        return await store.WriteAsync(async db =>
        {
            var actor = Actor.Systeem(caller?.Value ?? "onbekend");
            if (await db.ReceivedNotifications.AnyAsync(n => n.SessieId == sessie, cancellationToken).ConfigureAwait(false))
            {
                await audit.RecordAsync(db, brin, actor, Repeated, "De bronschool meldde opnieuw dat het dossier beschikbaar is; er is niets gewijzigd.",
                    aanmeldingId.ToString(), "bron=" + routing.BronBrin, cancellationToken).ConfigureAwait(false);
                return new NotificatieResponse(ResultaatCode.NotificatieOntvangen);
            }
            var notification = new ReceivedNotification
            {
                SessieId = sessie, Brin = brin, BronBrin = routing.BronBrin.Value, ReceivedAt = time.GetUtcNow(),
            };
            db.ReceivedNotifications.Add(notification);
            var queued = await aanmeldingen.QueueRequestAsync(db, brin, aanmeldingId.Value, "Notificatie", null, actor, cancellationToken).ConfigureAwait(false);
            if (queued is DoelResult.Ok ok) notification.RequestId = ok.Id;
            return new NotificatieResponse(ResultaatCode.NotificatieOntvangen);
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<NotificatieResponse> RefuseAsync(string brin, Routering routing, SysteemId? caller, ResultaatCode refusal, Guid? aanmeldingId,
        CancellationToken cancellationToken)
    {
        logger.LogWarning("notificatie van systeem {Systeem} voor school {Brin} geweigerd ({Code}).", caller?.Value ?? "(geen)", brin, refusal);
        await store.WriteAsync(db => audit.RecordAsync(db, brin, Actor.Systeem(caller?.Value ?? "onbekend"), Refused,
            "Een notificatie is geweigerd; er is niets gewijzigd.", aanmeldingId?.ToString(), $"bron={routing.BronBrin};resultaat={refusal}",
            cancellationToken), cancellationToken).ConfigureAwait(false);
        return new NotificatieResponse(refusal);
    }
}
