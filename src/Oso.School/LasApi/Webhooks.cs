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
/// Tells the school's LAS that a dossier arrived: a POST with ids only (the LAS then fetches the dossier through the
/// API), signed with HMAC-SHA256 over the body (<c>X-Oso-Signature: sha256=...</c>) using the client's webhook secret.
/// </summary>
public sealed class Webhooks(SchoolStore store, ProtectedDossiers crypto, IHttpClientFactory http) : IOutboxHandler
{
    /// <summary>The outbox kind.</summary>
    public const string Kind = "webhook.versturen";

    /// <summary>The outbox payload.</summary>
    /// <param name="ReceivedDossierId">The new dossier.</param>
    public sealed record Payload(Guid ReceivedDossierId);

    /// <summary>What the LAS receives.</summary>
    /// <param name="Gebeurtenis">Always <c>dossier.ontvangen</c>.</param>
    /// <param name="Id">The received dossier's id.</param>
    /// <param name="Brin">The school.</param>
    /// <param name="BronBrin">The sending school.</param>
    /// <param name="AanmeldingId">The aanmelding.</param>
    /// <param name="OntvangenOp">When.</param>
    public sealed record Body(string Gebeurtenis, Guid Id, string Brin, string BronBrin, Guid AanmeldingId, DateTimeOffset OntvangenOp);

    string IOutboxHandler.Kind => Kind;

    /// <inheritdoc />
    public async Task<OutboxOutcome> HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var id = JsonSerializer.Deserialize<Payload>(message.Payload)!.ReceivedDossierId;
        ReceivedDossier? dossier;
        List<LasClient> clients;
        await using (var db = store.Read())
        {
            dossier = await db.ReceivedDossiers.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken).ConfigureAwait(false);
            if (dossier is null) return OutboxOutcome.Done;
            clients = await db.LasClients.AsNoTracking().Where(c => c.Brin == dossier.Brin && c.RevokedAt == null && c.WebhookUrl != null)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
        }
        var body = JsonSerializer.SerializeToUtf8Bytes(new Body("dossier.ontvangen", dossier.Id, dossier.Brin, dossier.BronBrin, dossier.AanmeldingId, dossier.ReceivedAt));
        var failures = new List<string>();
        var sender = http.CreateClient("webhooks");
        foreach (var client in clients)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, client.WebhookUrl) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            if (client.WebhookSecret is not null)
            {
                var secret = crypto.Json<string>(client.Brin, client.WebhookSecret, Contexts.Webhook(client.Id));
                request.Headers.Add("X-Oso-Signature", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body)));
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
}
