using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Oso.Central.TestSchool;
using Oso.Hosting.Certificates;

namespace Oso.Central;

/// <summary>A running Central: its URLs, data directory, trust anchor and admin facade. Dispose to stop cleanly.</summary>
public sealed class CentralHandle : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HostTls _tls;
    private readonly IDisposable? _instanceLock;
    private int _stopped;

    internal CentralHandle(WebApplication app, HostTls tls, Uri portalUrl, Uri protocolUrl, CentralOptions options, string trustAnchorPemPath,
        IDisposable? instanceLock)
    {
        _app = app;
        _tls = tls;
        _instanceLock = instanceLock;
        PortalUrl = portalUrl;
        ProtocolUrl = protocolUrl;
        DataDirectory = options.DataDirectory;
        TrustAnchorPemPath = trustAnchorPemPath;
        Admin = app.Services.GetRequiredService<CentralAdmin>();
    }

    /// <summary>The portal and management API (HTTPS), e.g. <c>https://127.0.0.1:7400/</c>.</summary>
    public Uri PortalUrl { get; }

    /// <summary>The protocol listener (HTTPS with a required client certificate), e.g. <c>https://127.0.0.1:7401/</c>.</summary>
    public Uri ProtocolUrl { get; }

    /// <summary>The Traffic Center's SOAP endpoint on the protocol listener.</summary>
    public Uri TrafficCenterUrl => new(ProtocolUrl, "/oso/tc");

    /// <summary>The test school's (00YY) SOAP endpoint on the protocol listener.</summary>
    public Uri TestschoolUrl => new(ProtocolUrl, Testschool.Pad);

    /// <summary>The data directory.</summary>
    public string DataDirectory { get; }

    /// <summary>A PEM file with the trust anchors (development: <c>DATA/ca/ca.crt.pem</c>); school nodes trust it.</summary>
    public string TrustAnchorPemPath { get; }

    /// <summary>The directory of the development CA (<c>DATA/ca</c>), for a local School node's server certificate.</summary>
    public string CertificateAuthorityDirectory => Path.Combine(DataDirectory, "ca");

    /// <summary>The host's services (tests read the database through them).</summary>
    internal IServiceProvider Services => _app.Services;

    /// <summary>The operator's operations (audited as "beheer"; use <see cref="CentralAdmin.Als"/> for another actor).</summary>
    public CentralAdmin Admin { get; }

    /// <summary>Completes when the host stops (e.g. after <see cref="StopAsync"/>).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops accepting requests and finishes those in progress.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1) return;
        await _app.StopAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
        _tls.Dispose();
        _instanceLock?.Dispose();
    }
}
