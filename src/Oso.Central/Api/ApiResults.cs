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
    public static string Titel(int status) => Oso.Hosting.Http.DutchProblems.Title(status);

    private static string Titel(FoutSoort soort) => Titel(Status(soort));
}
