using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Oso.School.Crypto;
using Oso.School.Protocol;
using Oso.School.Storage;

namespace Oso.School.Health;

/// <summary>The master key is loaded and still unwraps the schools' data keys.</summary>
internal sealed class MasterKeyHealthCheck(IDbContextFactory<SchoolDbContext> factory, MasterKey master) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            await MasterKeyCheck.VerifyAsync(db, master, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy("De hoofdsleutel is geladen en past bij de sleutels van de scholen.");
        }
        catch (InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("De hoofdsleutel past niet bij de sleutels van de scholen.");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"De sleutels zijn niet te controleren ({e.GetType().Name}).");
        }
    }
}

/// <summary>
/// The Traffic Center answers over mutual TLS with the node's system certificate. The answer is kept for
/// <see cref="SchoolOptions.TrafficCenterCheckInterval"/>, so frequent probes (several instances, a load balancer) do not
/// hammer the TC.
/// </summary>
internal sealed class TrafficCenterHealthCheck(NodeConnections connections, SchoolOptions options, TimeProvider time) : IHealthCheck, IDisposable
{
    private readonly SemaphoreSlim _one = new(1, 1);
    private (DateTimeOffset At, HealthCheckResult Result)? _last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await _one.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_last is { } last && time.GetUtcNow() - last.At < options.TrafficCenterCheckInterval) return last.Result;
            var result = await connections.CheckTrafficCenterAsync(cancellationToken).ConfigureAwait(false) is { } problem
                ? HealthCheckResult.Unhealthy($"Het Traffic Center is niet bereikbaar ({problem}).")
                : HealthCheckResult.Healthy("Het Traffic Center antwoordt.");
            _last = (time.GetUtcNow(), result);
            return result;
        }
        finally
        {
            _one.Release();
        }
    }

    public void Dispose() => _one.Dispose();
}
