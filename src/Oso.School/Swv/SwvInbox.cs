using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Oso.Dossier.Identifiers;
using Oso.Dossier.Validation;
using Oso.Protocol.Client;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Messages;
using Oso.Protocol.Proofs;
using Oso.Protocol.Results;
using Oso.School.Audit;
using Oso.School.Crypto;
using Oso.School.Doel;
using Oso.School.LasApi;
using Oso.School.Outbox;
using Oso.School.Protocol;
using Oso.School.Storage;
using static Oso.School.Crypto.ProtectedDossiers;

namespace Oso.School.Swv;

/// <summary>
/// The SWV's side: a notificatie with a koppelsleutel at the SWV's aanleverpunt (only from the system that manages the
/// school's aanleverpunt, deduplicated by koppelsleutel) queues the fetch; the fetch opens a session with the
/// koppelsleutel, asks the school's aanleverpunt for the dossier, stores it encrypted and closes with afmelding.
/// </summary>
public sealed class SwvInbox(SchoolStore store, ProtectedDossiers crypto, AuditLog audit, OutboxQueue outbox, NodeConnections connections,
    DossierValidator validator, TimeProvider time, ILogger<SwvInbox> logger) : IOutboxHandler
{
    /// <summary>The outbox kind of a fetch.</summary>
    public const string Kind = "swv.ophalen";

    /// <summary>The outbox payload.</summary>
    /// <param name="ReceiptId">The announced dossier.</param>
    public sealed record Payload(Guid ReceiptId);

    string IOutboxHandler.Kind => Kind;

    /// <summary>Handles a notificatie with a koppelsleutel that arrived at <paramref name="aanleverpunt"/> from <paramref name="caller"/>.</summary>
    public async Task<NotificatieResponse> HandleNotificatieAsync(string aanleverpunt, NotificatieRequest.Swv request, SysteemId? caller,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var routing = request.Routering;
        var brin = routing.DoelBrin.Value;
        await using (var db = store.Read())
        {
            var punt = await db.Aanleverpunten.AsNoTracking().FirstOrDefaultAsync(a => a.RouteringsKenmerk == aanleverpunt, cancellationToken).ConfigureAwait(false);
            var tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Brin == brin, cancellationToken).ConfigureAwait(false);
            if (punt is null || !punt.Active || punt.Brin != brin || punt.Doel != "SWV" || tenant?.Sector != "SWV" || routing.DoelRouteringsKenmerk.Value != aanleverpunt)
                return new NotificatieResponse(ResultaatCode.OnbekendAanleverpunt);
        }
        switch (await SenderCheck.CheckAsync(connections, routing.BronBrin, routing.BronRouteringsKenmerk, caller, cancellationToken).ConfigureAwait(false))
        {
            case ResultaatCode.TechnischeFout:
                logger.LogWarning("SWV-notificatie voor {Brin}: Traffic Center niet bereikt; de afzender is niet te controleren.", brin);
                return new NotificatieResponse(ResultaatCode.TechnischeFout);
            case { } refusal:
                logger.LogWarning("SWV-notificatie van systeem {Systeem} voor {Brin} geweigerd ({Code}).", caller?.Value ?? "(geen)", brin, refusal);
                await store.WriteAsync(db => audit.RecordAsync(db, brin, Actor.Systeem(caller?.Value ?? "onbekend"), Doel.Notifications.Refused,
                    "Een notificatie is geweigerd; er is niets gewijzigd.", null, $"bron={routing.BronBrin};resultaat={refusal}", cancellationToken),
                    cancellationToken).ConfigureAwait(false);
                return new NotificatieResponse(refusal);
        }

        return await store.WriteAsync(async db =>
        {
            var actor = Actor.Systeem(caller!.Value.Value);
            var existing = await db.SwvReceipts.AsNoTracking().FirstOrDefaultAsync(r => r.Koppelsleutel == request.Koppelsleutel.Value, cancellationToken).ConfigureAwait(false);
            if (existing is not null)
            {
                // the school's retry after a lost answer: acknowledged, nothing changes (another school's key is refused)
                if (existing.Brin != brin || existing.SchoolBrin != routing.BronBrin.Value) return new NotificatieResponse(ResultaatCode.SessieAfwijkend);
                await audit.RecordAsync(db, brin, actor, Doel.Notifications.Repeated, "De school meldde het swv-dossier opnieuw; er is niets gewijzigd.",
                    existing.Id.ToString(), "school=" + routing.BronBrin, cancellationToken).ConfigureAwait(false);
                return new NotificatieResponse(ResultaatCode.NotificatieOntvangen);
            }
            var receipt = new SwvReceipt
            {
                Id = Guid.NewGuid(), Brin = brin, SwvRouteringsKenmerk = aanleverpunt, SchoolBrin = routing.BronBrin.Value,
                SchoolRouteringsKenmerk = routing.BronRouteringsKenmerk.Value, Koppelsleutel = request.Koppelsleutel.Value, AfzenderSysteem = caller.Value.Value,
                Status = SwvReceiptStatus.Wachtrij, NotifiedAt = time.GetUtcNow(),
            };
            db.SwvReceipts.Add(receipt);
            await audit.RecordAsync(db, brin, actor, "swv.gemeld", "Een school meldt een swv-dossier; het wordt opgehaald.", receipt.Id.ToString(),
                "school=" + routing.BronBrin, cancellationToken).ConfigureAwait(false);
            await outbox.EnqueueAsync(db, Kind, new Payload(receipt.Id), "swv-ophalen:" + receipt.Id, cancellationToken: cancellationToken).ConfigureAwait(false);
            return new NotificatieResponse(ResultaatCode.NotificatieOntvangen);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<OutboxOutcome> HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var id = JsonSerializer.Deserialize<Payload>(message.Payload)!.ReceiptId;
        SwvReceipt? receipt;
        await using (var db = store.Read())
            receipt = await db.SwvReceipts.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken).ConfigureAwait(false);
        if (receipt is null) return OutboxOutcome.GiveUp("Het gemelde swv-dossier bestaat niet meer.");
        if (receipt.Status != SwvReceiptStatus.Wachtrij) return OutboxOutcome.Done;
        var school = Brin.Parse(receipt.SchoolBrin);
        var swv = Brin.Parse(receipt.Brin);
        var swvRk = RouteringsKenmerk.Parse(receipt.SwvRouteringsKenmerk);
        var sleutel = Koppelsleutel.From(receipt.Koppelsleutel);
        var trace = TraceStep.Parse(receipt.Trace);
        var partij = $"School {receipt.SchoolBrin} (aanleverpunt {receipt.SchoolRouteringsKenmerk})";

        // 1. the session, with the koppelsleutel
        if (receipt.SessieId is null)
        {
            var overdracht = new OverdrachtRequest(school, RouteringsKenmerk.Parse(receipt.SchoolRouteringsKenmerk), swv, swvRk,
                new SessieSleutel.Koppel(sleutel), Overdrachtsoort.SwvDossier);
            switch (await connections.Client.SendAsync(connections.TrafficCenter, overdracht, cancellationToken).ConfigureAwait(false))
            {
                case OsoCallResult<OverdrachtResponse>.Success { Response: OverdrachtResponse.Toegekend toegekend }:
                    trace.Add(new TraceStep(time.GetUtcNow(), "Sessie bij het Traffic Center", "Traffic Center", null,
                        $"Sessie {toegekend.SessieId} toegekend met de koppelsleutel.", null, true));
                    await SaveAsync(id, r => { r.SessieId = toegekend.SessieId.Value; r.Trace = TraceStep.Write(trace); }, cancellationToken).ConfigureAwait(false);
                    receipt.SessieId = toegekend.SessieId.Value;
                    break;
                case OsoCallResult<OverdrachtResponse>.Success { Response: OverdrachtResponse.Geweigerd geweigerd }:
                    trace.Add(TraceStep.For(time.GetUtcNow(), "Sessie bij het Traffic Center", "Traffic Center", geweigerd.Resultaat));
                    return await FinishAsync(id, SwvReceiptStatus.Mislukt, geweigerd.Resultaat, trace, cancellationToken).ConfigureAwait(false);
                case OsoCallResult<OverdrachtResponse>.Failure failure:
                    return OutboxOutcome.RetryLater("Traffic Center: " + failure.Fout.Soort);
                default:
                    return OutboxOutcome.RetryLater("Onverwacht antwoord van het Traffic Center");
            }
        }
        var sessie = SessieId.From(receipt.SessieId!.Value);
        var routing = new Routering(school, RouteringsKenmerk.Parse(receipt.SchoolRouteringsKenmerk), swv, swvRk);

        // 2. the dossier from the school's aanleverpunt (its URL as the Traffic Center lists it)
        var resultaat = ResultaatCode.TechnischeFout;
        var lookup = await connections.Client.SendAsync(connections.TrafficCenter,
            new OverzichtAanleverpuntRequest(school, null, routing.BronRouteringsKenmerk), cancellationToken).ConfigureAwait(false);
        if (lookup is not OsoCallResult<OverzichtAanleverpuntResponse>.Success { Response: var overzicht }) return OutboxOutcome.RetryLater("Traffic Center niet bereikt");
        if (overzicht.Aanleverpunten.Count > 0 && overzicht.Aanleverpunten[0] is { } punt)
        {
            var document = new DocumentRequest(routing, sessie, Overdrachtsoort.SwvDossier, new DocumentSleutel.Koppel(sleutel), null);
            switch (await connections.Client.SendAsync(punt.Url, document, cancellationToken).ConfigureAwait(false))
            {
                case OsoCallResult<DocumentResponse>.Success { Response: DocumentResponse.Geleverd geleverd }:
                    using (geleverd) // owned here: a large one is in a spool file (ADR 0014)
                    {
                        var stored = await StoreAsync(receipt, geleverd, punt, routing, sessie, partij, cancellationToken).ConfigureAwait(false);
                        resultaat = stored.Geslaagd ? ResultaatCode.OverdrachtGeslaagd : ResultaatCode.TechnischeFout;
                        trace.Add(stored);
                    }
                    break;
                case OsoCallResult<DocumentResponse>.Success { Response: DocumentResponse.NietGeleverd niet }:
                    resultaat = niet.Resultaat;
                    trace.Add(TraceStep.For(time.GetUtcNow(), "Dossier opvragen", partij, niet.Resultaat, punt.RouteringsKenmerk.Value));
                    break;
                case OsoCallResult<DocumentResponse>.Failure failure:
                    trace.Add(new TraceStep(time.GetUtcNow(), "Dossier opvragen", partij, nameof(ResultaatCode.TechnischeFout),
                        "Het aanleverpunt gaf geen bruikbaar antwoord: " + failure.Fout.Omschrijving, punt.RouteringsKenmerk.Value, false));
                    break;
            }
        }
        else
        {
            trace.Add(new TraceStep(time.GetUtcNow(), "Dossier opvragen", partij, nameof(ResultaatCode.GeenActiefAanleverpunt),
                "Het aanleverpunt van de school is niet (meer) actief. " + ResultaatCode.GeenActiefAanleverpunt.Info().Toelichting, null, false));
            resultaat = ResultaatCode.GeenActiefAanleverpunt;
        }

        // 3. afmelding
        switch (await connections.Client.SendAsync(connections.TrafficCenter, new AfmeldingRequest(routing, sessie, resultaat), cancellationToken).ConfigureAwait(false))
        {
            case OsoCallResult<AfmeldingResponse>.Success success:
                trace.Add(new TraceStep(time.GetUtcNow(), "Afmelding", "Traffic Center", success.Response.Resultaat.ToString(),
                    $"Afgemeld met resultaat {resultaat}. " + resultaat.Info().Toelichting, null, true));
                break;
            default:
                trace.Add(new TraceStep(time.GetUtcNow(), "Afmelding", "Traffic Center", null,
                    "Afmelden lukte niet; de sessie verloopt vanzelf. Actie voor de beheerder: controleer de verbinding met het Traffic Center.", null, false));
                break;
        }
        return await FinishAsync(id, resultaat == ResultaatCode.OverdrachtGeslaagd ? SwvReceiptStatus.Ontvangen : SwvReceiptStatus.Mislukt, resultaat, trace,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Checks the school's signature first (a dossier whose signature fails is not stored; unsigned is kept as such, as
    /// from another implementation), then stores the dossier encrypted and queues this SWV's signed receipt for the school.
    /// </summary>
    private async Task<TraceStep> StoreAsync(SwvReceipt receipt, DocumentResponse.Geleverd geleverd, Aanleverpunt punt, Routering routing, SessieId sessie,
        string partij, CancellationToken cancellationToken)
    {
        var id = receipt.Id;
        var xml = geleverd.Dossier.ToArray(); // a SWV dossier is kept as one protected blob (SwvReceipt.Xml): an explicit copy, also of a spooled one
        var afzender = punt.Systeem ?? SysteemId.Parse(receipt.AfzenderSysteem);
        var controle = geleverd.Handtekening is null ? null
            : Bewijzen.Controleer(geleverd.Handtekening, xml, connections.Validator, new Verwachting(VerklaringSoort.Verzending, afzender, sessie, routing.BronBrin, routing.DoelBrin));
        if (controle is Handtekeningcontrole.Ongeldig ongeldig)
        {
            await store.WriteAsync(db => audit.RecordAsync(db, receipt.Brin, Actor.Node, "dossier.geweigerd",
                "Een ontvangen swv-dossier is geweigerd: de handtekening van de school klopt niet.", id.ToString(),
                $"school={receipt.SchoolBrin};handtekening={ongeldig.Fout}", cancellationToken), cancellationToken).ConfigureAwait(false);
            return new TraceStep(time.GetUtcNow(), "Dossier opvragen", partij, nameof(ResultaatCode.TechnischeFout),
                $"Het swv-dossier is niet opgeslagen: de handtekening van de school is ongeldig. {ongeldig.Omschrijving} "
                + $"Actie voor de leverancier van de school (systeem {afzender}): controleer de ondertekening en het systeemcertificaat.", punt.RouteringsKenmerk.Value, false);
        }
        var geldig = controle as Handtekeningcontrole.Geldig;
        var digest = Bewijzen.Digest(xml);
        var bevestiging = geldig is null ? null : Bewijzen.Onderteken(new Verklaring(VerklaringSoort.Ontvangst, time.GetUtcNow(), sessie, routing.BronBrin,
            routing.DoelBrin, connections.Systeem, digest), connections.SystemCertificate);
        var report = validator.Validate(new MemoryStream(xml), cancellationToken);
        await store.WriteAsync(async db =>
        {
            var row = await db.SwvReceipts.FirstAsync(r => r.Id == id, cancellationToken).ConfigureAwait(false);
            row.Xml = crypto.ProtectXml(row.Brin, xml, Contexts.SwvReceived(id));
            row.Meldingen = crypto.ProtectJson(row.Brin, report.Meldingen, Contexts.SwvReceivedMeldingen(id));
            row.Valid = report.Valid;
            row.ReceivedAt = time.GetUtcNow();
            row.Handtekening = geleverd.Handtekening is { } h ? crypto.ProtectXml(row.Brin, h.Utf8.Span, Contexts.SwvReceivedHandtekening(id)) : null;
            row.HandtekeningStatus = geldig is null ? HandtekeningStatus.NietOndertekend : HandtekeningStatus.Geldig;
            row.Ondertekenaar = geldig?.Verklaring.Systeem.Value;
            row.OndertekendOp = geldig?.Verklaring.Tijdstip;
            row.DossierSha256 = Convert.ToHexStringLower(digest);
            row.Ontvangstbevestiging = bevestiging?.Utf8.ToArray();
            if (bevestiging is not null)
                await outbox.EnqueueAsync(db, ReceiptSender.Kind, new ReceiptSender.Payload(id, punt.Url), "ontvangst:" + id, cancellationToken: cancellationToken)
                    .ConfigureAwait(false);
            await audit.RecordAsync(db, row.Brin, Actor.Node, "dossier.ontvangen", "Het swv-dossier is ontvangen van de school.", id.ToString(),
                $"school={row.SchoolBrin};geldig={report.Valid}", cancellationToken).ConfigureAwait(false);
            await outbox.EnqueueAsync(db, Webhooks.Kind, new Webhooks.Payload(Guid.Empty, SwvReceipt: id), "webhook:swv:" + id, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        var toelichting = report.Valid
            ? $"Swv-dossier ontvangen ({xml.Length / 1024.0:F0} kB) en geldig volgens de officiële standaard (XSD en PaO-regels)."
            : $"Swv-dossier ontvangen ({xml.Length / 1024.0:F0} kB), maar met {report.Fouten} fout(en) volgens de officiële standaard. Actie voor de school: controleer het dossier.";
        toelichting += geldig is null
            ? " De school heeft het niet ondertekend."
            : $" Ondertekend door systeem {geldig.Verklaring.Systeem} van de school; de handtekening is gecontroleerd.";
        return new TraceStep(time.GetUtcNow(), "Dossier opvragen", partij, nameof(ResultaatCode.OverdrachtGeslaagd), toelichting, punt.RouteringsKenmerk.Value, true);
    }

    private async Task<OutboxOutcome> FinishAsync(Guid id, string status, ResultaatCode code, List<TraceStep> trace, CancellationToken cancellationToken)
    {
        await store.WriteAsync(async db =>
        {
            var row = await db.SwvReceipts.FirstAsync(r => r.Id == id, cancellationToken).ConfigureAwait(false);
            row.Status = status;
            row.Resultaat = code.ToString();
            row.Trace = TraceStep.Write(trace);
            await audit.RecordAsync(db, row.Brin, Actor.Node, "overdracht.afgerond", "Het ophalen van het swv-dossier is afgerond.", id.ToString(),
                "resultaat=" + code, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return OutboxOutcome.Done;
    }

    private Task SaveAsync(Guid id, Action<SwvReceipt> change, CancellationToken cancellationToken) =>
        store.WriteAsync(async db => change(await db.SwvReceipts.FirstAsync(r => r.Id == id, cancellationToken).ConfigureAwait(false)), cancellationToken);
}
