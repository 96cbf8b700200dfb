using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Oso.Hosting.Telemetry;
using Oso.School.Storage;

namespace Oso.School.Outbox;

/// <summary>Outbox settings.</summary>
public sealed record OutboxOptions
{
    /// <summary>
    /// How long a claim holds before another instance may take the message over; renewed every third of it while the
    /// handler runs. Work of a killed instance resumes after at most this (plus <see cref="PollInterval"/>).
    /// </summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often to look for due work when not woken.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Attempts before giving up.</summary>
    public int MaxAttempts { get; init; } = 12;

    /// <summary>The first retry delay; it doubles per attempt, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan FirstBackoff { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest retry delay.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How many messages one instance runs at once (claim loops; 1 to 64). Each claim is its own (a lease taken over is
    /// never finished by the loop that lost it), so N loops in one process cooperate as N instances do. A transfer spends
    /// most of its time waiting for other parties, so more loops carry more transfers per instance. The default (8) is
    /// what the ten-minute load run held 10 transfers/s with on 2 + 2 instances (bench/results.md §8c); with one loop per
    /// instance the outbox capacity is about the same 10/s, so the queue grows at the first slow moment.
    /// </summary>
    public int Workers { get; init; } = 8;
}

/// <summary>
/// Claims due outbox messages with a lease (PostgreSQL: <c>FOR UPDATE SKIP LOCKED</c>, so any number of instances
/// cooperate) and runs their handler — <see cref="OutboxOptions.Workers"/> loops at once, each claim its own; retries
/// with exponential backoff; gives up after a maximum.
/// </summary>
public sealed class OutboxWorker(
    IDbContextFactory<SchoolDbContext> factory,
    SchoolStore store,
    IEnumerable<IOutboxHandler> handlers,
    OutboxQueue queue,
    TimeProvider time,
    IOptions<OutboxOptions> options,
    ILogger<OutboxWorker> logger,
    OsoMetrics? metrics = null) : BackgroundService
{
    private readonly string _instance = Environment.MachineName + "/" + Environment.ProcessId + "/" + Guid.NewGuid().ToString("N")[..8];
    private readonly Dictionary<string, IOutboxHandler> _handlers = handlers.ToDictionary(h => h.Kind, StringComparer.Ordinal);
    private long _claims;

    /// <summary>Runs until stopped: <see cref="OutboxOptions.Workers"/> claim loops.</summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Clamp(options.Value.Workers, 1, 64)).Select(_ => Task.Run(() => LoopAsync(stoppingToken), CancellationToken.None)));

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RunOneAsync(stoppingToken).ConfigureAwait(false)) { }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // the database or a bug: never stop the worker (all background work would stop until a restart).
                // Only the type is logged: messages may quote pupil data.
                logger.LogWarning("Outbox: {Error} buiten een handler; opnieuw over {Seconds} s.", ex.GetType().Name, options.Value.PollInterval.TotalSeconds);
            }
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(options.Value.PollInterval);
            try
            {
                await queue.Wake.ReadAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // poll interval passed
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Claims and runs one due message; false when none is due.</summary>
    public async Task<bool> RunOneAsync(CancellationToken cancellationToken)
    {
        var message = await ClaimAsync(cancellationToken).ConfigureAwait(false);
        if (message is null) return false;
        if (options.Value.Workers > 1) queue.Signal(); // there may be more: wake an idle loop to look (one wake signal wakes one loop)
        // the work joins the trace of the request that queued it (one transfer is one trace, also across retries)
        using var activity = OsoTelemetry.StartContinuing("outbox " + message.Kind, message.TraceParent, ActivityKind.Consumer);
        activity?.SetTag("oso.outbox.kind", message.Kind);
        activity?.SetTag("oso.outbox.attempt", message.Attempts);
        OutboxOutcome outcome;
        var handler = _handlers.GetValueOrDefault(message.Kind);
        if (handler is null)
        {
            outcome = OutboxOutcome.GiveUp("Onbekende soort werk: " + message.Kind);
        }
        else if (message.Attempts > options.Value.MaxAttempts)
        {
            // claimed more often than allowed without ever finishing: each attempt ended the process (or its lease ran
            // out). Running it again would do the same; give it up so the rest of the work goes on.
            outcome = OutboxOutcome.GiveUp($"Elke poging ({message.Attempts - 1}) brak de verwerking af voordat ze klaar was.");
        }
        else
        {
            using var lease = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var stopRenewing = new CancellationTokenSource();
            var renewal = RenewLeaseAsync(message, lease, stopRenewing.Token);
            try
            {
                outcome = await handler.HandleAsync(message, lease.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // the node stops: hand the message back at once, so another instance resumes it now instead of after the lease
                await ReleaseAsync(message).ConfigureAwait(false);
                throw;
            }
            catch (Exception ex)
            {
                // a timeout (a cancellation that is not the node stopping), a lost claim, a bug or broken infrastructure:
                // keep the message for another attempt with backoff. Log the type, never the message text or stack: it may
                // quote pupil data.
                logger.LogError("Outbox: {Kind} {Id} mislukte met {Error}.", message.Kind, message.Id, ex.GetType().Name);
                outcome = OutboxOutcome.RetryLater(ex.GetType().Name);
            }
            finally
            {
                await stopRenewing.CancelAsync().ConfigureAwait(false);
                await renewal.ConfigureAwait(false);
            }
        }
        string? recordingFailed = null;
        try
        {
            await store.WriteAsync(db => FinishAsync(db, message, handler, outcome, error => recordingFailed = error, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception) when (recordingFailed is not null)
        {
            // the handler could not record that its work was given up (a bug): still mark the message failed, or it would
            // run again after the lease
            logger.LogError("Outbox: {Kind} {Id}: het vastleggen van het opgeven mislukte met {Error}.", message.Kind, message.Id, recordingFailed);
            await store.WriteAsync(db => FinishAsync(db, message, null, outcome, _ => { }, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        var result = Outcome(outcome, message.Attempts);
        activity?.SetTag("oso.outbox.outcome", result);
        metrics?.OutboxAttempts.Add(1, new TagList { { "kind", message.Kind }, { "outcome", result } });
        if (result == "given_up") metrics?.OutboxGivenUp.Add(1, new KeyValuePair<string, object?>("kind", message.Kind));
        return true;
    }

    /// <summary>
    /// Keeps the claim while the handler runs (every third of the lease), so that a long handler — a transfer with many slow
    /// aanleverpunten — is not taken over by another instance halfway. When the claim was lost anyway (this instance
    /// stalled past its lease and another took the message), the handler is cancelled: the work never runs twice at once.
    /// </summary>
    private async Task RenewLeaseAsync(OutboxMessage message, CancellationTokenSource lease, CancellationToken stop)
    {
        var every = options.Value.Lease / 3;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, time, stop).ConfigureAwait(false);
                await using var db = await factory.CreateDbContextAsync(stop).ConfigureAwait(false);
                DateTimeOffset? until = time.GetUtcNow() + options.Value.Lease;
                var renewed = await db.Outbox.Where(m => m.Id == message.Id && m.LockedBy == message.LockedBy)
                    .ExecuteUpdateAsync(set => set.SetProperty(m => m.LockedUntil, until), stop).ConfigureAwait(false);
                if (renewed == 0)
                {
                    logger.LogWarning("Outbox: {Kind} {Id} is door een andere instantie overgenomen; deze poging stopt.", message.Kind, message.Id);
                    await lease.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // the database briefly unreachable: try again at the next beat (the claim still holds for a while)
                logger.LogWarning("Outbox: verlengen van de claim op {Kind} {Id} mislukte met {Error}.", message.Kind, message.Id, ex.GetType().Name);
            }
        }
    }

    /// <summary>Gives an unfinished claim back (the node stops); the attempt does not count. Best effort: otherwise the lease runs out.</summary>
    private async Task ReleaseAsync(OutboxMessage message)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await using var db = await factory.CreateDbContextAsync(timeout.Token).ConfigureAwait(false);
            await db.Outbox.Where(m => m.Id == message.Id && m.LockedBy == message.LockedBy && m.CompletedAt == null && m.FailedAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.LockedBy, (string?)null).SetProperty(m => m.LockedUntil, (DateTimeOffset?)null)
                    .SetProperty(m => m.Attempts, m => m.Attempts - 1), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            logger.LogWarning("Outbox: teruggeven van {Kind} {Id} bij het stoppen mislukte met {Error}; de claim verloopt vanzelf.", message.Kind, message.Id, ex.GetType().Name);
        }
    }

    private async Task<OutboxMessage?> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow().UtcTicks;
        var until = (time.GetUtcNow() + options.Value.Lease).UtcTicks;
        var skipLocked = db.Database.IsNpgsql() ? "FOR UPDATE SKIP LOCKED" : "";
        var sql = $$"""
            UPDATE "Outbox" SET "LockedBy" = {0}, "LockedUntil" = {1}, "Attempts" = "Attempts" + 1
            WHERE "Id" = (SELECT "Id" FROM "Outbox"
                          WHERE "CompletedAt" IS NULL AND "FailedAt" IS NULL AND "DueAt" <= {2}
                            AND ("LockedUntil" IS NULL OR "LockedUntil" < {2})
                          ORDER BY "DueAt" LIMIT 1 {{skipLocked}})
            RETURNING *
            """;
        var claimed = await db.Outbox.FromSqlRaw(sql, _instance + "/" + Interlocked.Increment(ref _claims), until, now).AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        return claimed.FirstOrDefault();
    }

    private async Task FinishAsync(SchoolDbContext db, OutboxMessage message, IOutboxHandler? handler, OutboxOutcome outcome,
        Action<string> recordingFailed, CancellationToken cancellationToken)
    {
        var row = await db.Outbox.FirstAsync(m => m.Id == message.Id, cancellationToken).ConfigureAwait(false);
        if (row.LockedBy != message.LockedBy) return; // the lease expired and another instance (or loop) took it over
        var now = time.GetUtcNow();
        row.LockedBy = null;
        row.LockedUntil = null;
        string? gaveUp = null;
        switch (outcome)
        {
            case OutboxOutcome.Completed:
                row.CompletedAt = now;
                row.LastError = null;
                break;
            case OutboxOutcome.Retry retry when row.Attempts < options.Value.MaxAttempts:
                row.LastError = retry.Error;
                row.DueAt = now + Backoff(row.Attempts);
                logger.LogInformation("Outbox: {Kind} {Id} poging {Attempt} mislukt ({Error}); opnieuw om {Due}.",
                    row.Kind, row.Id, row.Attempts, retry.Error, row.DueAt.ToString("u", CultureInfo.InvariantCulture));
                break;
            case OutboxOutcome.Retry retry:
                row.FailedAt = now;
                row.LastError = "Opgegeven na " + row.Attempts + " pogingen: " + retry.Error;
                gaveUp = retry.Error;
                logger.LogWarning("Outbox: {Kind} {Id} opgegeven na {Attempts} pogingen.", row.Kind, row.Id, row.Attempts);
                break;
            case OutboxOutcome.Failed failed:
                row.FailedAt = now;
                row.LastError = failed.Error;
                gaveUp = failed.Error;
                logger.LogWarning("Outbox: {Kind} {Id} opgegeven na poging {Attempts}.", row.Kind, row.Id, row.Attempts);
                break;
        }
        if (gaveUp is null || handler is null) return;
        try
        {
            await handler.OnGivenUpAsync(db, row, gaveUp, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            recordingFailed(ex.GetType().Name);
            throw; // rolls this transaction back; the caller finishes the message without the handler
        }
    }

    private string Outcome(OutboxOutcome outcome, int attempts) => outcome switch
    {
        OutboxOutcome.Completed => "done",
        OutboxOutcome.Retry when attempts < options.Value.MaxAttempts => "retry",
        _ => "given_up",
    };

    private TimeSpan Backoff(int attempts)
    {
        var seconds = options.Value.FirstBackoff.TotalSeconds * Math.Pow(2, Math.Max(0, attempts - 1));
        return TimeSpan.FromSeconds(Math.Min(seconds, options.Value.MaxBackoff.TotalSeconds));
    }
}
