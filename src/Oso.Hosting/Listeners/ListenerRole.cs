using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Oso.Hosting.Listeners;

/// <summary>The two listeners of a host.</summary>
public enum ListenerRole
{
    /// <summary>The portal and management API (HTTPS, people and API clients).</summary>
    Portal,

    /// <summary>The OSO protocol (HTTPS with a required, validated client certificate).</summary>
    Protocol,
}

/// <summary>Marks an endpoint as served only on one listener.</summary>
/// <param name="Role">The listener.</param>
public sealed record ListenerRoleMetadata(ListenerRole Role);

/// <summary>Keeps portal endpoints off the protocol listener and protocol endpoints off the portal listener.</summary>
public static class ListenerRoles
{
    private const string ItemKey = "oso.listener";

    /// <summary>Connection middleware for a listener: records which listener accepted the connection.</summary>
    public static ListenOptionsMarker Mark(ListenerRole role) => new(role);

    /// <summary>Marks endpoints as protocol endpoints.</summary>
    public static TBuilder OnProtocolListener<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new ListenerRoleMetadata(ListenerRole.Protocol));
        return builder;
    }

    /// <summary>The listener a request arrived on.</summary>
    public static ListenerRole Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var items = context.Features.Get<IConnectionItemsFeature>()?.Items;
        return items is not null && items.TryGetValue(ItemKey, out var role) && role is ListenerRole r ? r : ListenerRole.Portal;
    }

    /// <summary>
    /// After routing: an endpoint answers only on its own listener (protocol endpoints are marked; everything else is
    /// portal). Anything else is 404, so the mutual-TLS listener exposes nothing but the protocol.
    /// </summary>
    public static IApplicationBuilder UseListenerSeparation(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var wanted = context.GetEndpoint()?.Metadata.GetMetadata<ListenerRoleMetadata>()?.Role ?? ListenerRole.Portal;
        if (wanted != Of(context))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        await next(context).ConfigureAwait(false);
    });

    /// <summary>The marker's connection middleware.</summary>
    public sealed class ListenOptionsMarker(ListenerRole role)
    {
        /// <summary>Wraps the connection pipeline.</summary>
        public ConnectionDelegate Apply(ConnectionDelegate next) => connection =>
        {
            connection.Items[ItemKey] = role;
            return next(connection);
        };
    }
}
