using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Oso.Hosting.Contract;
using Oso.Hosting.Listeners;
using Oso.Hosting.Telemetry;
using Oso.Protocol.Contract;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Messages;
using Oso.Protocol.Results;
using Oso.Protocol.Security;
using Oso.Protocol.Soap;
using Oso.School.Bron;
using Oso.School.Doel;
using Oso.School.LasApi;
using Oso.School.Storage;

namespace Oso.School.Protocol;

/// <summary>
/// The node's protocol endpoint: one per aanleverpunt, on the mutual-TLS listener. The caller is the system in its
/// client certificate (which the listener validated); bron and doel bind every message to the system that may send it.
/// Answers as the Traffic Center does (<see cref="SoapHttp"/>): 200 with a response, 500 with a SOAP fault for
/// unreadable input or an internal error, 415 for a media type other than text/xml.
/// </summary>
public static class ProtocolEndpoints
{
    /// <summary>
    /// Maps <c>POST /oso/aanleverpunt/{routeringskenmerk}</c>, and <c>GET</c> on it for the contract (<c>?wsdl</c>,
    /// <c>?xsd=NAME</c>) of an aanleverpunt on this node, with <paramref name="publicProtocolUrl"/> (when set) as its
    /// address base.
    /// </summary>
    public static IEndpointRouteBuilder MapSchoolProtocol(this IEndpointRouteBuilder endpoints, Uri? publicProtocolUrl = null)
    {
        // SOAP between parties, described by the WSDL (?wsdl), not by the LAS API's OpenAPI document
        endpoints.MapPost(Pad, HandleAsync).OnProtocolListener().ExcludeFromDescription().DisableAntiforgery();
        endpoints.MapPost(Pad + "/ontvangstbevestiging", HandleReceiptAsync).OnProtocolListener().ExcludeFromDescription().DisableAntiforgery();
        endpoints.MapOsoContract(Pad, OsoDienst.Aanleverpunt, async context =>
        {
            var aanleverpunt = context.Request.RouteValues["aanleverpunt"] as string;
            var store = context.RequestServices.GetRequiredService<SchoolStore>();
            await using var db = store.Read();
            if (!await db.Aanleverpunten.AnyAsync(a => a.RouteringsKenmerk == aanleverpunt && a.Active, context.RequestAborted).ConfigureAwait(false)) return null;
            return publicProtocolUrl is null ? ContractEndpoints.RequestedUrl(context.Request) : new Uri(publicProtocolUrl, "/oso/aanleverpunt/" + aanleverpunt);
        }).OnProtocolListener().ExcludeFromDescription();
        return endpoints;
    }

    private const string Pad = "/oso/aanleverpunt/{aanleverpunt}";

    /// <summary>
    /// The calling system, checked again on every request and not only at the TLS handshake: a kept-alive connection
    /// outlives a revocation at Central or the certificate's expiry. Null when the certificate is no longer accepted —
    /// each handler then refuses (SysteemNietBevoegd, 403) and audits it, as for a certificate that names no system.
    /// The validator keeps the chain of a certificate it accepted before; revocation and validity are judged per call.
    /// </summary>
    private static SysteemId? Caller(HttpContext context)
    {
        if (context.Connection.ClientCertificate is not { } certificate) return null;
        var check = context.RequestServices.GetRequiredService<NodeConnections>().Validator.ValidateClient(certificate);
        if (check is CertificateCheck.Accepted { Systeem: { } systeem }) return systeem;
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Oso.School.Soap")
            .LogWarning("Clientcertificaat {Serienummer} op een open verbinding niet meer geaccepteerd: {Reden}", certificate.SerialNumber,
                check is CertificateCheck.Refused refused ? refused.Omschrijving : "het noemt geen systeem");
        return null;
    }

