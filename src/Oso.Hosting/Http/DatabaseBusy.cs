using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;
using Oso.Hosting.Listeners;

namespace Oso.Hosting.Http;

/// <summary>
/// A request that cannot get a database connection in time — the connection pool exhausted (every connection in use
/// for longer than the pool's <c>Timeout</c>), a connect timeout, PostgreSQL out of connection slots or still starting,
/// SQLite busy past its timeout — is not a fault of the request nor a bug: the instance is overloaded for a moment. It
/// is answered <b>503 with <c>Retry-After</c></b> and a Dutch problem ("tijdelijk te druk, probeer het over N s
/// opnieuw"), so a LAS or a browser waits and tries again, a load balancer can see the instance is saturated, and the
/// logs show overload apart from real faults (500). Logged as a warning with the endpoint and the kind of refusal,
/// never with the exception's message (it is a driver's, but a statement's text may quote values).
/// </summary>
public sealed partial class DatabaseBusy(string problemType, ILogger<DatabaseBusy> logger) : IExceptionHandler
{
    /// <summary>How long the answer asks the caller to wait (<c>Retry-After</c>, in seconds).</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>The answer's text (also in the problem's <c>detail</c> and on the portal's page).</summary>
    public static readonly string Detail = string.Create(CultureInfo.InvariantCulture,
        $"De dienst is tijdelijk te druk, probeer het over {RetryAfterSeconds} s opnieuw. Er is niets gewijzigd.");

    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (httpContext.Response.HasStarted || Kind(exception) is not { } kind) return false;
        LogBusy(logger, kind, httpContext.Request.Method, httpContext.GetEndpoint()?.DisplayName ?? httpContext.Request.Path.Value);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        httpContext.Response.Headers.CacheControl = "no-store";
        if (ListenerRoles.Of(httpContext) == ListenerRole.Protocol) return true; // a SOAP caller: the status and Retry-After say it
        if (!httpContext.Request.Path.StartsWithSegments("/api"))
        {
            await PortalErrorPage.WriteAsync(httpContext, StatusCodes.Status503ServiceUnavailable, DutchProblems.Title(StatusCodes.Status503ServiceUnavailable),
                Detail, cancellationToken).ConfigureAwait(false);
            return true;
        }
        await Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: DutchProblems.Title(StatusCodes.Status503ServiceUnavailable),
                detail: Detail, type: problemType, extensions: new Dictionary<string, object?> { ["opnieuwNaSeconden"] = RetryAfterSeconds })
            .ExecuteAsync(httpContext).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// What kind of "no connection in time" <paramref name="exception"/> (or one it wraps) is — for the log, without its
    /// message — or null when it is something else.
    /// </summary>
    public static string? Kind(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // the pool exhausted ("raise 'Max Pool Size' or 'Timeout'") and a connect timeout both wrap a TimeoutException
                case NpgsqlException { InnerException: TimeoutException } npgsql:
                    return npgsql.Message.Contains("pool has been exhausted", StringComparison.Ordinal) ? "PostgreSQL: pool uitgeput" : "PostgreSQL: verbinden duurde te lang";
                case PostgresException { SqlState: PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.CannotConnectNow } pg:
                    return "PostgreSQL: " + pg.SqlState;
                case SqliteException { SqliteErrorCode: 5 or 6 } sqlite: // SQLITE_BUSY, SQLITE_LOCKED past the busy timeout
                    return "SQLite: bezet (" + sqlite.SqliteErrorCode.ToString(CultureInfo.InvariantCulture) + ")";
                case AggregateException { InnerExceptions.Count: 1 } aggregate when Kind(aggregate.InnerExceptions[0]) is { } inner:
                    return inner;
            }
        }
        return null;
    }

    [LoggerMessage(EventId = 503, Level = LogLevel.Warning, Message = "Geen databaseverbinding op tijd ({Kind}): 503 met Retry-After op {Method} {Endpoint}")]
    private static partial void LogBusy(ILogger logger, string kind, string method, string? endpoint);
}
