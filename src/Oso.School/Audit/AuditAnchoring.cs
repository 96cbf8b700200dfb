using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Oso.Dossier.Identifiers;
using Oso.Protocol.Proofs;
using Oso.School.Outbox;
using Oso.School.Protocol;
using Oso.School.Storage;

namespace Oso.School.Audit;

/// <summary>
/// Anchors each school's audit chain at Central (issue 17 §3, docs/school.md §5): every
/// <see cref="SchoolOptions.AuditAnchorInterval"/> (one outbox message per interval for the whole cluster) and on demand,
/// the node signs a checkpoint of every chain head that moved, keeps it, and sends the checkpoints Central has not yet
/// acknowledged; it keeps Central's signed acknowledgements. Central unreachable: the checkpoints wait and the message
/// retries with the outbox's backoff, and the next interval's message sends them too. The node's own work never waits
/// for this.
/// </summary>
public sealed class AuditAnchoring(SchoolStore store, OutboxQueue outbox, NodeConnections connections, SchoolOptions options, TimeProvider time,
    ILogger<AuditAnchoring> logger) : IOutboxHandler, IDailyWork
{
    /// <summary>The outbox kind.</summary>
    public const string Kind = "audit.verankeren";

    string IOutboxHandler.Kind => Kind;

    /// <summary>Where checkpoints go.</summary>
    public Uri Address => AddressFor(options, connections);

    /// <summary>Central's anchoring call for these settings.</summary>
    public static Uri AddressFor(SchoolOptions options, NodeConnections connections)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(connections);
        return options.AuditAnchorUrl ?? new Uri(connections.TrafficCenter, "/oso/audit/anker");
    }

    /// <summary>
    /// Fetches the acknowledgements Central keeps for <paramref name="brin"/> (<c>GET …/ankers/{brin}</c>, as the system
    /// that serves it); throws <see cref="InvalidOperationException"/> with a Dutch reason when Central does not give them.
    /// </summary>
    public static async Task<IReadOnlyList<byte[]>> FetchAsync(SchoolOptions options, NodeConnections connections, string brin, CancellationToken cancellationToken)
    {
        var url = new Uri(AddressFor(options, connections), "ankers/" + Uri.EscapeDataString(brin));
        var (status, body) = await connections.SendAsync(HttpMethod.Get, url, null, cancellationToken).ConfigureAwait(false);
        if (status is null) throw new InvalidOperationException("Central is niet bereikt; de verankeringen bij Central zijn niet opgehaald.");
        if (status is not 200) throw new InvalidOperationException($"Central gaf de verankeringen van {brin} niet (HTTP {status}): {ProblemDetail(body)}");
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(body);
            return [.. json.RootElement.GetProperty("bevestigingen").EnumerateArray().Select(e => e.GetBytesFromBase64())];
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidOperationException("Het antwoord van Central met de verankeringen is onleesbaar.", e);
        }
    }

    /// <summary>Queues the anchoring of the current interval (whichever instance queues it first).</summary>
    public Task QueueAsync(SchoolDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (options.AuditAnchorInterval <= TimeSpan.Zero) return Task.CompletedTask;
        var slot = now.UtcTicks / options.AuditAnchorInterval.Ticks;
        return outbox.EnqueueAsync(db, Kind, new { slot }, "anker:" + slot.ToString(CultureInfo.InvariantCulture), cancellationToken: cancellationToken);
    }

    /// <summary>Queues an anchoring now (<c>oso school audit anchor</c>); <paramref name="outbox"/> may be another process's queue on the same database.</summary>
    public static Task QueueNowAsync(SchoolDbContext db, OutboxQueue outbox, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        return outbox.EnqueueAsync(db, Kind, new { nu = now }, "anker:nu:" + now.UtcTicks.ToString(CultureInfo.InvariantCulture), cancellationToken: cancellationToken);
    }

    /// <inheritdoc />
    public async Task<OutboxOutcome> HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        await TakeCheckpointsAsync(cancellationToken).ConfigureAwait(false);
        List<AuditAnchor> pending;
        await using (var db = store.Read())
            pending = await db.AuditAnchors.AsNoTracking().Where(a => a.Acknowledgement == null && a.Refusal == null)
                .OrderBy(a => a.At).ThenBy(a => a.Sequence).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var anchor in pending)
        {
            var (status, body) = await connections.SendAsync(HttpMethod.Post, Address, anchor.Checkpoint, cancellationToken).ConfigureAwait(false);
            if (status is null or >= 500 or 408 or 429)
                return OutboxOutcome.RetryLater(status is null ? "Central is niet bereikt." : $"Central antwoordde HTTP {status}.");
            if (status is >= 200 and < 300)
            {
                var check = Ankers.ControleerBevestiging(Handtekening.TryCreate(body, out var ack, out _) ? ack : null, connections.Validator);
                if (check.Waarde is not { } bevestiging || !Matches(bevestiging, anchor))
                {
                    logger.LogWarning("Central gaf voor controlepunt {Brin}/{Sequence} een ankerbevestiging die niet klopt: {Reason}", anchor.Brin, anchor.Sequence,
                        check.Fout ?? "een ander controlepunt");
                    return OutboxOutcome.RetryLater("De ankerbevestiging van Central klopt niet.");
                }
                await store.WriteAsync(async db =>
                {
                    var row = await db.AuditAnchors.FirstAsync(a => a.Id == anchor.Id, cancellationToken).ConfigureAwait(false);
                    row.Acknowledgement = body;
                    row.AnchoredAt = bevestiging.Ontvangen;
                    return true;
                }, cancellationToken).ConfigureAwait(false);
                continue;
            }
            var refusal = $"Central weigerde het controlepunt (HTTP {status}): {ProblemDetail(body)}";
            logger.LogWarning("Controlepunt {Brin}/{Sequence} geweigerd door Central (HTTP {Status}).", anchor.Brin, anchor.Sequence, status);
            await store.WriteAsync(async db =>
            {
                var row = await db.AuditAnchors.FirstAsync(a => a.Id == anchor.Id, cancellationToken).ConfigureAwait(false);
                row.Refusal = refusal.Length > 1000 ? refusal[..1000] : refusal;
                return true;
            }, cancellationToken).ConfigureAwait(false);
        }
        return OutboxOutcome.Done;
    }

    /// <summary>Signs and keeps a checkpoint of every school's chain head that has none yet.</summary>
    public async Task TakeCheckpointsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await TakeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // another instance (or an on-demand run) took the same head's checkpoint at the same moment: it is there
        }
    }

    private Task<int> TakeAsync(CancellationToken cancellationToken) => store.WriteAsync(async db =>
    {
        var now = time.GetUtcNow();
        var heads = await db.AuditHeads.AsNoTracking().Where(h => h.Sequence > 0).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var head in heads)
        {
            if (await db.AuditAnchors.AnyAsync(a => a.Brin == head.Brin && a.Sequence == head.Sequence, cancellationToken).ConfigureAwait(false)) continue;
            var punt = new Controlepunt(Brin.Parse(head.Brin), head.Sequence, head.Hash, now, connections.Systeem);
            db.AuditAnchors.Add(new AuditAnchor
            {
                Id = Guid.NewGuid(), Brin = head.Brin, Sequence = head.Sequence, Hash = head.Hash, At = now,
                Checkpoint = Ankers.Onderteken(punt, connections.SystemCertificate).Utf8.ToArray(),
            });
        }
        return heads.Count;
    }, cancellationToken);

    private static bool Matches(Ankerbevestiging b, AuditAnchor a) =>
        b.Controlepunt.Brin.Value == a.Brin && b.Controlepunt.Volgnummer == a.Sequence && b.Controlepunt.Hash == a.Hash
        && b.ControlepuntSha256 == Ankers.Sha256(Handtekening.Create(a.Checkpoint));

    /// <summary>The <c>detail</c> of a problem answer from Central, or empty.</summary>
    internal static string ProblemDetail(byte[] body)
    {
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("detail", out var detail) ? detail.GetString() ?? "" : "";
        }
        catch (System.Text.Json.JsonException)
        {
            return "";
        }
    }
}
