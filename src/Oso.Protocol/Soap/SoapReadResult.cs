using Oso.Protocol.Messages;

namespace Oso.Protocol.Soap;

/// <summary>What reading a SOAP message gave: the message, a fault to answer with, or a fault the sender sent.</summary>
public abstract record SoapReadResult
{
    private SoapReadResult()
    {
    }

    /// <summary>A valid OSO message.</summary>
    /// <param name="Message">The message.</param>
    public sealed record Read(OsoMessage Message) : SoapReadResult;

    /// <summary>The input could not be accepted; answer with (or report) this fault.</summary>
    /// <param name="Fault">Why, located when possible.</param>
    public sealed record Rejected(SoapFault Fault) : SoapReadResult;

    /// <summary>The input was a well-formed SOAP fault sent by the other side.</summary>
    /// <param name="Fault">The fault as received.</param>
    public sealed record FaultReceived(SoapFault Fault) : SoapReadResult;
}
