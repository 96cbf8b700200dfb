using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Oso.Hosting.Health;

/// <summary>
/// <c>/health/live</c> (the process answers) and <c>/health/ready</c> (every readiness check passes: 200, else 503) on the
/// portal listener, with a JSON body that names each check and its state in Dutch — ids and states only, no personal
/// data. Each host adds its own checks (database, keys, for a School node the Traffic Center).
/// </summary>
public static class OsoHealth
{
    /// <summary>Liveness.</summary>
    public const string LivePath = "/health/live";

    /// <summary>Readiness.</summary>
    public const string ReadyPath = "/health/ready";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Health checks with the checks every host has: its database (answers and is migrated) and its data-protection keys.</summary>
    public static IHealthChecksBuilder AddOsoHealth<TContext>(this Microsoft.Extensions.DependencyInjection.IServiceCollection services) where TContext : DbContext =>
        Microsoft.Extensions.DependencyInjection.HealthCheckServiceCollectionExtensions.AddHealthChecks(services)
            .AddCheck<DatabaseReadyCheck<TContext>>("database")
            .AddCheck<DataProtectionCheck>("sleutels-dataprotectie");

    /// <summary>Maps both endpoints (portal listener; anonymous; not in the OpenAPI document).</summary>
    public static IEndpointRouteBuilder MapOsoHealth(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).AllowAnonymous();
        endpoints.MapHealthChecks(ReadyPath, new HealthCheckOptions
        {
            ResponseWriter = WriteAsync,
            ResultStatusCodes = { [HealthStatus.Healthy] = 200, [HealthStatus.Degraded] = 200, [HealthStatus.Unhealthy] = 503 },
        }).AllowAnonymous();
        return endpoints;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status == HealthStatus.Unhealthy ? "niet-gereed" : "gereed",
            duurMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            controles = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status == HealthStatus.Unhealthy ? "fout" : "goed",
                toelichting = e.Value.Description,
            }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }
}

/// <summary>The database answers and has every migration applied.</summary>
internal sealed class DatabaseReadyCheck<TContext>(IDbContextFactory<TContext> factory) : IHealthCheck where TContext : DbContext
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            if (!await db.Database.CanConnectAsync(cancellationToken).ConfigureAwait(false))
                return HealthCheckResult.Unhealthy("De database antwoordt niet.");
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).Count();
            return pending == 0
                ? HealthCheckResult.Healthy("De database antwoordt en is bijgewerkt.")
                : HealthCheckResult.Unhealthy($"De database mist {pending} migratie(s).");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"De database antwoordt niet ({e.GetType().Name}).");
        }
    }
}

/// <summary>
/// The data-protection keys (cookies, antiforgery) are loaded and usable, and this instance can decrypt every one of them:
/// an instance with another key-encryption certificate than its siblings would sign people out of every other instance.
/// </summary>
internal sealed class DataProtectionCheck(IDataProtectionProvider provider, IKeyManager keys, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var protector = provider.CreateProtector("Oso.Hosting.Health");
            if (protector.Unprotect(protector.Protect("gereed")) != "gereed")
                return Task.FromResult(HealthCheckResult.Unhealthy("De sleutels voor cookies en formulieren werken niet."));
            var now = time.GetUtcNow();
            var unreadable = keys.GetAllKeys().Where(k => !k.IsRevoked && k.ExpirationDate > now).Count(k => !Readable(k));
            return Task.FromResult(unreadable == 0
                ? HealthCheckResult.Healthy("De sleutels voor cookies en formulieren zijn geladen.")
                : HealthCheckResult.Unhealthy($"{unreadable} sleutel(s) voor cookies en formulieren kan deze instantie niet ontsleutelen: "
                    + "geef elke instantie hetzelfde keys/key-encryption.crt.pem en .key.pem als de eerste."));
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"De sleutels voor cookies en formulieren werken niet ({e.GetType().Name})."));
        }
    }

    private static bool Readable(IKey key)
    {
        try
        {
            return key.Descriptor is not null;
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or InvalidOperationException)
        {
            return false;
        }
    }
}
