using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Oso.Hosting.Listeners;
using Oso.Protocol.Messages;
using Oso.Protocol.Security;
using Oso.Protocol.Soap;
using Oso.School.Bron;
using Oso.School.Doel;

namespace Oso.School.Protocol;

/// <summary>
/// The node's protocol endpoint: one per aanleverpunt, on the mutual-TLS listener. The caller is the system in its
/// client certificate (which the listener validated); bron and doel bind every message to the system that may send it.
/// Answers as the Traffic Center does (<see cref="SoapHttp"/>): 200 with a response, 500 with a SOAP fault for
/// unreadable input or an internal error, 415 for a media type other than text/xml.
/// </summary>
public static class ProtocolEndpoints
{
    /// <summary>Maps <c>POST /oso/aanleverpunt/{routeringskenmerk}</c>.</summary>
    public static IEndpointRouteBuilder MapSchoolProtocol(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/oso/aanleverpunt/{aanleverpunt}", HandleAsync).OnProtocolListener().DisableAntiforgery();
        return endpoints;
    }

    private static async Task HandleAsync(string aanleverpunt, HttpContext context, DocumentRequests documents, Notifications notifications, Swv.SwvDossiers swv)
    {
        var ct = context.RequestAborted;
        var caller = context.Connection.ClientCertificate is { } certificate ? CertificateNames.Systeem(certificate) : null;
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
                    response = await documents.HandleAsync(aanleverpunt, document, caller, ct).ConfigureAwait(false);
                    break;
                case NotificatieRequest notificatie:
                    response = await notifications.HandleAsync(aanleverpunt, notificatie, caller, ct).ConfigureAwait(false);
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
        context.Response.ContentType = SoapWriter.ContentType;
        await SoapWriter.WriteAsync(context.Response.Body, response, ct).ConfigureAwait(false);
    }
}
