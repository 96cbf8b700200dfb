using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Oso.Protocol.Soap;

namespace Oso.Hosting.Listeners;

/// <summary>
/// What the SOAP endpoints of both hosts (the Traffic Center, the test school, every aanleverpunt) do around the
/// reader, in one place: refuse before reading what need not be read (a media type other than <c>text/xml</c>: HTTP
/// 415; a declared length over the limit: <see cref="SoapFoutcodes.TeGroot"/>), write faults, and turn an unexpected
/// exception into a Server fault logged by type only — never a 500 page, a stack trace or a value from the request.
/// </summary>
public static partial class SoapHttp
{
    /// <summary>The media type SOAP 1.1 uses (any parameters, such as the charset, are allowed).</summary>
    public const string MediaType = "text/xml";

    /// <summary>HTTP status of a request in another media type.</summary>
    public const int UnsupportedMediaTypeStatus = StatusCodes.Status415UnsupportedMediaType;

    /// <summary>
    /// The limits for protocol requests: every request a host serves today (overdracht, sessiecontrole, afmelding,
    /// notificaties, documentRequest) is a few kilobytes, so a megabyte is far more than any needs.
    /// </summary>
    public static SoapLimits RequestLimits { get; } = SoapLimits.Default with { MaxMessageBytes = 1024 * 1024, MaxDepth = 16, MaxElements = 10_000 };

    /// <summary>
    /// Checks what can be refused before the body is read, and caps what Kestrel will read. Writes the fault and
    /// returns false when the request is refused.
    /// </summary>
    public static async Task<bool> AcceptAsync(HttpContext context, SoapLimits limits)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(limits);
        // a body larger than the reader's limit is not read (or drained) any further by Kestrel either
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limits.MaxMessageBytes + 64 * 1024;
        if (!IsSoapMediaType(context.Request.ContentType))
        {
            await WriteFaultAsync(context, UnsupportedMediaTypeStatus, SoapFault.Client(SoapFoutcodes.Mediatype,
                $"Een OSO-bericht is SOAP 1.1 met Content-Type {MediaType}; dit verzoek heeft een ander of geen Content-Type.")).ConfigureAwait(false);
            return false;
        }
        if (context.Request.ContentLength > limits.MaxMessageBytes)
        {
            await WriteFaultAsync(context, SoapFault.HttpStatusCode, SoapFault.Client(SoapFoutcodes.TeGroot,
                $"Het bericht is groter dan {limits.MaxMessageBytes} bytes en wordt niet gelezen.")).ConfigureAwait(false);
            return false;
        }
        return true;
    }

    /// <summary>Writes <paramref name="fault"/> with <paramref name="status"/> (500 for SOAP faults; 403 or 415 where the host says so).</summary>
    public static async Task WriteFaultAsync(HttpContext context, int status, SoapFault fault)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        context.Response.ContentType = SoapWriter.ContentType;
        await SoapWriter.WriteFaultAsync(context.Response.Body, fault, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// The answer to a bug or broken infrastructure while handling <paramref name="operation"/>: a Server fault
    /// (<see cref="SoapFoutcodes.InterneFout"/>); the log gets the exception's type and where it was thrown, never its
    /// message (which could quote a value from the request, such as a PGN).
    /// </summary>
    public static Task InternalErrorAsync(HttpContext context, ILogger logger, Exception exception, string caller, string operation)
    {
        ArgumentNullException.ThrowIfNull(exception);
        LogInternalError(logger, operation, caller, exception.GetType().FullName ?? "?", exception.TargetSite is { } site ? $"{site.DeclaringType?.FullName}.{site.Name}" : "?");
        return WriteFaultAsync(context, SoapFault.HttpStatusCode, SoapFault.Server("Er ging intern iets mis; probeer het later opnieuw."));
    }

    /// <summary>True for <c>text/xml</c> with any parameters.</summary>
    public static bool IsSoapMediaType(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) && string.Equals(parsed.MediaType, MediaType, StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "Interne fout bij {Operatie} van systeem {Systeem}: {Type} in {Plaats}")]
    private static partial void LogInternalError(ILogger logger, string operatie, string systeem, string type, string plaats);
}
