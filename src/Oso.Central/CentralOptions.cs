using System.Net;
using Microsoft.Extensions.Logging;
using Oso.Hosting.Configuration;
using Oso.Hosting.Logging;
using Oso.Hosting.Telemetry;

namespace Oso.Central;

/// <summary>
/// How Central runs: where it keeps its data, which ports it binds, which certificates it trusts. Every settable
/// property is a setting that <c>oso central serve</c> reads from its configuration file, <c>OSO_</c> environment
/// variables and flags (docs/configuration.md lists them; a test keeps that list in step with this class).
/// </summary>
public sealed record CentralOptions : IValidatedSettings
{
    /// <summary>The data directory: <c>central.db</c> (SQLite), <c>ca/</c> (development CA), <c>tls/</c>, <c>keys/</c>.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>A database connection string; null or empty: SQLite in <see cref="DataDirectory"/>. <c>Host=…</c>: PostgreSQL.</summary>
    [Secret]
    public string? Database { get; init; }

    /// <summary>The address both listeners bind (loopback by default).</summary>
    public IPAddress BindAddress { get; init; } = IPAddress.Loopback;

    /// <summary>The portal and management API port (HTTPS); 0 for any free port.</summary>
    public int PortalPort { get; init; } = 7400;

    /// <summary>The protocol port (HTTPS with a required client certificate); 0 for any free port.</summary>
    public int ProtocolPort { get; init; } = 7401;

    /// <summary>Extra host names for the development server certificate (127.0.0.1 and localhost are always in it).</summary>
    public IReadOnlyList<string> HostNames { get; init; } = [];

    /// <summary>
    /// Production: PEM files with the trust anchors (e.g. PKIoverheid roots). When set, no development CA is used and
    /// <see cref="ServerCertificatePem"/> and <see cref="ServerKeyPem"/> are required.
    /// </summary>
    public IReadOnlyList<string> TrustAnchorPems { get; init; } = [];

    /// <summary>Production: the server certificate (PEM).</summary>
    public string? ServerCertificatePem { get; init; }

    /// <summary>Production: the server certificate's private key (PEM).</summary>
    public string? ServerKeyPem { get; init; }

    /// <summary>
    /// The protocol listener as others reach it, e.g. a load balancer in front of several instances
    /// (<c>https://tc.example.nl:7401/</c>); the test school's aanleverpunt is registered there. Null: the bound address.
    /// </summary>
    public Uri? PublicProtocolUrl { get; init; }

