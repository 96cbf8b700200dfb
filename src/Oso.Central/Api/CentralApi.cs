using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Oso.Hosting.Http;
using Oso.Hosting.Listeners;
using Scalar.AspNetCore;

namespace Oso.Central.Api;

/// <summary>The management API's plumbing: JSON, problem details in Dutch, OpenAPI, the middleware order.</summary>
internal static class CentralApi
{
    public static IServiceCollection AddCentralApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddOsoRequestProblems(ApiResults.TypePrefix + "ongeldig-verzoek");
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            var status = c.ProblemDetails.Status ?? c.HttpContext.Response.StatusCode;
            if (status == 401) c.ProblemDetails.Detail ??= "Meld u eerst aan (POST /api/account/inloggen).";
            DutchProblems.Customize(c);
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
        // an unreadable request is answered by RequestProblems (400/413/415, Dutch, located); anything else is a real fault: 500 without details
        app.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError });
        app.UseStatusCodePages();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseListenerSeparation();
        app.UseAuthentication();
        app.UseEndpointGates(); // who may call an endpoint, before it reads the request
        return app;
    }

    public static WebApplication MapCentralOpenApi(this WebApplication app, bool development)
    {
        app.MapOpenApi().AllowAnonymous();
        if (development) app.MapScalarApiReference(o => o.Title = "OpenOSO Central — beheer-API");
        return app;
    }
}
