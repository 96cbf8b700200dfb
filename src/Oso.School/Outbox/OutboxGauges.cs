using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Oso.Hosting.Telemetry;
using Oso.School.Storage;

namespace Oso.School.Outbox;

/// <summary>
/// The outbox as gauges: <c>oso_outbox_depth{kind}</c> (messages waiting, including those being retried) and
/// <c>oso_outbox_oldest_age_seconds{kind}</c> (how long the oldest has waited). Read from the database when metrics are
/// collected, at most every few seconds, so a scrape never runs a query per instrument.
/// </summary>
public sealed class OutboxGauges
{
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(5);
    private readonly IDbContextFactory<SchoolDbContext> _factory;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private (DateTimeOffset At, IReadOnlyList<(string Kind, int Count, DateTimeOffset Oldest)> Rows)? _last;

    /// <summary>Registers the gauges on the node's meter.</summary>
    public OutboxGauges(IDbContextFactory<SchoolDbContext> factory, TimeProvider time, OsoMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        _factory = factory;
        _time = time;
        metrics.Meter.CreateObservableGauge("oso.outbox.depth", () => Rows().Select(r => new Measurement<long>(r.Count, new KeyValuePair<string, object?>("kind", r.Kind))),
            description: "Outbox messages waiting (due, leased or backing off), by kind.");
        metrics.Meter.CreateObservableGauge("oso.outbox.oldest.age", () => Rows().Select(r => new Measurement<double>(
                Math.Max(0, (_time.GetUtcNow() - r.Oldest).TotalSeconds), new KeyValuePair<string, object?>("kind", r.Kind))),
            "s", "How long the oldest waiting outbox message of each kind has waited.");
    }

    private IReadOnlyList<(string Kind, int Count, DateTimeOffset Oldest)> Rows()
    {
        lock (_lock)
        {
            if (_last is { } last && _time.GetUtcNow() - last.At < Fresh) return last.Rows;
            try
            {
                using var db = _factory.CreateDbContext();
                var rows = db.Outbox.AsNoTracking().Where(m => m.CompletedAt == null && m.FailedAt == null)
                    .Select(m => new { m.Kind, m.CreatedAt }).AsEnumerable()
                    .GroupBy(m => m.Kind).Select(g => (g.Key, g.Count(), g.Min(m => m.CreatedAt))).ToList();
                _last = (_time.GetUtcNow(), rows);
                return rows;
            }
            catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException)
            {
                return []; // the database is away: /health/ready says so; the gauges show nothing rather than old numbers
            }
        }
    }
}