    /// <summary>How long a Traffic Center session stays open (default 24 hours).</summary>
    public TimeSpan SessieDuur { get; init; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Development mode (detailed errors, the API reference UI, no HSTS). Null, the default: development exactly when
    /// Central uses its own development CA (no <see cref="TrustAnchorPems"/>) or every configured anchor is a development
    /// CA; production otherwise.
    /// </summary>
    public bool? Development { get; init; }

    /// <summary>Serve the interactive API reference (Scalar) at <c>/scalar</c> in production as well (always in development).</summary>
    public bool ApiDocs { get; init; }

    /// <summary>How the console log is written: <c>Text</c> or <c>Json</c> (one object per line, with trace and span id).</summary>
    public LogFormat LogFormat { get; init; } = LogFormat.Text;

    /// <summary>Metrics and traces: OTLP export and who may read <c>/metrics</c>.</summary>
    public TelemetryOptions Telemetry { get; init; } = new();

    /// <summary>How Central's mail (account verified, evidence judged, work for operators) goes out; without an SMTP server into <c>DATA/outbox-mail</c>.</summary>
    public Oso.Hosting.Mail.MailOptions Mail { get; init; } = new();

    /// <summary>How long people stay signed in to the portal: 20 minutes without activity, 10 hours at most.</summary>
    public Oso.Hosting.Portal.PortalSessionOptions Session { get; init; } = new();

    /// <summary>
    /// How many sign-in, code, reset and API-token attempts one client address may make (default 20 a minute; behind a
    /// reverse proxy list its address in <see cref="Oso.Hosting.Accounts.SignInRateLimitOptions.TrustedProxies"/>).
    /// </summary>
    public Oso.Hosting.Accounts.SignInRateLimitOptions RateLimit { get; init; } = new();

    /// <summary>How long sessions, trace steps and audit records are kept (docs/privacy.md).</summary>
    public Retention.CentralRetentionOptions Retention { get; init; } = new();

    /// <summary>The clock (tests pass a fake one).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Adjusts logging (tests capture logs here); null keeps the console logger.</summary>
    public Action<ILoggingBuilder>? Logging { get; init; }

    /// <summary>Where the start-up lines (the URLs) are written; null: nowhere.</summary>
    public TextWriter? Output { get; init; }

    /// <summary>True when Central issues certificates itself (no production trust anchors configured).</summary>
    public bool UsesDevelopmentCa => TrustAnchorPems.Count == 0;

    internal string CaDirectory => Path.Combine(DataDirectory, "ca");

    /// <summary>Extra middleware, added first (tests: capture what Central receives).</summary>
    public Action<Microsoft.AspNetCore.Builder.WebApplication>? Pipeline { get; init; }

    /// <summary>Extra services (tests: an in-memory telemetry exporter).</summary>
    public Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? Services { get; init; }

    /// <inheritdoc />
    public IEnumerable<SettingProblem> Problems()
    {
        if (string.IsNullOrWhiteSpace(DataDirectory)) yield return new(nameof(DataDirectory), "ontbreekt.");
        foreach (var (name, port) in new[] { (nameof(PortalPort), PortalPort), (nameof(ProtocolPort), ProtocolPort) })
            if (port is < 0 or > 65535) yield return new(name, $"{port} is geen poort (0 tot en met 65535; 0 is een vrije poort).");
        if (PortalPort != 0 && PortalPort == ProtocolPort) yield return new(nameof(ProtocolPort), "is dezelfde poort als PortalPort.");
        if (PublicProtocolUrl is { } publicUrl && (!publicUrl.IsAbsoluteUri || publicUrl.Scheme != Uri.UriSchemeHttps))
            yield return new(nameof(PublicProtocolUrl), $"'{publicUrl}' is geen https-adres.");
        if (SessieDuur < TimeSpan.FromHours(1) || SessieDuur > TimeSpan.FromDays(365)) yield return new(nameof(SessieDuur), "ligt niet tussen 1 uur en 365 dagen.");
        for (var i = 0; i < TrustAnchorPems.Count; i++)
            if (!File.Exists(TrustAnchorPems[i])) yield return new($"{nameof(TrustAnchorPems)}:{i}", $"het bestand {TrustAnchorPems[i]} bestaat niet.");
        if (TrustAnchorPems.Count > 0)
        {
            foreach (var (name, file) in new[] { (nameof(ServerCertificatePem), ServerCertificatePem), (nameof(ServerKeyPem), ServerKeyPem) })
            {
                if (string.IsNullOrWhiteSpace(file)) yield return new(name, "ontbreekt: met eigen vertrouwensankers (TrustAnchorPems) zijn ook een servercertificaat en -sleutel nodig.");
                else if (!File.Exists(file)) yield return new(name, $"het bestand {file} bestaat niet.");
            }
        }
        else if (ServerCertificatePem is not null || ServerKeyPem is not null)
        {
            yield return new(nameof(TrustAnchorPems), "ontbreekt: een eigen servercertificaat hoort bij eigen vertrouwensankers (zonder gebruikt Central zijn ontwikkel-CA).");
        }
        foreach (var p in Mail.Problems(nameof(Mail))) yield return p;
        foreach (var p in Retention.Problems(nameof(Retention))) yield return p;
        foreach (var p in Telemetry.Problems(nameof(Telemetry))) yield return p;
    }
}
