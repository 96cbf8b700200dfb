namespace Oso.Protocol.Soap;

/// <summary>Carries a fault out of the reader's nested code; always caught inside <see cref="SoapReader"/>.</summary>
#pragma warning disable CA1064 // internal by design: never escapes the reader
internal sealed class SoapReadException(SoapFault fault) : Exception(fault.Tekst)
#pragma warning restore CA1064
{
    public SoapFault Fault { get; } = fault;
}
