using System.Net;
using Microsoft.Extensions.Logging;

namespace Oso.Central;

/// <summary>How Central runs: where it keeps its data, which ports it binds, which certificates it trusts.</summary>
public sealed record CentralOptions
{
    /// <summary>The data directory: <c>central.db</c> (SQLite), <c>ca/</c> (development CA), <c>tls/</c>, <c>keys/</c>.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>A database connection string; null or empty: SQLite in <see cref="DataDirectory"/>. <c>Host=…</c>: PostgreSQL.</summary>
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

    /// <summary>How long a Traffic Center session stays open (default 24 hours).</summary>
    public TimeSpan SessieDuur { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Serve the interactive API reference (Scalar) at <c>/scalar</c>; default true (development).</summary>
    public bool Development { get; init; } = true;

    /// <summary>How Central's mail (account verified, evidence judged, work for operators) goes out; without an SMTP server into <c>DATA/outbox-mail</c>.</summary>
    public Oso.Hosting.Mail.MailOptions Mail { get; init; } = new();

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
}
