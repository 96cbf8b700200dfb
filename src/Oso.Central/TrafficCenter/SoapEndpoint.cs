using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Messages;
using Oso.Protocol.Security;
using Oso.Protocol.Soap;

namespace Oso.Central.TrafficCenter;

/// <summary>
/// Serves SOAP on the protocol listener: identifies the caller by its (re-validated) client certificate, reads the
/// request with the hardened reader, and maps the handler's answer to HTTP in one place — 200 with the response,
/// 500 with a fault for unreadable input, 403 with a fault when the certificate does not entitle the caller.
/// </summary>
internal static partial class SoapEndpoint
{
    /// <summary>Protocol requests to Central are small: a megabyte is far more than any of them needs.</summary>
    public static readonly SoapLimits Limits = SoapLimits.Default with { MaxMessageBytes = 1024 * 1024, MaxDepth = 16, MaxElements = 10_000 };

    /// <summary>The code in the fault detail of a 403.</summary>
    public const string NietGeautoriseerd = "TC.NietGeautoriseerd";

    public static async Task HandleAsync(HttpContext context, Func<SysteemId, OsoRequest, CancellationToken, Task<TcAntwoord>> handle)
    {
        var services = context.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Oso.Central.Soap");
        var ct = context.RequestAborted;
        context.Response.ContentType = SoapWriter.ContentType;
        // a request larger than the reader's limit is not read (or drained) any further by Kestrel either
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = Limits.MaxMessageBytes + 64 * 1024;

        var certificate = context.Connection.ClientCertificate ?? await context.Connection.GetClientCertificateAsync(ct);
        var check = services.GetRequiredService<OsoCertificateValidator>().ValidateClient(certificate);
        if (check is not CertificateCheck.Accepted { Systeem: { } systeem })
        {
            var reden = check is CertificateCheck.Refused r ? r.Omschrijving : "Het clientcertificaat noemt geen systeem.";
            LogCertificaat(logger, context.Request.Path);
            await FaultAsync(context, StatusCodes.Status403Forbidden, new SoapFault(SoapFaultCode.Client, NietGeautoriseerd, reden), ct);
            return;
        }

        var read = await SoapReader.ReadRequestAsync(context.Request.Body, Limits, ct);
        if (read is not SoapReadResult.Read { Message: OsoRequest request })
        {
            var fault = read is SoapReadResult.Rejected rejected ? rejected.Fault
                : SoapFault.Client(SoapFoutcodes.VerwachtVerzoek, "Hier wordt een OSO-verzoek verwacht.");
            LogFout(logger, systeem.Value, fault.Foutcode);
            await FaultAsync(context, SoapFault.HttpStatusCode, fault, ct);
            return;
        }

        TcAntwoord antwoord;
        try
        {
            antwoord = await handle(systeem, request, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogInterneFout(logger, e, systeem.Value, request.ElementName);
            await FaultAsync(context, SoapFault.HttpStatusCode, SoapFault.Server("Er ging intern iets mis; probeer het later opnieuw."), ct);
            return;
        }
        switch (antwoord)
        {
            case TcAntwoord.Bericht b:
                context.Response.StatusCode = StatusCodes.Status200OK;
                await SoapWriter.WriteAsync(context.Response.Body, b.Response, ct);
                break;
            case TcAntwoord.NietGeautoriseerd n:
                await FaultAsync(context, StatusCodes.Status403Forbidden, new SoapFault(SoapFaultCode.Client, NietGeautoriseerd, n.Tekst), ct);
                break;
            case TcAntwoord.NietHier h:
                await FaultAsync(context, SoapFault.HttpStatusCode, new SoapFault(SoapFaultCode.Client, SoapFoutcodes.OnbekendeOperatie, h.Tekst), ct);
                break;
        }
    }

    private static async Task FaultAsync(HttpContext context, int status, SoapFault fault, CancellationToken ct)
    {
        context.Response.StatusCode = status;
        await SoapWriter.WriteFaultAsync(context.Response.Body, fault, ct);
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "SOAP-verzoek op {Pad} zonder geldig clientcertificaat geweigerd")]
    private static partial void LogCertificaat(ILogger logger, string pad);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "SOAP-verzoek van systeem {Systeem} geweigerd met fout {Foutcode}")]
    private static partial void LogFout(ILogger logger, string systeem, string foutcode);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "Interne fout bij {Operatie} van systeem {Systeem}")]
    private static partial void LogInterneFout(ILogger logger, Exception exception, string systeem, string operatie);
}
