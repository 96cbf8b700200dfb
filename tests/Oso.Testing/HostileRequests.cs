using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Oso.Testing;

/// <summary>
/// Every endpoint of a host that takes a body (POST, PUT, PATCH, DELETE, and every Razor page), found through its
/// <see cref="EndpointDataSource"/>, and the empty and malformed bodies to send it — for tests that prove no such
/// request gets a 5xx.
/// </summary>
public static class HostileRequests
{
    private static readonly string[] Writing = [HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete];

    /// <summary>A request to send: method and path.</summary>
    public sealed record Target(string Method, string Path, bool Page)
    {
        public bool Api => Path.StartsWith("/api/", StringComparison.Ordinal);

        public override string ToString() => $"{Method} {Path}";
    }

    /// <summary>The endpoints that read a body, with their route values filled in by <paramref name="value"/> (name, constraint → value).</summary>
    public static IReadOnlyList<Target> Targets(IServiceProvider services, Func<string, string?, string> value)
    {
        ArgumentNullException.ThrowIfNull(services);
        var sources = (IEnumerable<EndpointDataSource>?)services.GetService(typeof(IEnumerable<EndpointDataSource>)) ?? [];
        var targets = new List<Target>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var page = endpoint.Metadata.Any(m => m.GetType().Name == "PageActionDescriptor" || m.GetType().Name == "CompiledPageActionDescriptor");
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
            var path = Fill(endpoint.RoutePattern, value);
            if (page) targets.Add(new Target(HttpMethods.Post, path, true));
            else if (methods is not null)
                targets.AddRange(methods.Where(m => Writing.Contains(m, StringComparer.OrdinalIgnoreCase)).Select(m => new Target(m, path, false)));
        }
        return targets.Distinct().OrderBy(t => t.Path, StringComparer.Ordinal).ThenBy(t => t.Method, StringComparer.Ordinal).ToList();
    }

    /// <summary>Bodies a careless or hostile client sends: none, empty, broken, null, the wrong shape, the wrong types, junk forms.</summary>
    public static IReadOnlyList<(string Name, Func<HttpContent?> Content)> Bodies { get; } =
    [
        ("geen inhoud", () => null),
        ("lege JSON", () => Json("")),
        ("afgebroken JSON", () => Json("{\"email\": \"a@b.nl\", ")),
        ("null", () => Json("null")),
        ("lijst", () => Json("[1, 2]")),
        ("leeg object", () => Json("{}")),
        ("verkeerde soorten", () => Json("{\"email\": 12, \"brin\": [], \"reden\": {}, \"code\": true, \"url\": 5, \"van\": \"gisteren\", \"pgn\": 1}")),
        ("tekst", () => new StringContent("hallo", Encoding.UTF8, "text/plain")),
        ("rommel-formulier", () => new StringContent("a=%%%&&=b&c", Encoding.UTF8, "application/x-www-form-urlencoded")),
        ("kapotte multipart", () =>
        {
            var content = new StringContent("--grens\r\nContent-Disposition: form-data; name=\"bestand\"\r\n\r\nzonder einde", Encoding.UTF8);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=grens");
            return content;
        }),
    ];

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static string Fill(RoutePattern pattern, Func<string, string?, string> value)
    {
        var path = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
                path.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternParameterPart parameter => Uri.EscapeDataString(value(parameter.Name,
                        parameter.ParameterPolicies.Select(p => p.Content).FirstOrDefault(c => c is "guid" or "int" or "long"))),
                    RoutePatternSeparatorPart separator => separator.Content,
                    _ => "",
                });
        }
        return path.Length == 0 ? "/" : path.ToString();
    }
}
