using System.Net;
using System.Net.Http.Headers;
using Oso.Protocol.Messages;
using Oso.Protocol.Soap;

namespace Oso.Protocol.Client;

/// <summary>HTTP content that writes a SOAP message straight into the request stream.</summary>
internal sealed class SoapContent : HttpContent
{
    private readonly OsoMessage _message;

    public SoapContent(OsoMessage message)
    {
        _message = message;
        Headers.ContentType = MediaTypeHeaderValue.Parse(SoapWriter.ContentType);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SoapWriter.WriteAsync(stream, _message);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        SoapWriter.WriteAsync(stream, _message, cancellationToken);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
