using Oso.Protocol.Messages;
using Oso.Protocol.Soap;

namespace Oso.Protocol.Client;

/// <summary>What kind of failure a call had.</summary>
public enum OsoCallFailureKind
{
    /// <summary>The other side answered with a SOAP fault.</summary>
    SoapFout,

    /// <summary>The other side answered with an HTTP status that is not a SOAP answer.</summary>
    HttpStatus,

    /// <summary>The TLS handshake failed (certificate refused on either side, protocol mismatch).</summary>
    Tls,

    /// <summary>No connection, or it broke off.</summary>
    Verbinding,

    /// <summary>No answer within the timeout.</summary>
    Timeout,

    /// <summary>The answer was not a valid OSO SOAP message.</summary>
    OngeldigAntwoord,

    /// <summary>A valid OSO message, but not the answer to this request.</summary>
    OnverwachtAntwoord,
}

/// <summary>Why a call failed: kind and a Dutch description fit for a transfer trace (never pupil data).</summary>
/// <param name="Soort">The kind of failure.</param>
/// <param name="Omschrijving">Dutch description naming the called host.</param>
public sealed record OsoCallFailure(OsoCallFailureKind Soort, string Omschrijving)
{
    /// <summary>The fault, for <see cref="OsoCallFailureKind.SoapFout"/> and <see cref="OsoCallFailureKind.OngeldigAntwoord"/>.</summary>
    public SoapFault? Fault { get; init; }

    /// <summary>The HTTP status, when an HTTP answer came.</summary>
    public int? HttpStatus { get; init; }

    /// <summary>
    /// The call never got an answer from the service itself: the connection failed, broke off or ended without an answer
    /// (a killed instance behind the balancer looks like this), or a balancer said the service was unavailable. A
    /// refusal (SOAP fault, other HTTP status, invalid answer) and a timeout are not: asking again would not help, or
    /// would take longer than the caller waits.
    /// </summary>
    public bool IsTransport => Soort is OsoCallFailureKind.Tls or OsoCallFailureKind.Verbinding
        || (Soort == OsoCallFailureKind.HttpStatus && HttpStatus is 502 or 503 or 504);
}

/// <summary>The outcome of a call: the typed response, or a typed failure.</summary>
/// <typeparam name="TResponse">The operation's response type.</typeparam>
public abstract record OsoCallResult<TResponse>
    where TResponse : OsoResponse
{
    private OsoCallResult()
    {
    }

    /// <summary>The response arrived.</summary>
    /// <param name="Response">The response.</param>
    public sealed record Success(TResponse Response) : OsoCallResult<TResponse>;

    /// <summary>The call failed.</summary>
    /// <param name="Fout">Why.</param>
    public sealed record Failure(OsoCallFailure Fout) : OsoCallResult<TResponse>;
}
