using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Oso.School.Outbox;
using Oso.School.Protocol;
using Oso.School.Storage;

namespace Oso.School.Doel;

/// <summary>
/// Delivers the doel's signed ontvangstbevestiging (issue 17 §2, docs/protocol.md §4b) to the bron's aanleverpunt,
/// through the outbox: the receipt is signed and kept with the received dossier in the transaction that stores it, and
/// sent from here until the bron answers. A bron that is unreachable or answers 5xx gets it later; one that refuses it
/// (4xx) is not asked again, and the refusal is logged.
/// </summary>
public sealed class ReceiptSender(SchoolStore store, NodeConnections connections, ILogger<ReceiptSender> logger) : IOutboxHandler
{
    /// <summary>The outbox kind.</summary>
    public const string Kind = "ontvangst.bevestigen";

    /// <summary>The outbox payload.</summary>
    /// <param name="ReceivedId">The received dossier (or received SWV dossier) whose receipt is sent.</param>
    /// <param name="Aanleverpunt">The bron aanleverpunt's protocol URL the dossier came from.</param>
    public sealed record Payload(Guid ReceivedId, Uri Aanleverpunt);

    string IOutboxHandler.Kind => Kind;

    /// <summary>Where a bron aanleverpunt takes receipts.</summary>
    public static Uri Address(Uri aanleverpunt)
    {
        ArgumentNullException.ThrowIfNull(aanleverpunt);
        return new Uri(aanleverpunt.AbsoluteUri.TrimEnd('/') + "/ontvangstbevestiging");
    }

    /// <inheritdoc />
    public async Task<OutboxOutcome> HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var payload = JsonSerializer.Deserialize<Payload>(message.Payload)!;
        byte[]? receipt;
        await using (var db = store.Read())
            receipt = await db.ReceivedDossiers.AsNoTracking().Where(d => d.Id == payload.ReceivedId).Select(d => d.Ontvangstbevestiging)
                    .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
                // an SWV's receipt for an SWV dossier goes the same way
                ?? await db.SwvReceipts.AsNoTracking().Where(d => d.Id == payload.ReceivedId).Select(d => d.Ontvangstbevestiging)
                    .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (receipt is null) return OutboxOutcome.Done; // removed by retention meanwhile, or nothing to confirm

        var status = await connections.PostXmlAsync(Address(payload.Aanleverpunt), receipt, cancellationToken).ConfigureAwait(false);
        switch (status)
        {
            case null:
                return OutboxOutcome.RetryLater("De bronschool is niet bereikt.");
            case >= 200 and < 300:
                return OutboxOutcome.Done;
            case >= 500 or 408 or 429:
                return OutboxOutcome.RetryLater($"De bronschool antwoordde HTTP {status}.");
            default:
                logger.LogWarning("De bronschool weigerde de ontvangstbevestiging van ontvangen dossier {Id} (HTTP {Status}).", payload.ReceivedId, status);
                return OutboxOutcome.GiveUp($"De bronschool weigerde de ontvangstbevestiging (HTTP {status}).");
        }
    }
}
