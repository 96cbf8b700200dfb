using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Oso.Central.Api;
using Oso.Hosting.Listeners;
using Oso.Protocol.Proofs;
using Oso.Protocol.Security;

namespace Oso.Central.Anchors;

/// <summary>
/// The anchoring calls on the protocol listener (mutual TLS with a system certificate; docs/protocol.md §4c,
/// RECONSTRUCTION: not in the public OSO): <c>POST /oso/audit/anker</c> takes a node's signed checkpoint and answers
/// with Central's signed acknowledgement; <c>GET /oso/audit/ankers/{brin}</c> returns a school's acknowledgements.
/// </summary>
internal static class AnkerApi
{
    public const string Pad = "/oso/audit/anker";
    public const string LijstPad = "/oso/audit/ankers/{brin}";

    public static WebApplication MapAnkers(this WebApplication app)
    {
        app.MapPost(Pad, AnchorAsync).OnProtocolListener().ExcludeFromDescription().DisableAntiforgery();
        app.MapGet(LijstPad, ListAsync).OnProtocolListener().ExcludeFromDescription();
        return app;
    }

    /// <summary>200 with the acknowledgement (application/xml); 400 unreadable or invalid, 403 not the school's system, 409 contradicts an earlier anchor.</summary>
    private static async Task<IResult> AnchorAsync(HttpContext context, Ankerketen keten)
    {
        if (Caller(context) is not { } caller) return Problem(403, "systeem", "Het clientcertificaat noemt geen (vertrouwd) systeem.");
        var body = await Handtekening.ReadBodyAsync(context.Request.Body, context.Request.ContentLength, context.RequestAborted);
        if (body is null) return Problem(400, "te-groot", $"Een controlepunt is hoogstens {Handtekening.MaxBytes / 1024} KiB.");
        var uitkomst = await keten.AnchorAsync(caller, body, context.RequestAborted);
        return uitkomst switch
        {
            { Bevestiging: { } bevestiging } => Results.Bytes(bevestiging, "application/xml"),
            { Fout: AnkerFout.NietBevoegd } => Problem(403, "anker.niet-bevoegd", uitkomst.Omschrijving!),
            { Fout: AnkerFout.Conflict } => Problem(409, "anker.conflict", uitkomst.Omschrijving!),
            _ => Problem(400, "anker.ongeldig", uitkomst.Omschrijving!),
        };
    }

    /// <summary>200 with <c>{ "bevestigingen": [base64 …] }</c> from sequence number <c>vanaf</c> on; 403 not the school's system.</summary>
    private static async Task<IResult> ListAsync(string brin, long? vanaf, HttpContext context, Ankerketen keten)
    {
        if (Caller(context) is not { } caller) return Problem(403, "systeem", "Het clientcertificaat noemt geen (vertrouwd) systeem.");
        var (lijst, weigering) = await keten.ListAsync(caller, brin, vanaf ?? 0, context.RequestAborted);
        return lijst is null ? Problem(403, "anker.niet-bevoegd", weigering!) : Results.Json(new { bevestigingen = lijst.Select(Convert.ToBase64String) });
    }

    /// <summary>The system named in the client certificate, when Central trusts it; else null.</summary>
    internal static Oso.Protocol.Identifiers.SysteemId? Caller(HttpContext context) =>
        context.Connection.ClientCertificate is { } certificate
        && context.RequestServices.GetRequiredService<OsoCertificateValidator>().ValidateClient(certificate) is CertificateCheck.Accepted { Systeem: { } systeem }
            ? systeem
            : null;

    /// <summary>A problem answer with Central's type prefix.</summary>
    internal static IResult Problem(int status, string code, string detail) =>
        TypedResults.Problem(statusCode: status, title: ApiResults.Titel(status), detail: detail, type: ApiResults.TypePrefix + code);
}
