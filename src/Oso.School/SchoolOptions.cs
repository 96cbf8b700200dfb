using Oso.Hosting.Configuration;
using Oso.Hosting.Logging;
using Oso.Hosting.Mail;
using Oso.Hosting.Telemetry;
using Oso.School.Crypto;
using Oso.School.Outbox;

namespace Oso.School;

/// <summary>
/// How a School node runs: set by <c>oso school serve</c> from its configuration file, <c>OSO_</c> environment variables
/// and flags, by <c>oso up</c>, or by a host that embeds the node. Every settable property is a setting
/// (docs/configuration.md lists them; a test keeps that list in step with this class).
/// </summary>
public sealed record SchoolOptions : IValidatedSettings
{
    /// <summary>The data directory (SQLite file, keys, TLS material). Default <c>./.oso/school</c>.</summary>
    public string DataDirectory { get; init; } = Path.Combine(".oso", "school");

    /// <summary>Portal and LAS API port (0: any free port).</summary>
    public int PortalPort { get; init; } = 7410;

    /// <summary>Protocol port (0: any free port).</summary>
    public int ProtocolPort { get; init; } = 7411;

    /// <summary>The address both listeners bind (loopback by default; <c>0.0.0.0</c> for all interfaces).</summary>
    public System.Net.IPAddress BindAddress { get; init; } = System.Net.IPAddress.Loopback;

    /// <summary>PostgreSQL connection string; empty for SQLite in the data directory.</summary>
    [Secret]
    public string? Database { get; init; }

    /// <summary>The master key (base64, 32 bytes); empty in development: generated into the data directory.</summary>
    [Secret]
    public string? MasterKey { get; init; }

    /// <summary>The Traffic Center's SOAP endpoint (e.g. <c>https://localhost:7401/oso/tc</c>).</summary>
    public Uri? TrafficCenterUrl { get; init; }

    /// <summary>The node's system certificate (PEM) and key, as issued for its supplier system.</summary>
    public string? SystemCertificate { get; init; }

    /// <summary>The system certificate's private key (PEM).</summary>
    public string? SystemKey { get; init; }

    /// <summary>Trust anchors (PEM files) that servers and callers must chain to.</summary>
    public IReadOnlyList<string> TrustAnchors { get; init; } = [];

    /// <summary>The node's server certificate (PEM) and key; when absent, <see cref="DevelopmentCaDirectory"/> issues one.</summary>
    public string? ServerCertificate { get; init; }

    /// <summary>The server certificate's private key (PEM).</summary>
    public string? ServerKey { get; init; }

    /// <summary>Development only: a development CA directory to issue the server certificate from.</summary>
    public string? DevelopmentCaDirectory { get; init; }

    /// <summary>Where Central publishes revoked certificates (JSON); checked periodically when set.</summary>
    public Uri? RevocationListUrl { get; init; }

    /// <summary>Central's public list of qualified schools (JSON, <c>/api/scholen/gekwalificeerd</c>): cached on the node for finding a school by name.</summary>
    public Uri? RegisterListUrl { get; init; }

    /// <summary>The base URL other schools use for this node's protocol listener; default the bound URL.</summary>
    public Uri? PublicProtocolUrl { get; init; }

    /// <summary>How long received dossiers are kept after the LAS confirmed the import.</summary>
    public TimeSpan KeepImportedDossiers { get; init; } = TimeSpan.FromDays(30);

    /// <summary>How long received dossiers are kept at most when never imported.</summary>
    public TimeSpan KeepUnimportedDossiers { get; init; } = TimeSpan.FromDays(180);

    /// <summary>How long a refused documentRequest waits for a release to notify the doel.</summary>
    public TimeSpan NotifyWithin { get; init; } = TimeSpan.FromDays(180);

    /// <summary>How long everything else is kept (docs/privacy.md); checked against legal bounds at start.</summary>
    public Retention.RetentionOptions Retention { get; init; } = new();

    /// <summary>
    /// False for an instance that serves requests but leaves background work (outbox, revocation refresh, retention) to
    /// other instances — and for benchmarks that drive the work themselves.
    /// </summary>
    public bool RunBackgroundWork { get; init; } = true;

    /// <summary>Environment name shown in the portal (Ontwikkeling, Test, Productie).</summary>
    public string EnvironmentName { get; init; } = "Ontwikkeling";

    /// <summary>The portal's address as staff and parents reach it (links in mail); default the bound portal URL.</summary>
    public Uri? PublicPortalUrl { get; init; }

    /// <summary>How long a parents' personal link works.</summary>
    public TimeSpan ParentLinkLifetime { get; init; } = TimeSpan.FromDays(14);

    /// <summary>How long before a link expires parents who have not answered get a reminder (zero: none).</summary>
    public TimeSpan ParentLinkReminder { get; init; } = TimeSpan.FromDays(3);

    /// <summary>The time of day (Dutch time) when staff who chose the daily digest get it; default 07:00.</summary>
    public TimeSpan StaffDigestTime { get; init; } = TimeSpan.FromHours(7);

    /// <summary>How mail to parents and staff goes out.</summary>
    public MailOptions Mail { get; init; } = new();

    /// <summary>The outbox: leases, polling, retries.</summary>
    public OutboxOptions Outbox { get; init; } = new();

    /// <summary>Data-key rotation: how soon instances write with a new key and when older values are re-encrypted.</summary>
    public KeyRotationOptions KeyRotation { get; init; } = new();

    /// <summary>
    /// Development mode (detailed errors, the API reference UI, no HSTS). Null, the default: development exactly when the
    /// node's trust anchors are all development CAs (as with <see cref="DevelopmentCaDirectory"/>); production otherwise.
    /// </summary>
    public bool? Development { get; init; }

    /// <summary>Serve the interactive API reference (Scalar) at <c>/scalar</c> in production as well (always in development).</summary>
    public bool ApiDocs { get; init; }

    /// <summary>How the console log is written: <c>Text</c> or <c>Json</c> (one object per line, with trace and span id).</summary>
    public LogFormat LogFormat { get; init; } = LogFormat.Text;

    /// <summary>Metrics and traces: OTLP export and who may read <c>/metrics</c>.</summary>
    public TelemetryOptions Telemetry { get; init; } = new();

    /// <summary>
    /// How often the node anchors each school's audit chain head at Central (docs/school.md §5); zero: only on demand
    /// (<c>oso school audit anchor</c>).
    /// </summary>
    public TimeSpan AuditAnchorInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Central's anchoring call (mutual TLS); default <c>/oso/audit/anker</c> on the Traffic Center's host.</summary>
    public Uri? AuditAnchorUrl { get; init; }

    /// <summary>How long a Traffic Center check of <c>/health/ready</c> is reused, so probes do not hammer the TC.</summary>
    public TimeSpan TrafficCenterCheckInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    public IEnumerable<SettingProblem> Problems() => SchoolSettingsCheck.Problems(this);
    /// <summary>How long staff stay signed in to the portal: 20 minutes without activity, 10 hours at most.</summary>
    public Oso.Hosting.Portal.PortalSessionOptions Session { get; init; } = new();

    /// <summary>
    /// How many sign-in, code and reset attempts one client address may make (default 20 a minute; behind a reverse
    /// proxy list its address in <see cref="Oso.Hosting.Accounts.SignInRateLimitOptions.TrustedProxies"/>).
    /// </summary>
    public Oso.Hosting.Accounts.SignInRateLimitOptions RateLimit { get; init; } = new();
}
