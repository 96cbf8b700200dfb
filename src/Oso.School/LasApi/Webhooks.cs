using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Oso.School.Crypto;
using Oso.School.Doel;
using Oso.School.Outbox;
using Oso.School.Storage;
using static Oso.School.Crypto.ProtectedDossiers;

namespace Oso.School.LasApi;

/// <summary>
/// Tells the school's LAS what happened without it having to poll: <c>dossier.ontvangen</c> when a dossier arrived (ids
/// only; the LAS then fetches the dossier through the API) and <c>aanvraag.afgerond</c> when a request ended — with its
/// status, resultaat and, when it did not succeed, what went wrong and who must act — as a POST, camelCase like the rest
/// of the API. Headers: <c>X-Oso-Delivery</c> (the same on every retry, so the LAS can
/// drop duplicates), <c>X-Oso-Timestamp</c> (Unix seconds of this attempt) and, with the client's webhook secret,
/// <c>X-Oso-Signature: sha256=...</c> — HMAC-SHA256 over <c>{timestamp}.{body}</c>, so an old request cannot be
/// replayed with a fresh timestamp.
/// </summary>
public sealed class Webhooks(SchoolStore store, ProtectedDossiers crypto, IHttpClientFactory http, TimeProvider time) : IOutboxHandler
{
    /// <summary>Header: the delivery's id (per event and LAS client; the same on every retry).</summary>
    public const string DeliveryHeader = "X-Oso-Delivery";

    /// <summary>Header: when this attempt was sent, in Unix seconds (signed).</summary>
    public const string TimestampHeader = "X-Oso-Timestamp";

    /// <summary>Header: <c>sha256=</c> and the lower-case hex HMAC-SHA256 over <c>{timestamp}.{body}</c> (only with a secret).</summary>
    public const string SignatureHeader = "X-Oso-Signature";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The outbox kind.</summary>
    public const string Kind = "webhook.versturen";

    /// <summary>The outbox payload: a received dossier, a finished request, a received terugkoppeling or SWV dossier.</summary>
    /// <param name="ReceivedDossierId">The new dossier (empty for another event).</param>
    /// <param name="TransferRequestId">The request that ended (for <c>aanvraag.afgerond</c>).</param>
    /// <param name="Terugkoppeling">The received terugkoppeling (for <c>terugkoppeling.ontvangen</c>).</param>
    /// <param name="SwvReceipt">The received SWV dossier (for <c>swv-dossier.ontvangen</c>).</param>
    public sealed record Payload(Guid ReceivedDossierId, Guid? TransferRequestId = null, Guid? Terugkoppeling = null, Guid? SwvReceipt = null);

    /// <summary>What the LAS receives for the SWV flow: <c>terugkoppeling.ontvangen</c> (school) or <c>swv-dossier.ontvangen</c> (SWV); ids only.</summary>
    /// <param name="Gebeurtenis">The event.</param>
    /// <param name="Id">The terugkoppeling's or SWV dossier's id (fetch it through the API).</param>
    /// <param name="Brin">The tenant.</param>
    /// <param name="PartnerBrin">The SWV (terugkoppeling) or the school (SWV dossier).</param>
    /// <param name="OntvangenOp">When.</param>
    public sealed record SwvBody(string Gebeurtenis, Guid Id, string Brin, string PartnerBrin, DateTimeOffset OntvangenOp);

    /// <summary>What the LAS receives.</summary>
    /// <param name="Gebeurtenis">Always <c>dossier.ontvangen</c>.</param>
    /// <param name="Id">The received dossier's id.</param>
    /// <param name="Brin">The school.</param>
    /// <param name="BronBrin">The sending school.</param>
    /// <param name="AanmeldingId">The aanmelding.</param>
    /// <param name="OntvangenOp">When.</param>
    public sealed record Body(string Gebeurtenis, Guid Id, string Brin, string BronBrin, Guid AanmeldingId, DateTimeOffset OntvangenOp);

    /// <summary>What the LAS receives when a request ended (no personal data: ids, codes and the trace's explanation).</summary>
    /// <param name="Gebeurtenis">Always <c>aanvraag.afgerond</c>.</param>
    /// <param name="Id">The request's id (GET …/aanvragen/{id} gives every step).</param>
    /// <param name="Brin">The school.</param>
    /// <param name="AanmeldingId">The aanmelding.</param>
    /// <param name="Status"><c>Klaar</c> (the protocol ran; see the resultaat) or <c>Mislukt</c> (the node gave up).</param>
    /// <param name="Resultaat">The beste resultaat of the afmelding (e.g. <c>OverdrachtGeslaagd</c>, <c>LeerlinginfoNietBeschikbaar</c>), if any.</param>
    /// <param name="Toelichting">What it means and, when it did not succeed, who must do what.</param>
    /// <param name="AfgerondOp">When it ended.</param>
    public sealed record RequestBody(string Gebeurtenis, Guid Id, string Brin, Guid AanmeldingId, string Status, string? Resultaat, string? Toelichting,
        DateTimeOffset? AfgerondOp);

