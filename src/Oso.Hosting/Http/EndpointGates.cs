using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Oso.Hosting.Http;

/// <summary>
/// A check of who calls an endpoint that runs before the endpoint reads anything of the request: an unauthenticated or
/// unauthorized call gets its 401/403 before the body is read — so a malformed body from a stranger costs nothing and
/// tells nothing. (Minimal-API endpoint filters run after parameter binding, i.e. after the body is read: too late.)
/// </summary>
public interface IEndpointGate
{
    /// <summary>The refusal, or null to let the request through.</summary>
    ValueTask<IResult?> CheckAsync(HttpContext context);
}

/// <summary>Puts gates on endpoints and runs them.</summary>
public static class EndpointGates
{
    /// <summary>Guards the endpoints (e.g. a route group) with <paramref name="gate"/>.</summary>
    public static TBuilder WithGate<TBuilder>(this TBuilder builder, IEndpointGate gate) where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WithMetadata(gate);
        return builder;
    }

    /// <summary>Runs the gates of the matched endpoint; after routing and authentication, before the endpoints.</summary>
    public static IApplicationBuilder UseEndpointGates(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetOrderedMetadata<IEndpointGate>() is { Count: > 0 } gates)
            foreach (var gate in gates)
                if (await gate.CheckAsync(context).ConfigureAwait(false) is { } refusal)
                {
                    await refusal.ExecuteAsync(context).ConfigureAwait(false);
                    return;
                }
        await next(context).ConfigureAwait(false);
    });
}
