using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Oso.Hosting.Listeners;
using Oso.Hosting.Telemetry;
using Oso.Protocol.Messages;
using Oso.Protocol.Results;
using Oso.Protocol.Security;
using Oso.Protocol.Soap;
using Oso.School.Bron;
using Oso.School.Doel;

namespace Oso.School.Protocol;

/// <summary>The node's protocol endpoint: one per aanleverpunt, on the mutual-TLS listener.</summary>
public static class ProtocolEndpoints
{
    /// <summary>Maps <c>POST /oso/aanleverpunt/{routeringskenmerk}</c>.</summary>
    public static IEndpointRouteBuilder MapSchoolProtocol(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/oso/aanleverpunt/{aanleverpunt}", HandleAsync).OnProtocolListener().DisableAntiforgery();
        return endpoints;
    }

    private static async Task HandleAsync(string aanleverpunt, HttpContext context, DocumentRequests documents, Notifications notifications, OsoMetrics metrics,
        TimeProvider time)
    {
        var started = time.GetTimestamp();
        var ct = context.RequestAborted;
        var caller = context.Connection.ClientCertificate is { } certificate ? CertificateNames.Systeem(certificate) : null;
        var read = await SoapReader.ReadRequestAsync(context.Request.Body, cancellationToken: ct).ConfigureAwait(false);
        OsoMessage response;
        switch (read)
        {
            case SoapReadResult.Read { Message: DocumentRequest document }:
                var answer = await documents.HandleAsync(aanleverpunt, document, caller, ct).ConfigureAwait(false);
                metrics.TransferFinished("bron", answer is DocumentResponse.NietGeleverd niet ? niet.Resultaat.ToString() : nameof(ResultaatCode.OverdrachtGeslaagd),
                    time.GetElapsedTime(started));
                response = answer;
                break;
            case SoapReadResult.Read { Message: NotificatieRequest notificatie }:
                var received = await notifications.HandleAsync(aanleverpunt, notificatie, caller, ct).ConfigureAwait(false);
                metrics.Notificaties.Add(1, new System.Diagnostics.TagList { { "direction", "ontvangen" }, { "result", received.Resultaat.ToString() } });
                response = received;
                break;
            case SoapReadResult.Read other:
                await WriteFaultAsync(context, new SoapFault(SoapFaultCode.Client, SoapFoutcodes.OnbekendeOperatie,
                    $"Een aanleverpunt behandelt documentRequest en notificatieRequest, geen {other.Message.ElementName}.")).ConfigureAwait(false);
                return;
            case SoapReadResult.Rejected rejected:
                await WriteFaultAsync(context, rejected.Fault).ConfigureAwait(false);
                return;
            default:
                await WriteFaultAsync(context, new SoapFault(SoapFaultCode.Client, SoapFoutcodes.NietWelgevormd, "Geen verzoek.")).ConfigureAwait(false);
                return;
        }
        context.Response.ContentType = SoapWriter.ContentType;
        await SoapWriter.WriteAsync(context.Response.Body, response, ct).ConfigureAwait(false);
    }

    private static async Task WriteFaultAsync(HttpContext context, SoapFault fault)
    {
        context.Response.StatusCode = SoapFault.HttpStatusCode;
        context.Response.ContentType = SoapWriter.ContentType;
        await SoapWriter.WriteFaultAsync(context.Response.Body, fault, context.RequestAborted).ConfigureAwait(false);
    }
}