    /// <summary>
    /// Queues <c>aanvraag.afgerond</c> for a request that just ended, in the caller's transaction — only when the school
    /// has a LAS client with a webhook (otherwise there is no one to tell).
    /// </summary>
    public static async Task EnqueueRequestFinishedAsync(SchoolDbContext db, OutboxQueue outbox, TransferRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(request);
        if (!await db.LasClients.AnyAsync(c => c.Brin == request.Brin && c.RevokedAt == null && c.WebhookUrl != null, cancellationToken).ConfigureAwait(false))
            return;
        await outbox.EnqueueAsync(db, Kind, new Payload(Guid.Empty, request.Id), "webhook:aanvraag:" + request.Id, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
    }

    string IOutboxHandler.Kind => Kind;

    /// <inheritdoc />
    public async Task<OutboxOutcome> HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var payload = JsonSerializer.Deserialize<Payload>(message.Payload)!;
        string brin;
        Guid eventId;
        byte[] body;
        List<LasClient> clients;
        await using (var db = store.Read())
        {
            if (payload.TransferRequestId is { } requestId)
            {
                var request = await db.TransferRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken).ConfigureAwait(false);
                if (request is null) return OutboxOutcome.Done;
                var shown = DoelApi.ToDto(request);
                (brin, eventId) = (request.Brin, requestId);
                body = JsonSerializer.SerializeToUtf8Bytes(new RequestBody("aanvraag.afgerond", request.Id, request.Brin, request.AanmeldingId, shown.Status,
                    shown.Resultaat, shown.Toelichting, shown.Afgerond), Json);
            }
            else if (payload.Terugkoppeling is { } feedbackId)
            {
                var feedback = await db.Terugkoppelingen.AsNoTracking().FirstOrDefaultAsync(t => t.Id == feedbackId, cancellationToken).ConfigureAwait(false);
                if (feedback is null) return OutboxOutcome.Done;
                (brin, eventId) = (feedback.Brin, feedback.Id);
                body = JsonSerializer.SerializeToUtf8Bytes(new SwvBody("terugkoppeling.ontvangen", feedback.Id, feedback.Brin, feedback.PartnerBrin, feedback.At), Json);
            }
            else if (payload.SwvReceipt is { } receiptId)
            {
                var receipt = await db.SwvReceipts.AsNoTracking().FirstOrDefaultAsync(r => r.Id == receiptId, cancellationToken).ConfigureAwait(false);
                if (receipt is null) return OutboxOutcome.Done;
                (brin, eventId) = (receipt.Brin, receipt.Id);
                body = JsonSerializer.SerializeToUtf8Bytes(new SwvBody("swv-dossier.ontvangen", receipt.Id, receipt.Brin, receipt.SchoolBrin,
                    receipt.ReceivedAt ?? receipt.NotifiedAt), Json);
            }
            else
            {
                var dossier = await db.ReceivedDossiers.AsNoTracking().FirstOrDefaultAsync(d => d.Id == payload.ReceivedDossierId, cancellationToken).ConfigureAwait(false);
                if (dossier is null) return OutboxOutcome.Done;
                (brin, eventId) = (dossier.Brin, dossier.Id);
                body = JsonSerializer.SerializeToUtf8Bytes(new Body("dossier.ontvangen", dossier.Id, dossier.Brin, dossier.BronBrin, dossier.AanmeldingId, dossier.ReceivedAt), Json);
            }
            clients = await db.LasClients.AsNoTracking().Where(c => c.Brin == brin && c.RevokedAt == null && c.WebhookUrl != null)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
        }
        var failures = new List<string>();
        var sender = http.CreateClient("webhooks");
        foreach (var client in clients)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, client.WebhookUrl) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            request.Headers.Add(DeliveryHeader, DeliveryId(payload switch
            {
                { TransferRequestId: not null } => "aanvraag|",
                { Terugkoppeling: not null } => "terugkoppeling|",
                { SwvReceipt: not null } => "swv|",
                _ => "",
            }, eventId, client.Id).ToString());
            request.Headers.Add(TimestampHeader, timestamp);
            if (client.WebhookSecret is not null)
            {
                var secret = crypto.Json<string>(client.Brin, client.WebhookSecret, Contexts.Webhook(client.Id));
                request.Headers.Add(SignatureHeader, Sign(secret, timestamp, body));
            }
            try
            {
                using var response = await sender.SendAsync(request, cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode) failures.Add($"{client.Naam}: HTTP {(int)response.StatusCode}");
            }
            catch (HttpRequestException ex)
            {
                failures.Add($"{client.Naam}: {ex.HttpRequestError}");
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // the client's timeout, not the node stopping: a failed delivery, retried like any other
                failures.Add($"{client.Naam}: geen antwoord binnen {sender.Timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s");
            }
        }
        return failures.Count == 0 ? OutboxOutcome.Done : OutboxOutcome.RetryLater(string.Join("; ", failures));
    }

    /// <summary>The <see cref="SignatureHeader"/> value: <c>sha256=</c> and the hex HMAC-SHA256 over <c>{timestamp}.{body}</c>.</summary>
    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(timestamp);
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(Encoding.UTF8.GetBytes(timestamp + "."));
        hmac.AppendData(body);
        return "sha256=" + Convert.ToHexStringLower(hmac.GetHashAndReset());
    }

    /// <summary>One id per event and LAS client, the same on every retry.</summary>
    private static Guid DeliveryId(string kind, Guid eventId, Guid clientId) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes("webhook|" + kind + eventId + "|" + clientId)).AsSpan(0, 16));
}
