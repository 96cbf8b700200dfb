using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Oso.Central.Api;

/// <summary>Maps expected failures to problem details (in Dutch) — in one place for the whole management API.</summary>
internal static class ApiResults
{
    public const string TypePrefix = "urn:openoso:central:";

    public static Results<Ok<T>, ProblemHttpResult> From<T>(Uitkomst<T> uitkomst) =>
        uitkomst.Gelukt ? TypedResults.Ok(uitkomst.Waarde) : Problem(uitkomst.Fout);

    public static ProblemHttpResult Problem(Fout fout) => TypedResults.Problem(
        statusCode: Status(fout.Soort), title: Titel(fout.Soort), detail: fout.Tekst, type: TypePrefix + fout.Code);

    public static int Status(FoutSoort soort) => soort switch
    {
        FoutSoort.Ongeldig => StatusCodes.Status400BadRequest,
        FoutSoort.NietGevonden => StatusCodes.Status404NotFound,
        FoutSoort.Conflict => StatusCodes.Status409Conflict,
        FoutSoort.Geweigerd => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    /// <summary>Dutch titles for every status the API answers (also for those the framework produces).</summary>
    public static string Titel(int status) => status switch
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
        _ when status >= 500 => "Interne fout",
        _ => "Fout",
    };

    private static string Titel(FoutSoort soort) => Titel(Status(soort));
}
