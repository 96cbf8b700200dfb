using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Oso.Hosting.Listeners;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Messages;
using Oso.Protocol.Security;
using Oso.Protocol.Soap;

namespace Oso.Central.TrafficCenter;

/// <summary>
/// Serves SOAP on the protocol listener: identifies the caller by its (re-validated) client certificate, reads the
/// request with the hardened reader, and maps the handler's answer to HTTP in one place — 200 with the response,
/// 500 with a fault for unreadable input, 403 with a fault when the certificate does not entitle the caller, 415 with a
/// fault for a media type other than text/xml (see <see cref="SoapHttp"/>).
/// </summary>
internal static partial class SoapEndpoint
{
    /// <summary>The code in the fault detail of a 403.</summary>
    public const string NietGeautoriseerd = "TC.NietGeautoriseerd";

    public static async Task HandleAsync(HttpContext context, Func<SysteemId, OsoRequest, CancellationToken, Task<TcAntwoord>> handle)
    {
        var services = context.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Oso.Central.Soap");
        var ct = context.RequestAborted;
        context.Response.ContentType = SoapWriter.ContentType;

        var certificate = context.Connection.ClientCertificate ?? await context.Connection.GetClientCertificateAsync(ct);
        var check = services.GetRequiredService<OsoCertificateValidator>().ValidateClient(certificate);
        if (check is not CertificateCheck.Accepted { Systeem: { } systeem })
        {
            var reden = check is CertificateCheck.Refused r ? r.Omschrijving : "Het clientcertificaat noemt geen systeem.";
            LogCertificaat(logger, context.Request.Path);
            await SoapHttp.WriteFaultAsync(context, StatusCodes.Status403Forbidden, new SoapFault(SoapFaultCode.Client, NietGeautoriseerd, reden));
            return;
        }
        if (!await SoapHttp.AcceptAsync(context, SoapHttp.RequestLimits)) return; // not text/xml (415), or declared too large (TeGroot): body not read

        var read = await SoapReader.ReadRequestAsync(context.Request.Body, SoapHttp.RequestLimits, ct);
        if (read is not SoapReadResult.Read { Message: OsoRequest request })
        {
            var fault = read is SoapReadResult.Rejected rejected ? rejected.Fault
                : SoapFault.Client(SoapFoutcodes.VerwachtVerzoek, "Hier wordt een OSO-verzoek verwacht.");
            LogFout(logger, systeem.Value, fault.Foutcode);
            await SoapHttp.WriteFaultAsync(context, SoapFault.HttpStatusCode, fault);
            return;
        }

        TcAntwoord antwoord;
        try
        {
            antwoord = await handle(systeem, request, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await SoapHttp.InternalErrorAsync(context, logger, e, systeem.Value, request.ElementName);
            return;
        }
        switch (antwoord)
        {
            case TcAntwoord.Bericht b:
                context.Response.StatusCode = StatusCodes.Status200OK;
                await SoapWriter.WriteAsync(context.Response.Body, b.Response, ct);
                break;
            case TcAntwoord.NietGeautoriseerd n:
                await SoapHttp.WriteFaultAsync(context, StatusCodes.Status403Forbidden, new SoapFault(SoapFaultCode.Client, NietGeautoriseerd, n.Tekst));
                break;
            case TcAntwoord.NietHier h:
                await SoapHttp.WriteFaultAsync(context, SoapFault.HttpStatusCode, new SoapFault(SoapFaultCode.Client, SoapFoutcodes.OnbekendeOperatie, h.Tekst));
                break;
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "SOAP-verzoek op {Pad} zonder geldig clientcertificaat geweigerd")]
    private static partial void LogCertificaat(ILogger logger, string pad);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "SOAP-verzoek van systeem {Systeem} geweigerd met fout {Foutcode}")]
    private static partial void LogFout(ILogger logger, string systeem, string foutcode);
}
