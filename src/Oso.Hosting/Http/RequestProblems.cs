using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Oso.Hosting.Http;

/// <summary>
/// A request that cannot be read — no body where one is needed, JSON that does not parse or does not fit, a value in
/// the address that is not a number or id, the wrong content type, too large — is the caller's mistake, not a fault:
/// 400 (or 413/415) with a Dutch problem that names what and, where it can, where (<c>locatie</c>, e.g.
/// <c>$.email</c>); logged as information, without the exception. Only real faults stay 5xx, answered by the host's
/// own handler without details.
/// </summary>
public sealed partial class RequestProblems(string problemType, ILogger<RequestProblems> logger) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not BadHttpRequestException bad || httpContext.Response.HasStarted) return false;
        var (detail, location) = Describe(bad);
        LogRefused(logger, bad.StatusCode, httpContext.Request.Method, httpContext.GetEndpoint()?.DisplayName ?? httpContext.Request.Path.Value, location ?? "-");
        httpContext.Response.StatusCode = bad.StatusCode;
        if (!httpContext.Request.Path.StartsWithSegments("/api"))
        {
            await PortalErrorPage.WriteAsync(httpContext, bad.StatusCode, Title(bad.StatusCode), detail, cancellationToken).ConfigureAwait(false);
            return true;
        }
        var extensions = new Dictionary<string, object?>();
        if (location is not null) extensions["locatie"] = location;
        await Results.Problem(statusCode: bad.StatusCode, title: Title(bad.StatusCode), detail: detail, type: problemType, extensions: extensions)
            .ExecuteAsync(httpContext).ConfigureAwait(false);
        return true;
    }

    private static string Title(int status) => DutchProblems.Title(status);

    /// <summary>What was wrong, in Dutch, and where (a JSON path such as <c>$.email</c>, or a parameter name).</summary>
    internal static (string Detail, string? Location) Describe(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json)
        {
            var where = json.Path is null or "$" ? null : json.Path;
            if (json.Message.StartsWith("Het veld ", StringComparison.Ordinal)) return (json.Message, FieldPath(json.Message) ?? where);
            if (MissingProperties().Match(json.Message) is { Success: true } missing)
            {
                var names = string.Join(", ", missing.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
                return ($"Deze velden ontbreken: {names}.", "$." + names.Split(',')[0].Trim('\'', ' '));
            }
            var at = json.LineNumber is { } line ? $" (regel {line + 1}, positie {json.BytePositionInLine + 1})" : "";
            return (where is null
                ? $"De inhoud is geen JSON die bij dit verzoek past{at}. Stuur een JSON-object met de velden uit de API-beschrijving (/openapi/v1.json)."
                : $"Het veld '{where}' heeft een waarde van het verkeerde soort{at}.", where);
        }
        if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType)
            return ("Stuur de inhoud als JSON (Content-Type: application/json) of als formulier, zoals de API-beschrijving zegt.", null);
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge) return ("Het verzoek is te groot.", null);
        if (Parameter().Match(bad.Message) is { Success: true } parameter)
        {
            var name = parameter.Groups[2].Value;
            return bad.Message.Contains("from the request body", StringComparison.Ordinal) || bad.Message.Contains("no body was provided", StringComparison.Ordinal)
                    || bad.Message.Contains("was not provided from body", StringComparison.Ordinal)
                ? ("De inhoud van het verzoek ontbreekt of is leeg. Stuur een JSON-object met de velden uit de API-beschrijving (/openapi/v1.json).", "$")
                : ($"De waarde voor '{name}' is ongeldig of ontbreekt.", name);
        }
        return ("Het verzoek kon niet worden gelezen.", null);
    }

    private static string? FieldPath(string message) => FieldName().Match(message) is { Success: true } m ? "$." + m.Groups[1].Value : null;

    [GeneratedRegex("missing required properties including: (.+?)\\.?$")]
    private static partial Regex MissingProperties();

    [GeneratedRegex("parameter \"([^\"]+) ([^\" ]+)\"")]
    private static partial Regex Parameter();

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex FieldName();

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Verzoek niet leesbaar: {Status} op {Method} {Endpoint}, bij {Location}")]
    private static partial void LogRefused(ILogger logger, int status, string method, string? endpoint, string location);
}

/// <summary>Registers <see cref="RequestProblems"/>.</summary>
public static class RequestProblemServices
{
    /// <summary>
    /// Makes minimal APIs throw on unreadable requests (in every environment; the default answers an empty 400 outside
    /// development and a 500 through a catch-all handler inside), reads their JSON strictly (<see cref="StrictRequestJson"/>)
    /// and registers the handlers: <see cref="DatabaseBusy"/> (no database connection in time: 503 with Retry-After) and
    /// <see cref="RequestProblems"/>; <paramref name="problemType"/> is the <c>type</c> of the problems (its
    /// <c>ongeldig-verzoek</c> becomes <c>tijdelijk-te-druk</c> for a 503).
    /// </summary>
    public static IServiceCollection AddOsoRequestProblems(this IServiceCollection services, string problemType)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o => StrictRequestJson.Apply(o.SerializerOptions));
        services.AddSingleton<IExceptionHandler>(sp => new DatabaseBusy(problemType.Replace("ongeldig-verzoek", "tijdelijk-te-druk", StringComparison.Ordinal),
            sp.GetRequiredService<ILogger<DatabaseBusy>>()));
        services.AddSingleton<IExceptionHandler>(sp => new RequestProblems(problemType, sp.GetRequiredService<ILogger<RequestProblems>>()));
        return services;
    }
}

/// <summary>A small Dutch page for an answer a portal gives outside its pages (too many attempts, an unreadable form).</summary>
public static class PortalErrorPage
{
    /// <summary>Writes the page (HTML-encoded texts, the shared stylesheet, a way to the start page).</summary>
    public static Task WriteAsync(HttpContext http, int status, string title, string text, CancellationToken cancellationToken, string back = "/", string backText = "Naar de startpagina")
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/html; charset=utf-8";
        return http.Response.WriteAsync(
            $"""
            <!DOCTYPE html>
            <html lang="nl"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>{WebUtility.HtmlEncode(title)} — OpenOSO</title><link rel="stylesheet" href="{Portal.PortalAssets.StylesheetPath}" /></head>
            <body><main id="inhoud"><h1>{WebUtility.HtmlEncode(title)}</h1><p>{WebUtility.HtmlEncode(text)}</p><p><a href="{WebUtility.HtmlEncode(back)}">{WebUtility.HtmlEncode(backText)}</a></p></main></body></html>
            """, cancellationToken);
    }
}
