using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Oso.Protocol.Contract;
using Oso.Protocol.Soap;

namespace Oso.Hosting.Contract;

/// <summary>
/// Serves the contract next to a SOAP endpoint, as SOAP stacks expect: <c>GET …?wsdl</c> gives the WSDL with this
/// endpoint's address filled in, <c>GET …?xsd=NAME</c> the schema it imports. Map it on the protocol listener, so
/// the contract is read over the same mutual TLS as the messages.
/// </summary>
public static class ContractEndpoints
{
    /// <summary>
    /// Maps <c>GET <paramref name="pattern"/></c>. <paramref name="address"/> gives the endpoint's public address, or
    /// null when there is no endpoint at this path (404); by default it is the requested URL.
    /// </summary>
    public static RouteHandlerBuilder MapOsoContract(this IEndpointRouteBuilder endpoints, string pattern, OsoDienst dienst,
        Func<HttpContext, Task<Uri?>>? address = null) =>
        endpoints.MapGet(pattern, async (HttpContext context) =>
        {
            var endpoint = address is null ? RequestedUrl(context.Request) : await address(context).ConfigureAwait(false);
            if (endpoint is null) return Results.NotFound();
            var query = context.Request.Query;
            if (query.ContainsKey("wsdl")) return Results.Bytes(OsoContract.Wsdl(dienst, endpoint), SoapWriter.ContentType);
            if (query.TryGetValue("xsd", out var name) && OsoContract.XsdNames.Contains(name.ToString()))
                return Results.Bytes(OsoContract.File(name.ToString())!, SoapWriter.ContentType);
            return Results.Text("Vraag het contract op met ?wsdl, of een schema met ?xsd=" + OsoContract.XsdName + ". Berichten gaan met POST.",
                "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        });

    /// <summary>The URL of this request without its query (scheme, host, path).</summary>
    public static Uri? RequestedUrl(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Uri.TryCreate($"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}", UriKind.Absolute, out var url) ? url : null;
    }
}
