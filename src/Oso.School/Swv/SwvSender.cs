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

namespace Oso.School.Swv;

/// <summary>
/// Announces an SWV dossier: finds the SWV's aanleverpunt (doel SWV) at the Traffic Center, asks a koppelsleutel with
/// meldenNotificatie (doel SWV) and sends the notificatie with it to the SWV. Each step is saved before the next, so a
/// retry never asks a second koppelsleutel once one was kept; retried through the outbox until the SWV acknowledges. A
/// refusal ends the sending as <see cref="SwvSendingStatus.Mislukt"/> with the reason in its trace.
/// </summary>
public sealed class SwvSender(SchoolStore store, NodeConnections connections, SwvDossiers dossiers, AuditLog audit) : IOutboxHandler
{
    /// <summary>The outbox kind.</summary>
    public const string Kind = "swv.melden";

    /// <summary>The outbox payload.</summary>
    /// <param name="SendingId">The sending.</param>
    public sealed record Payload(Guid SendingId);

    string IOutboxHandler.Kind => Kind;

    /// <inheritdoc />
    public async Task<OutboxOutcome> HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var id = JsonSerializer.Deserialize<Payload>(message.Payload)!.SendingId;
        SwvSending? sending;
        await using (var db = store.Read())
            sending = await db.SwvSendings.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken).ConfigureAwait(false);
        if (sending is null) return OutboxOutcome.GiveUp("De verzending bestaat niet meer.");
        if (sending.Status != SwvSendingStatus.Wachtrij) return OutboxOutcome.Done;
        var partij = "Samenwerkingsverband " + sending.SwvBrin;

        // 1. the SWV's aanleverpunt and a koppelsleutel (kept, so a retry reuses it)
        if (sending.Koppelsleutel is null)
        {
            var lookup = await connections.Client.SendAsync(connections.TrafficCenter,
                new OverzichtAanleverpuntRequest(Brin.Parse(sending.SwvBrin), Uitwisseldoel.Swv, null), cancellationToken).ConfigureAwait(false);
            if (lookup is not OsoCallResult<OverzichtAanleverpuntResponse>.Success { Response: var overzicht })
                return OutboxOutcome.RetryLater("Traffic Center niet bereikt");
            if (overzicht.Aanleverpunten.Count == 0 || overzicht.Aanleverpunten[0] is not { } swvPunt)
                return await FailAsync(id, "Aanleverpunt van het samenwerkingsverband", "Traffic Center", ResultaatCode.OnbekendAanleverpunt,
                    $"Het Traffic Center kent geen actief SWV-aanleverpunt van {sending.SwvBrin}. Actie voor het samenwerkingsverband: laat zijn aanleverpunt registreren; of kies het juiste samenwerkingsverband.",
                    cancellationToken).ConfigureAwait(false);
            var routing = Routing(sending, swvPunt.RouteringsKenmerk.Value);
            var melding = await connections.Client.SendAsync(connections.TrafficCenter, new MeldenNotificatieRequest(routing, null), cancellationToken).ConfigureAwait(false);
            switch (melding)
            {
                case OsoCallResult<MeldenNotificatieResponse>.Success { Response: MeldenNotificatieResponse.Toegekend { Koppelsleutel: { } sleutel } toegekend }:
                    await SaveAsync(id, s =>
                    {
                        s.Koppelsleutel = sleutel.Value;
                        s.SwvRouteringsKenmerk = swvPunt.RouteringsKenmerk.Value;
                        s.SwvUrl = toegekend.Url.ToString();
                        dossiers.AddStep(s, "Koppelsleutel", "Traffic Center", null,
                            $"Het Traffic Center gaf een koppelsleutel uit voor aanleverpunt {swvPunt.RouteringsKenmerk} van samenwerkingsverband {sending.SwvBrin}.");
                    }, cancellationToken).ConfigureAwait(false);
                    sending.Koppelsleutel = sleutel.Value;
                    sending.SwvRouteringsKenmerk = swvPunt.RouteringsKenmerk.Value;
                    sending.SwvUrl = toegekend.Url.ToString();
                    break;
                case OsoCallResult<MeldenNotificatieResponse>.Success { Response: MeldenNotificatieResponse.Geweigerd geweigerd }:
                    return await FailAsync(id, "Koppelsleutel", "Traffic Center", geweigerd.Resultaat,
                        "Het Traffic Center weigerde de melding. " + geweigerd.Resultaat.Info().Toelichting, cancellationToken).ConfigureAwait(false);
                case OsoCallResult<MeldenNotificatieResponse>.Failure failure:
                    return OutboxOutcome.RetryLater("Traffic Center: " + failure.Fout.Soort);
                default:
                    return OutboxOutcome.RetryLater("Onverwacht antwoord van het Traffic Center");
            }
        }

        // 2. the notificatie with the koppelsleutel
        var notificatie = new NotificatieRequest.Swv(Routing(sending, sending.SwvRouteringsKenmerk!), Koppelsleutel.From(sending.Koppelsleutel!.Value));
        var answer = await connections.Client.SendAsync(new Uri(sending.SwvUrl!), notificatie, cancellationToken).ConfigureAwait(false);
        switch (answer)
        {
            case OsoCallResult<NotificatieResponse>.Success { Response.Resultaat: ResultaatCode.NotificatieOntvangen }:
                await store.WriteAsync(async db =>
                {
                    var row = await db.SwvSendings.FirstAsync(s => s.Id == id, cancellationToken).ConfigureAwait(false);
                    if (row.Status == SwvSendingStatus.Wachtrij) row.Status = SwvSendingStatus.Gemeld;
                    dossiers.AddStep(row, "Notificatie", partij, ResultaatCode.NotificatieOntvangen,
                        "Het samenwerkingsverband heeft de notificatie ontvangen en haalt het dossier op met de koppelsleutel.");
                    await audit.RecordAsync(db, row.Brin, Actor.Node, "swv.gemeld", "Het samenwerkingsverband is bericht dat het swv-dossier klaarstaat.",
                        row.PupilId.ToString(), "swv=" + row.SwvBrin, cancellationToken).ConfigureAwait(false);
                }, cancellationToken).ConfigureAwait(false);
                return OutboxOutcome.Done;
            case OsoCallResult<NotificatieResponse>.Success { Response.Resultaat: ResultaatCode.TechnischeFout }:
                return OutboxOutcome.RetryLater("Samenwerkingsverband: tijdelijke technische fout");
            case OsoCallResult<NotificatieResponse>.Success success:
                return await FailAsync(id, "Notificatie", partij, success.Response.Resultaat,
                    "Het samenwerkingsverband weigerde de notificatie. " + success.Response.Resultaat.Info().Toelichting, cancellationToken).ConfigureAwait(false);
            case OsoCallResult<NotificatieResponse>.Failure failure:
                return OutboxOutcome.RetryLater("Samenwerkingsverband: " + failure.Fout.Soort);
            default:
                return OutboxOutcome.RetryLater("Onverwacht antwoord van het samenwerkingsverband");
        }
    }

    /// <inheritdoc />
    public async Task OnGivenUpAsync(SchoolDbContext db, OutboxMessage message, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(message);
        var id = JsonSerializer.Deserialize<Payload>(message.Payload)!.SendingId;
        var row = await db.SwvSendings.FirstOrDefaultAsync(s => s.Id == id, cancellationToken).ConfigureAwait(false);
        if (row is null || row.Status != SwvSendingStatus.Wachtrij) return;
        row.Status = SwvSendingStatus.Mislukt;
        dossiers.AddStep(row, "Afgebroken", "School " + row.Brin, null,
            $"Het swv-dossier kon niet worden gemeld (laatste fout: {reason}); de node probeert het niet meer. Actie voor de school: kies het samenwerkingsverband opnieuw. "
            + "Actie voor de beheerder als dat ook mislukt: controleer de verbinding met het Traffic Center en het samenwerkingsverband.", geslaagd: false);
        await audit.RecordAsync(db, row.Brin, Actor.Node, "swv.opgegeven", "Het swv-dossier kon niet worden gemeld en wordt niet meer geprobeerd.",
            row.PupilId.ToString(), "swv=" + row.SwvBrin, cancellationToken).ConfigureAwait(false);
    }

    private static Routering Routing(SwvSending s, string swvRk) =>
        new(Brin.Parse(s.Brin), RouteringsKenmerk.Parse(s.BronRouteringsKenmerk), Brin.Parse(s.SwvBrin), RouteringsKenmerk.Parse(swvRk));

    private async Task<OutboxOutcome> FailAsync(Guid id, string stap, string partij, ResultaatCode code, string toelichting, CancellationToken cancellationToken)
    {
        await store.WriteAsync(async db =>
        {
            var row = await db.SwvSendings.FirstAsync(s => s.Id == id, cancellationToken).ConfigureAwait(false);
            row.Status = SwvSendingStatus.Mislukt;
            row.Resultaat = code.ToString();
            dossiers.AddStep(row, stap, partij, code, toelichting, geslaagd: false);
            await audit.RecordAsync(db, row.Brin, Actor.Node, "swv.geweigerd", "Het swv-dossier is niet gemeld: het werd geweigerd.", row.PupilId.ToString(),
                $"swv={row.SwvBrin};resultaat={code}", cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return OutboxOutcome.Done;
    }

    private Task SaveAsync(Guid id, Action<SwvSending> change, CancellationToken cancellationToken) =>
        store.WriteAsync(async db => change(await db.SwvSendings.FirstAsync(s => s.Id == id, cancellationToken).ConfigureAwait(false)), cancellationToken);
}
