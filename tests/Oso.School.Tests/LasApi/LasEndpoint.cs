using System.Collections.Concurrent;
using System.Net;

namespace Oso.School.Tests.LasApi;

/// <summary>A stand-in for a LAS's webhook endpoint: keeps every request with its body and answers as told.</summary>
internal sealed class LasEndpoint : HttpMessageHandler
{
    public ConcurrentQueue<(HttpRequestMessage Request, byte[] Body)> Received { get; } = new();

    public Func<CancellationToken, Task<HttpResponseMessage>> Answer { get; set; } = _ => Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Received.Enqueue((request, await request.Content!.ReadAsByteArrayAsync(cancellationToken)));
        return await Answer(cancellationToken);
    }
}
