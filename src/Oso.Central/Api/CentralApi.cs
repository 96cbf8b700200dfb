using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Oso.Hosting.Listeners;
using Scalar.AspNetCore;

namespace Oso.Central.Api;

/// <summary>The management API's plumbing: JSON, problem details in Dutch, OpenAPI, the middleware order.</summary>
internal static class CentralApi
{
    public static IServiceCollection AddCentralApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            var status = c.ProblemDetails.Status ?? c.HttpContext.Response.StatusCode;
            if (c.ProblemDetails.Title is null or "Unauthorized" or "Forbidden" or "Not Found" or "Bad Request" or "An error occurred while processing your request.")
                c.ProblemDetails.Title = ApiResults.Titel(status);
            c.ProblemDetails.Detail ??= status switch
            {
                401 => "Meld u eerst aan (POST /api/account/inloggen).",
                404 => "Deze pagina of dit adres bestaat niet.",
                >= 500 => "Er ging intern iets mis; probeer het later opnieuw.",
                _ => null,
            };
        });
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "OpenOSO Central — beheer-API";
            document.Info.Description = "Register, kwalificatie, Mijn OSO en sessietraces. Mensen melden zich aan met wachtwoord en TOTP (bearer-token); systemen met hun clientcertificaat.";
            document.Info.Version = "1";
            return Task.CompletedTask;
        }));
        return services;
    }

    public static WebApplication UseCentralApi(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = _ => StatusCodes.Status500InternalServerError });
        app.UseStatusCodePages();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseListenerSeparation();
        app.UseAuthentication();
        return app;
    }

    public static WebApplication MapCentralOpenApi(this WebApplication app, bool development)
    {
        app.MapOpenApi().AllowAnonymous();
        if (development) app.MapScalarApiReference(o => o.Title = "OpenOSO Central — beheer-API");
        return app;
    }
}
