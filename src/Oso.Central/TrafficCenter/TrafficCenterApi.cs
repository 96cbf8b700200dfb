using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Oso.Central.Accounts;
using Oso.Central.Api;
using Oso.Hosting.Contract;
using Oso.Hosting.Listeners;
using Oso.Protocol.Contract;

namespace Oso.Central.TrafficCenter;

/// <summary>The Traffic Center's SOAP endpoint (protocol listener) and the session traces (management API).</summary>
internal static class TrafficCenterApi
{
    /// <summary>The path of the Traffic Center on the protocol listener.</summary>
    public const string Pad = "/oso/tc";

    public static WebApplication MapTrafficCenter(this WebApplication app)
    {
        app.MapPost(Pad, (HttpContext context, TrafficCenterService tc, Oso.Hosting.Telemetry.OsoMetrics metrics, TimeProvider time) =>
                SoapEndpoint.HandleAsync(context, TcMetrics.Counted(tc.HandleAsync, metrics, time)))
            .OnProtocolListener().ExcludeFromDescription();
        app.MapOsoContract(Pad, OsoDienst.TrafficCenter).OnProtocolListener().ExcludeFromDescription();
        return app;
    }

    public static WebApplication MapSessionsApi(this WebApplication app)
    {
        var beheer = app.MapGroup("/api/beheer").WithTags("Beheer: sessies").Voor(Rol.Beheerder);
        beheer.MapGet("/sessies", (CentralAdmin admin, string? brin, string? systeem, int? max, CancellationToken ct) => admin.SessionsAsync(brin, systeem, max ?? 100, ct))
            .WithSummary("Sessies (nieuwste eerst), voor de servicedesk.");
        beheer.MapGet("/sessies/{id:guid}", async (Guid id, CentralAdmin admin, CancellationToken ct) => ApiResults.From(await admin.TraceAsync(id, null, ct)))
            .WithSummary("Een sessie met haar trace.");
        beheer.MapGet("/verkeer", (CentralAdmin admin, string? brin, int? max, CancellationToken ct) => admin.LooseStepsAsync(brin, max ?? 100, ct))
            .WithSummary("Geweigerde verzoeken die bij geen sessie horen.");

        var school = app.MapGroup("/api/mijnoso").WithTags("Mijn OSO: sessies").Voor(Rol.School);
        school.MapGet("/sessies", (Actor actor, CentralAdmin admin, int? max, CancellationToken ct) => admin.SessionsAsync(actor.Scope, null, max ?? 100, ct))
            .WithSummary("De sessies van uw school, als bron of als doel.");
        school.MapGet("/sessies/{id:guid}", async (Guid id, Actor actor, CentralAdmin admin, CancellationToken ct) => ApiResults.From(await admin.TraceAsync(id, actor.Scope, ct)))
            .WithSummary("De trace van een sessie van uw school: elke stap, met wie wat moet doen.");
        school.MapGet("/verkeer", (Actor actor, CentralAdmin admin, int? max, CancellationToken ct) => admin.LooseStepsAsync(actor.Scope, max ?? 100, ct))
            .WithSummary("Geweigerde verzoeken over uw school die bij geen sessie horen.");

        var leverancier = app.MapGroup("/api/leverancier").WithTags("Leverancier: sessies").Voor(Rol.Leverancier);
        leverancier.MapGet("/sessies", (Actor actor, CentralAdmin admin, int? max, CancellationToken ct) => admin.SessionsAsync(null, actor.Scope, max ?? 100, ct))
            .WithSummary("De sessies die uw systeem aanvroeg.");
        leverancier.MapGet("/sessies/{id:guid}", async (Guid id, Actor actor, CentralAdmin admin, CancellationToken ct) =>
        {
            var trace = await admin.TraceAsync(id, null, ct);
            return ApiResults.From(trace.Gelukt && trace.Waarde!.Sessie.SysteemId != actor.Scope
                ? Fout.NietGevonden("sessie.onbekend", "Deze sessie bestaat niet (of is niet door uw systeem aangevraagd).")
                : trace);
        }).WithSummary("De trace van een sessie die uw systeem aanvroeg: elke stap, ook die van de bron (zo ziet een leverancier zijn test met testschool 00YY).");
        return app;
    }
}
