using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Oso.EndToEnd.Tests;

/// <summary>
/// A party between the bron and the doel that changes what the bron answers: while armed, every documentResponse an
/// aanleverpunt of the School node sends is passed through a rewrite before it goes on the wire. Unarmed, it only
/// passes requests on. Tests that arm it run one at a time within their class.
/// </summary>
public sealed class ResponseTamper
{
    private volatile Func<byte[], byte[]>? _rewrite;

    /// <summary>Rewrites documentResponses with <paramref name="rewrite"/> until the result is disposed.</summary>
    public IDisposable Arm(Func<byte[], byte[]> rewrite)
    {
        _rewrite = rewrite;
        return new Disarm(this);
    }

    /// <summary>The middleware as a startup filter.</summary>
    public IStartupFilter Filter() => new TamperFilter(this);

    private void Use(IApplicationBuilder app) => app.Use(async (HttpContext context, Func<Task> next) =>
    {
        var rewrite = _rewrite;
        if (rewrite is null || !HttpMethods.IsPost(context.Request.Method) || !context.Request.Path.StartsWithSegments("/oso/aanleverpunt"))
        {
            await next();
            return;
        }
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next();
        }
        finally
        {
            context.Response.Body = original;
        }
        var bytes = buffer.ToArray();
        if (System.Text.Encoding.UTF8.GetString(bytes).Contains("documentResponse", StringComparison.Ordinal)) bytes = rewrite(bytes);
        context.Response.ContentLength = bytes.Length;
        await original.WriteAsync(bytes, context.RequestAborted);
    });

    private sealed class Disarm(ResponseTamper tamper) : IDisposable
    {
        public void Dispose() => tamper._rewrite = null;
    }

    private sealed class TamperFilter(ResponseTamper tamper) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            tamper.Use(app);
            next(app);
        };
    }
}
