using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Oso.Cli.Up;
using Oso.Testing;

namespace Oso.EndToEnd.Tests;

/// <summary>
/// Everything a host emits, as an operator's collector would get it: every span (in-process exporter), every metric
/// point (a reader collected on demand), every log line (at the hosts' own levels) and every protocol body the School
/// node received (to know the zoeksleutel secrets that travelled).
/// </summary>
public sealed class TelemetryCapture
{
    private readonly List<BaseExportingMetricReader> _readers = [];
    private readonly ConcurrentQueue<string> _metricLines = new();

    public ConcurrentQueue<Activity> Spans { get; } = new();

    public LogCapture Logs { get; } = new();

    public ConcurrentQueue<string> SchoolBodies { get; } = new();

    /// <summary>Adds the capture to a host's services.</summary>
    public void AddTo(IServiceCollection services, bool school)
    {
        services.AddLogging(b => b.AddProvider(Logs));
        services.ConfigureOpenTelemetryTracerProvider(t => t.AddProcessor(new SimpleActivityExportProcessor(new SpanQueue(Spans))));
        var reader = new BaseExportingMetricReader(new MetricLines(_metricLines));
        lock (_readers) _readers.Add(reader);
        services.ConfigureOpenTelemetryMeterProvider(m => m.AddReader(reader));
        if (school) services.AddSingleton<IStartupFilter>(new BodyCapture(SchoolBodies));
    }

    public ChainOptions Into(ChainOptions options) => options with
    {
        ConfigureSchool = s =>
        {
            options.ConfigureSchool?.Invoke(s);
            AddTo(s, school: true);
        },
        ConfigureCentral = s => AddTo(s, school: false),
    };

    /// <summary>Collects every metric point of both hosts now: one line per point, "name {tags} value".</summary>
    public IReadOnlyList<string> CollectMetrics()
    {
        _metricLines.Clear();
        lock (_readers)
            foreach (var reader in _readers) reader.Collect();
        return [.. _metricLines];
    }

    /// <summary>Everything a span carries, as text.</summary>
    public static string Describe(Activity a)
    {
        var text = new StringBuilder($"{a.DisplayName} | {a.OperationName} | {a.Kind} | {a.Status} {a.StatusDescription} |");
        foreach (var tag in a.TagObjects) text.Append(' ').Append(tag.Key).Append('=').Append(tag.Value);
        foreach (var e in a.Events)
        {
            text.Append(" event ").Append(e.Name);
            foreach (var tag in e.Tags) text.Append(' ').Append(tag.Key).Append('=').Append(tag.Value);
        }
        foreach (var b in a.Baggage) text.Append(" baggage ").Append(b.Key).Append('=').Append(b.Value);
        return text.ToString();
    }

    private sealed class SpanQueue(ConcurrentQueue<Activity> spans) : BaseExporter<Activity>
    {
        public override ExportResult Export(in Batch<Activity> batch)
        {
            foreach (var activity in batch) spans.Enqueue(activity);
            return ExportResult.Success;
        }
    }

    private sealed class MetricLines(ConcurrentQueue<string> lines) : BaseExporter<Metric>
    {
        public override ExportResult Export(in Batch<Metric> batch)
        {
            foreach (var metric in batch)
            {
                foreach (ref readonly var point in metric.GetMetricPoints())
                {
                    var tags = new StringBuilder();
                    foreach (var tag in point.Tags) tags.Append(tag.Key).Append('=').Append(tag.Value).Append(',');
                    var value = metric.MetricType switch
                    {
                        MetricType.LongSum or MetricType.LongSumNonMonotonic => point.GetSumLong().ToString(System.Globalization.CultureInfo.InvariantCulture),
                        MetricType.DoubleSum or MetricType.DoubleSumNonMonotonic => point.GetSumDouble().ToString(System.Globalization.CultureInfo.InvariantCulture),
                        MetricType.LongGauge => point.GetGaugeLastValueLong().ToString(System.Globalization.CultureInfo.InvariantCulture),
                        MetricType.DoubleGauge => point.GetGaugeLastValueDouble().ToString(System.Globalization.CultureInfo.InvariantCulture),
                        MetricType.Histogram => "count=" + point.GetHistogramCount(),
                        _ => "?",
                    };
                    lines.Enqueue($"{metric.Name} {{{tags}}} {value}");
                }
            }
            return ExportResult.Success;
        }
    }

    /// <summary>Keeps a copy of every request body the School node receives (to learn the zoeksleutel secrets that travelled).</summary>
    private sealed class BodyCapture(ConcurrentQueue<string> bodies) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (HttpContext context, Func<Task> inner) =>
            {
                context.Request.EnableBuffering();
                using var reader = new StreamReader(context.Request.Body, leaveOpen: true);
                bodies.Enqueue(await reader.ReadToEndAsync());
                context.Request.Body.Position = 0;
                await inner();
            });
            next(app);
        };
    }
}

public sealed class TelemetryChain : ChainFixture
{
    public TelemetryCapture Capture { get; } = new();

    protected override Oso.Testing.DatabaseProvider Provider => Oso.Testing.DatabaseProvider.Sqlite;

    protected override ChainOptions Configure(ChainOptions options) => Capture.Into(options);
}
