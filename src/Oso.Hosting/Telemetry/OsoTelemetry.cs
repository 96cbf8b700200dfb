using System.Diagnostics;
using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Oso.Hosting.Telemetry;

/// <summary>
/// Metrics and traces with OpenTelemetry, the same in both hosts: OpenOSO's own meter and activity source, ASP.NET
/// Core (requests, Kestrel, Identity sign-ins) and HttpClient instruments, a Prometheus endpoint <c>/metrics</c> on the
/// portal listener, and OTLP export when configured. Tracing is always on (traces are kept only when exported), so
/// every request has a trace id — stored with a transfer and shown in both portals. W3C trace context travels on
/// every SOAP call (HttpClient sends <c>traceparent</c>, ASP.NET Core continues it). Raw URL paths never leave the
/// process: a span's <c>url.path</c> becomes its route template (LAS API paths carry the LAS's pupil numbers).
/// </summary>
public static class OsoTelemetry
{
    /// <summary>The meter's and activity source's name.</summary>
    public const string Name = "OpenOSO";

    /// <summary>The Prometheus endpoint on the portal listener.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>OpenOSO's own spans (outbox work, transfer steps).</summary>
    public static ActivitySource Source { get; } = new(Name, Version);

    private static string Version => typeof(OsoTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";

    /// <summary>Adds metrics and tracing for a host (<c>openoso-central</c>, <c>openoso-school</c>).</summary>
    public static IServiceCollection AddOsoTelemetry(this IServiceCollection services, string serviceName, TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddMetrics();
        Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddSingleton<OsoMetrics>(services);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName, serviceVersion: Version, serviceInstanceId: Environment.MachineName))
            .WithMetrics(m =>
            {
                m.AddMeter(Name)
                    .AddAspNetCoreInstrumentation() // Microsoft.AspNetCore.Hosting and Kestrel
                    .AddMeter("Microsoft.AspNetCore.Identity", "Microsoft.AspNetCore.RateLimiting", "Microsoft.AspNetCore.Diagnostics", "System.Runtime")
                    .AddHttpClientInstrumentation()
                    .AddPrometheusExporter();
                if (options.OtlpEndpoint is not null) m.AddOtlpExporter(o => Otlp(o, options));
            })
            .WithTracing(t =>
            {
                t.AddSource(Name)
                    .SetSampler(new ParentBasedSampler(new AlwaysOnSampler()))
                    .AddAspNetCoreInstrumentation(o =>
                    {
                        o.Filter = c => !c.Request.Path.StartsWithSegments("/health") && !c.Request.Path.StartsWithSegments(MetricsPath);
                        o.RecordException = false; // an exception's message may quote input
                    })
                    .AddHttpClientInstrumentation(o => o.RecordException = false)
                    .AddProcessor(new PathScrubber());
                if (options.OtlpEndpoint is not null) t.AddOtlpExporter(o => Otlp(o, options));
            });
        _ = telemetry;
        return services;
    }

    private static void Otlp(OtlpExporterOptions o, TelemetryOptions options)
    {
        o.Endpoint = options.OtlpEndpoint!;
        o.Protocol = options.OtlpProtocol == OtlpTransport.Grpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
    }

    /// <summary>
    /// <c>/metrics</c> on the portal listener, for the configured networks only (and loopback in development); any other
    /// caller gets 404, as if there were nothing.
    /// </summary>
    public static WebApplication MapOsoMetrics(this WebApplication app, TelemetryOptions options, bool development)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(options);
        var networks = options.MetricsNetworks.Select(n => IPNetwork.Parse(n)).ToList();
        app.UseWhen(c => c.Request.Path.StartsWithSegments(MetricsPath), branch => branch.Use((context, next) =>
        {
            var remote = context.Connection.RemoteIpAddress;
            if (remote is { IsIPv4MappedToIPv6: true }) remote = remote.MapToIPv4();
            var allowed = remote is not null && (networks.Exists(n => n.Contains(remote)) || development && IPAddress.IsLoopback(remote));
            if (allowed) return next(context);
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }));
        app.MapPrometheusScrapingEndpoint(MetricsPath).AllowAnonymous();
        return app;
    }

    /// <summary>
    /// Starts a span for work that continues a stored trace context (an outbox message queued during a request): the
    /// work joins the request's trace. <paramref name="traceParent"/> is a W3C <c>traceparent</c>; null starts a new trace.
    /// </summary>
    public static Activity? StartContinuing(string name, string? traceParent, ActivityKind kind = ActivityKind.Internal)
    {
        var parent = traceParent is not null && ActivityContext.TryParse(traceParent, null, out var context) ? context : default;
        return Source.StartActivity(name, kind, parent);
    }

    /// <summary>The current W3C <c>traceparent</c> (to store with queued work), or null outside a trace.</summary>
    public static string? CurrentTraceParent => Activity.Current is { IdFormat: ActivityIdFormat.W3C } a ? a.Id : null;

    /// <summary>The current trace id (32 hex digits), or null outside a trace.</summary>
    public static string? CurrentTraceId => Activity.Current is { IdFormat: ActivityIdFormat.W3C } a ? a.TraceId.ToHexString() : null;

    /// <summary>Replaces raw paths by route templates and drops query strings before any span is exported.</summary>
    private sealed class PathScrubber : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data)
        {
            if (data.GetTagItem("url.path") is not null)
                data.SetTag("url.path", data.GetTagItem("http.route") as string); // null removes the tag
            if (data.GetTagItem("url.query") is not null) data.SetTag("url.query", null);
        }
    }
}