    /// <summary>
    /// <c>POST …/ontvangstbevestiging</c>: the doel's signed receipt (<c>application/xml</c>, a <c>ds:Signature</c> of at
    /// most <see cref="Oso.Protocol.Proofs.Handtekening.MaxBytes"/>; docs/protocol.md §4b). 204 when confirmed; a Dutch
    /// problem otherwise: 400 unreadable, 403 not the session's doel system, 404 no such disclosure, 422 the check failed.
    /// </summary>
    private static async Task<IResult> HandleReceiptAsync(string aanleverpunt, HttpContext context, Receipts receipts)
    {
        var caller = Caller(context);
        const int limit = Oso.Protocol.Proofs.Handtekening.MaxBytes;
        var body = await Oso.Protocol.Proofs.Handtekening.ReadBodyAsync(context.Request.Body, context.Request.ContentLength, context.RequestAborted).ConfigureAwait(false);
        if (body is null) return Problems.BadRequest($"Een ontvangstbevestiging is hoogstens {limit / 1024} KiB.");
        var outcome = await receipts.ReceiveAsync(aanleverpunt, body, caller, context.RequestAborted).ConfigureAwait(false);
        return outcome.Result switch
        {
            ReceiptResult.Bevestigd => Results.NoContent(),
            ReceiptResult.Onleesbaar => Problems.BadRequest(outcome.Omschrijving),
            ReceiptResult.Onbekend => Problems.NotFound(outcome.Omschrijving),
            ReceiptResult.NietBevoegd => Problems.Forbidden(outcome.Omschrijving),
            _ => Problems.InvalidReceipt(outcome.Omschrijving),
        };
    }

    private static async Task HandleAsync(string aanleverpunt, HttpContext context, DocumentRequests documents, Notifications notifications,
        Swv.SwvDossiers swv, OsoMetrics metrics, TimeProvider time)
    {
        var started = time.GetTimestamp();
        var ct = context.RequestAborted;
        var caller = Caller(context);
        if (!await SoapHttp.AcceptAsync(context, SoapHttp.RequestLimits).ConfigureAwait(false)) return;
        var read = await SoapReader.ReadRequestAsync(context.Request.Body, SoapHttp.RequestLimits, ct).ConfigureAwait(false);
        if (read is not SoapReadResult.Read { Message: OsoRequest request })
        {
            var fault = read is SoapReadResult.Rejected rejected ? rejected.Fault
                : SoapFault.Client(SoapFoutcodes.VerwachtVerzoek, "Hier wordt een OSO-verzoek verwacht.");
            await SoapHttp.WriteFaultAsync(context, SoapFault.HttpStatusCode, fault).ConfigureAwait(false);
            return;
        }

        OsoMessage response;
        try
        {
            switch (request)
            {
                case DocumentRequest document:
                    var answer = await documents.HandleAsync(aanleverpunt, document, caller, ct).ConfigureAwait(false);
                    metrics.TransferFinished("bron", answer is DocumentResponse.NietGeleverd niet ? niet.Resultaat.ToString() : nameof(ResultaatCode.OverdrachtGeslaagd),
                        time.GetElapsedTime(started));
                    response = answer;
                    break;
                case NotificatieRequest notificatie:
                    var received = await notifications.HandleAsync(aanleverpunt, notificatie, caller, ct).ConfigureAwait(false);
                    metrics.Notificaties.Add(1, new System.Diagnostics.TagList { { "direction", "ontvangen" }, { "result", received.Resultaat.ToString() } });
                    response = received;
                    break;
                case TerugkoppelingRequest terugkoppeling:
                    response = await swv.ReceiveFeedbackAsync(aanleverpunt, terugkoppeling, caller, ct).ConfigureAwait(false);
                    break;
                default:
                    await SoapHttp.WriteFaultAsync(context, SoapFault.HttpStatusCode, new SoapFault(SoapFaultCode.Client, SoapFoutcodes.OnbekendeOperatie,
                        $"Een aanleverpunt behandelt documentRequest, notificatieRequest en terugkoppelingRequest, geen {request.ElementName}.")).ConfigureAwait(false);
                    return;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Oso.School.Soap");
            await SoapHttp.InternalErrorAsync(context, logger, e, caller?.Value ?? "(geen)", request.ElementName).ConfigureAwait(false);
            return;
        }
        // the answer's dossier lives until it is sent (a spooled one is read from its spool file while it goes out):
        // WriteResponseAsync disposes it after the response, also when the client goes away mid-response (ADR 0014)
        context.Response.ContentType = SoapWriter.ContentType;
        await SoapWriter.WriteResponseAsync(context.Response.Body, response, ct).ConfigureAwait(false);
    }
}
