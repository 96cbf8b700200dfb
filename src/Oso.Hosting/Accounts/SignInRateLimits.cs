using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace Oso.Hosting.Accounts;

/// <summary>How many sign-in attempts one client may make.</summary>
public sealed record SignInRateLimitOptions
{
    /// <summary>
    /// Posts to sign-in, two-step, reset and API-token endpoints one client address may make per <see cref="Window"/>
    /// (default 20 a minute: a school behind one address signs in comfortably, guessing passwords does not get far).
    /// </summary>
    public int PermitLimit { get; init; } = 20;

    /// <summary>The window the limit counts in (fixed windows; default one minute).</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Addresses of the reverse proxies or load balancers in front of this host. Only for a request from one of them the
    /// client is read from <c>X-Forwarded-For</c> (the right-most address that is not such a proxy); otherwise the header
    /// is ignored, so a client cannot choose its own address. Empty (default): every client is its TCP peer.
    /// </summary>
    public IReadOnlyList<string> TrustedProxies { get; init; } = [];
}

/// <summary>
/// ASP.NET Core rate limiting on the endpoints where people prove who they are (sign-in, two-step code and set-up,
/// resets, API tokens), the same on both hosts: per client address, posts only (reading the page is free), fixed
/// windows. Over the limit the answer is 429 with <c>Retry-After</c>: a Dutch page for a person, a problem in Dutch
/// for the API. Put <see cref="Policy"/> on those endpoints (<c>[EnableRateLimiting]</c> or <c>RequireRateLimiting</c>)
/// and call <c>UseRateLimiter()</c> after routing.
/// </summary>
public static class SignInRateLimits
{
    /// <summary>The policy's name.</summary>
    public const string Policy = "aanmelden";

    /// <summary>Adds the limiter; <paramref name="problemType"/> is the API's problem type for the answer.</summary>
    public static IServiceCollection AddOsoSignInRateLimits(this IServiceCollection services, SignInRateLimitOptions options, string problemType)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.PermitLimit < 1 || options.Window <= TimeSpan.Zero)
            throw new ArgumentException("De limiet voor inlogpogingen moet minstens 1 per periode zijn, met een periode langer dan 0.", nameof(options));
        var proxies = options.TrustedProxies.Select(p => IPAddress.TryParse(p, out var a) ? Normalize(a)
            : throw new ArgumentException($"'{p}' is geen IP-adres (vertrouwde proxy).", nameof(options))).ToHashSet();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Policy, http => HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
                ? RateLimitPartition.GetNoLimiter("")
                : RateLimitPartition.GetFixedWindowLimiter(ClientAddress(http, proxies), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.PermitLimit,
                    Window = options.Window,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            o.OnRejected = (context, cancellationToken) => RejectAsync(context.HttpContext, context.Lease, options.Window, problemType, cancellationToken);
        });
        return services;
    }

    /// <summary>The client a request comes from: its TCP peer, or behind a trusted proxy the address the proxy saw.</summary>
    internal static string ClientAddress(HttpContext http, IReadOnlySet<IPAddress> proxies)
    {
        var peer = http.Connection.RemoteIpAddress is { } remote ? Normalize(remote) : null;
        if (peer is null) return "onbekend";
        if (!proxies.Contains(peer)) return peer.ToString();
        var forwarded = string.Join(',', http.Request.Headers["X-Forwarded-For"].ToArray())
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var i = forwarded.Length - 1; i >= 0; i--)
        {
            if (!IPAddress.TryParse(forwarded[i], out var hop)) break;
            hop = Normalize(hop);
            if (!proxies.Contains(hop)) return hop.ToString();
        }
        return peer.ToString();
    }

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static async ValueTask RejectAsync(HttpContext http, RateLimitLease lease, TimeSpan window, string problemType, CancellationToken cancellationToken)
    {
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : window;
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers.CacheControl = "no-store";
        var when = seconds <= 90 ? $"{seconds} seconden" : $"{(int)Math.Ceiling(seconds / 60.0)} minuten";
        var detail = $"Er zijn vanaf uw adres te veel pogingen gedaan om in te loggen of een code te controleren. Probeer het over {when} opnieuw.";
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Te veel pogingen", detail: detail, type: problemType)
                .ExecuteAsync(http).ConfigureAwait(false);
            return;
        }
        await Http.PortalErrorPage.WriteAsync(http, StatusCodes.Status429TooManyRequests, "Te veel pogingen", detail, cancellationToken,
            http.Request.Path.StartsWithSegments("/ouders") ? "/ouders" : "/inloggen", "Terug naar het inloggen").ConfigureAwait(false);
    }
}
