using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Oso.Hosting.Listeners;

namespace Oso.EndToEnd.Tests.Security.Matrix;

/// <summary>One endpoint as the running app routes it: host, listener, method(s) and route pattern.</summary>
public sealed record EndpointKey(string Host, string Methods, string Route)
{
    public override string ToString() => $"{Host} {Methods} {Route}";
}

/// <summary>Every endpoint of both running hosts, read from their <see cref="EndpointDataSource"/>.</summary>
public static class EndpointInventory
{
    public static IReadOnlyList<EndpointKey> Of(string host, IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => new EndpointKey(
                host + (e.Metadata.GetMetadata<ListenerRoleMetadata>()?.Role == ListenerRole.Protocol ? ":protocol" : ":portal"),
                e.Metadata.GetMetadata<IHttpMethodMetadata>() is { } m ? string.Join(",", m.HttpMethods.Order()) : "PAGE",
                "/" + (e.RoutePattern.RawText ?? "").TrimStart('/')))
            .Distinct().OrderBy(k => k.Host).ThenBy(k => k.Route).ThenBy(k => k.Methods).ToList();
}
