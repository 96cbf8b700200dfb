using System.Net;
using Oso.Hosting.Configuration;

namespace Oso.Hosting.Telemetry;

/// <summary>How a host exports metrics and traces (OpenTelemetry), and who may read <c>/metrics</c>.</summary>
public sealed record TelemetryOptions
{
    /// <summary>An OTLP collector (e.g. <c>http://otel-collector:4317</c>); empty: no OTLP export (Prometheus <c>/metrics</c> only).</summary>
    public Uri? OtlpEndpoint { get; init; }

    /// <summary>The OTLP transport: <c>Grpc</c> (port 4317) or <c>HttpProtobuf</c> (port 4318).</summary>
    public OtlpTransport OtlpProtocol { get; init; } = OtlpTransport.Grpc;

    /// <summary>
    /// Networks (CIDR, e.g. <c>10.0.0.0/8</c> or <c>127.0.0.1/32</c>) whose addresses may read <c>/metrics</c> on the portal
    /// listener. In production only these may (none by default); in development loopback may as well.
    /// </summary>
    public IReadOnlyList<string> MetricsNetworks { get; init; } = [];

    /// <summary>The problems of these settings under <paramref name="section"/>.</summary>
    public IEnumerable<SettingProblem> Problems(string section)
    {
        if (OtlpEndpoint is { } otlp && otlp.Scheme != Uri.UriSchemeHttp && otlp.Scheme != Uri.UriSchemeHttps)
            yield return new SettingProblem(section + ":OtlpEndpoint", "is geen http- of https-adres.");
        for (var i = 0; i < MetricsNetworks.Count; i++)
            if (!IPNetwork.TryParse(MetricsNetworks[i], out _))
                yield return new SettingProblem($"{section}:MetricsNetworks:{i}", $"'{MetricsNetworks[i]}' is geen netwerk in CIDR-vorm (bijvoorbeeld 10.0.0.0/8).");
    }
}

/// <summary>The OTLP transport.</summary>
public enum OtlpTransport
{
    /// <summary>gRPC (port 4317).</summary>
    Grpc,

    /// <summary>HTTP with protobuf bodies (port 4318).</summary>
    HttpProtobuf,
}
