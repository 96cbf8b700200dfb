using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Oso.Dossier.Identifiers;
using Oso.Protocol.Client;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Messages;
using Oso.Protocol.Results;
using Oso.School.Audit;
using Oso.School.Outbox;
using Oso.School.Protocol;
using Oso.School.Storage;

namespace Oso.School.Bron;

/// <summary>
/// After a release, tells each doel whose request was refused that the dossier is now available: meldenNotificatie at
/// the Traffic Center (which gives the doel's URL), then notificatie to the doel. Retried through the outbox until the
/// doel acknowledges; the doel deduplicates by session, so a retry after a crash never causes a second transfer.
/// </summary>
public sealed class NotificationSender(SchoolStore store, NodeConnections connections, AuditLog audit, TimeProvider time, Oso.Hosting.Telemetry.OsoMetrics metrics)
    : IOutboxHandler
{
    /// <summary>The outbox kind.</summary>
    public const string Kind = "notificatie.versturen";

    /// <summary>The outbox payload.</summary>
    /// <param name="IncomingRequestId">The refused request to notify about.</param>
    public sealed record Payload(Guid IncomingRequestId);

    /// <summary>The outbox idempotency key of the notification about a request.</summary>
    public static string Key(Guid incomingRequestId) => "notify:" + incomingRequestId;

    /// <summary>A notification given up is audited, so the bron school's log says the doel was not told.</summary>
    public async Task OnGivenUpAsync(SchoolDbContext db, OutboxMessage message, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(message);
        var id = JsonSerializer.Deserialize<Payload>(message.Payload)!.IncomingRequestId;
        var request = await db.IncomingRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken).ConfigureAwait(false);
        if (request is null) return;
        await audit.RecordAsync(db, request.Brin, Actor.Node, "notificatie.opgegeven",
            "Het bericht aan de nieuwe school dat het dossier beschikbaar is, kon niet worden bezorgd en wordt niet meer geprobeerd.",
            request.PupilId?.ToString(), "doel=" + request.DoelBrin, cancellationToken).ConfigureAwait(false);
    }

    string IOutboxHandler.Kind => Kind;

    /// <inheritdoc />
    public async Task<OutboxOutcome> HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var payload = JsonSerializer.Deserialize<Payload>(message.Payload)!;
        IncomingRequest? request;
        await using (var db = store.Read())
            request = await db.IncomingRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == payload.IncomingRequestId, cancellationToken).ConfigureAwait(false);
        if (request is null) return OutboxOutcome.GiveUp("Het verzoek bestaat niet meer.");
        if (request.NotifiedAt is not null) return OutboxOutcome.Done;

        var routing = new Routering(Brin.Parse(request.Brin), RouteringsKenmerk.Parse(request.BronRouteringsKenmerk),
            Brin.Parse(request.DoelBrin), RouteringsKenmerk.Parse(request.DoelRouteringsKenmerk));
        var aanvraag = new OverstapAanvraag(SessieId.From(request.SessieId), request.ReceivedAt);

        var melding = await connections.Client.SendAsync(connections.TrafficCenter, new MeldenNotificatieRequest(routing, aanvraag), cancellationToken).ConfigureAwait(false);
        Uri url;
        switch (melding)
        {
            case OsoCallResult<MeldenNotificatieResponse>.Success { Response: MeldenNotificatieResponse.Toegekend toegekend }:
                url = toegekend.Url;
                break;
            case OsoCallResult<MeldenNotificatieResponse>.Success { Response: MeldenNotificatieResponse.Geweigerd geweigerd }:
                return OutboxOutcome.GiveUp("Het Traffic Center weigerde de notificatie: " + geweigerd.Resultaat);
            case OsoCallResult<MeldenNotificatieResponse>.Failure failure:
                return OutboxOutcome.RetryLater("Traffic Center: " + failure.Fout.Soort);
            default:
                return OutboxOutcome.RetryLater("Onverwacht antwoord van het Traffic Center");
        }

        var notificatie = await connections.Client.SendAsync(url, new NotificatieRequest.Overstap(routing, aanvraag), cancellationToken).ConfigureAwait(false);
        metrics.Notificaties.Add(1, new System.Diagnostics.TagList
        {
            { "direction", "verstuurd" },
            { "result", notificatie is OsoCallResult<NotificatieResponse>.Success sent ? sent.Response.Resultaat.ToString() : "Onbereikbaar" },
        });
        switch (notificatie)
        {
            case OsoCallResult<NotificatieResponse>.Success { Response.Resultaat: ResultaatCode.NotificatieOntvangen }:
                await store.WriteAsync(async db =>
                {
                    var row = await db.IncomingRequests.FirstAsync(r => r.Id == request.Id, cancellationToken).ConfigureAwait(false);
                    row.NotifiedAt = time.GetUtcNow();
                    await audit.RecordAsync(db, request.Brin, Actor.Node, "notificatie.verstuurd",
                        "De nieuwe school is bericht dat het dossier nu beschikbaar is.", request.PupilId?.ToString(), "doel=" + request.DoelBrin,
                        cancellationToken).ConfigureAwait(false);
                }, cancellationToken).ConfigureAwait(false);
                return OutboxOutcome.Done;
            case OsoCallResult<NotificatieResponse>.Success { Response.Resultaat: ResultaatCode.TechnischeFout }:
                return OutboxOutcome.RetryLater("Nieuwe school: tijdelijke technische fout"); // e.g. it could not reach the Traffic Center to check us
            case OsoCallResult<NotificatieResponse>.Success success:
                return OutboxOutcome.GiveUp("De nieuwe school weigerde de notificatie: " + success.Response.Resultaat);
            case OsoCallResult<NotificatieResponse>.Failure failure:
                return OutboxOutcome.RetryLater("Nieuwe school: " + failure.Fout.Soort);
            default:
                return OutboxOutcome.RetryLater("Onverwacht antwoord van de nieuwe school");
        }
    }
}
