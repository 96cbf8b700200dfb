using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Oso.EndToEnd.Tests;

/// <summary>One SOAP exchange as it went over the wire: who answered, the path, both bodies and the HTTP status.</summary>
public sealed record WireExchange(string Host, string Path, byte[] Request, byte[] Response, int Status);

/// <summary>
/// Records every SOAP exchange (POST under <c>/oso/</c>) a host serves, request and response bytes as sent, by
/// middleware in front of the host's own pipeline.
/// </summary>
public sealed class WireCapture
{
    public ConcurrentQueue<WireExchange> Exchanges { get; } = new();

    /// <summary>The middleware, for a host named <paramref name="host"/>.</summary>
    public void Use(IApplicationBuilder app, string host) => app.Use(async (HttpContext context, Func<Task> next) =>
    {
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.Path.StartsWithSegments("/oso"))
        {
            await next();
            return;
        }
        // the request as the endpoint reads it: a body it refuses unread (a declared length over the limit) is not read here either
        var body = context.Request.Body;
        using var request = new MemoryStream();
        context.Request.Body = new ReadCopyStream(body, request);
        var original = context.Response.Body;
        using var response = new MemoryStream();
        context.Response.Body = new TeeStream(original, response);
        try
        {
            await next();
        }
        finally
        {
            context.Response.Body = original;
            context.Request.Body = body;
            Exchanges.Enqueue(new WireExchange(host, context.Request.Path.Value ?? "", request.ToArray(), response.ToArray(), context.Response.StatusCode));
        }
    });

    /// <summary>The same middleware as a startup filter (for a host configured through its services).</summary>
    public IStartupFilter Filter(string host) => new CaptureFilter(this, host);

    private sealed class CaptureFilter(WireCapture capture, string host) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            capture.Use(app, host);
            next(app);
        };
    }

    /// <summary>Writes go to the response and to a copy.</summary>
    private sealed class TeeStream(Stream target, Stream copy) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => target.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => target.FlushAsync(cancellationToken);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            copy.Write(buffer, offset, count);
            target.Write(buffer, offset, count);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            copy.Write(buffer.Span);
            await target.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
