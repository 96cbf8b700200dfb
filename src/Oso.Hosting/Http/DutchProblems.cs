using Microsoft.AspNetCore.Http;

namespace Oso.Hosting.Http;

/// <summary>
/// Dutch titles and default texts for problem details, also for the answers the framework makes by itself (an empty
/// 400 from a form it could not read, 404, 405, 415), so that no API answer of either host is English or empty.
/// </summary>
public static class DutchProblems
{
    /// <summary>The title of a status.</summary>
    public static string Title(int status) => status switch
    {
        400 => "Ongeldig verzoek",
        401 => "Niet aangemeld",
        403 => "Geen toegang",
        404 => "Niet gevonden",
        405 => "Methode niet toegestaan",
        409 => "Conflict",
        413 => "Verzoek te groot",
        415 => "Inhoudstype niet ondersteund",
        422 => "Niet mogelijk",
        429 => "Te veel verzoeken",
        503 => "Tijdelijk te druk",
        _ when status >= 500 => "Interne fout",
        _ => "Fout",
    };

    /// <summary>A default text for a status, when the answer carries none.</summary>
    public static string? Detail(int status) => status switch
    {
        400 => "Het verzoek kon niet worden gelezen. Controleer de inhoud en het Content-Type aan de hand van de API-beschrijving (/openapi/v1.json).",
        404 => "Deze pagina of dit adres bestaat niet.",
        405 => "Dit adres kent deze methode niet.",
        413 => "Het verzoek is te groot.",
        415 => "Dit adres ontvangt een ander soort inhoud (Content-Type); zie de API-beschrijving (/openapi/v1.json).",
        >= 500 => "Er ging intern iets mis; probeer het later opnieuw.",
        _ => null,
    };

    /// <summary>Fills in a Dutch title (replacing the framework's English one) and a default text.</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
        if (context.ProblemDetails.Title is null || IsFrameworkTitle(context.ProblemDetails.Title)) context.ProblemDetails.Title = Title(status);
        context.ProblemDetails.Detail ??= Detail(status);
    }

    private static bool IsFrameworkTitle(string title) => title is "Bad Request" or "Unauthorized" or "Forbidden" or "Not Found" or "Method Not Allowed"
        or "Unsupported Media Type" or "Payload Too Large" or "Content Too Large" or "An error occurred while processing your request." or "Internal Server Error";
}
