using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Oso.School.Storage;

namespace Oso.School.Outbox;

/// <summary>Work queued once a period (the retention purge and staff's daily digest per day, the audit anchoring per interval): its outbox keys name the period, so it is queued once whichever instance queues it.</summary>
public interface IDailyWork
{
    /// <summary>Queues what is due at <paramref name="now"/> in the caller's transaction (nothing when it is queued already or not due yet).</summary>
    Task QueueAsync(SchoolDbContext db, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>Checks every hour (or every audit anchoring interval, when shorter) for periodic work that is due and queues it through the outbox.</summary>
public sealed class DailyScheduler(SchoolStore store, IEnumerable<IDailyWork> work, SchoolOptions options, TimeProvider time) : BackgroundService
{
    /// <summary>Queues whatever is due now (also called by tests with a moved clock).</summary>
    public async Task QueueDueAsync(CancellationToken cancellationToken)
    {
        foreach (var w in work)
        {
            try
            {
                await store.WriteAsync(db => w.QueueAsync(db, time.GetUtcNow(), cancellationToken), cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateException)
            {
                // another instance queued the same day's work at the same moment
            }
        }
    }

    /// <summary>How often due work is looked for: hourly, or as often as the audit is anchored when that is more often.</summary>
    public static TimeSpan Period(SchoolOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.AuditAnchorInterval > TimeSpan.Zero && options.AuditAnchorInterval < TimeSpan.FromHours(1) ? options.AuditAnchorInterval : TimeSpan.FromHours(1);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await QueueDueAsync(stoppingToken).ConfigureAwait(false);
            try
            {
                await Task.Delay(Period(options), time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
