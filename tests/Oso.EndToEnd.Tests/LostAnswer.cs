using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Oso.EndToEnd.Tests;

/// <summary>
/// Loses the Traffic Center's answer to the next overdrachtRequest (or another request named when armed) after the TC
/// handled it: the session is granted and committed, then the connection is cut instead of answered. For the doel this is what a SIGKILL of its own instance
/// between the TC's grant and keeping the session leaves behind (nothing kept, the work retried later), and what a TC
/// instance killed after its commit leaves. Unarmed, it only passes requests on. Tests that arm it run one at a time.
/// </summary>
public sealed class LostAnswer
{
    private int _armed;
    private volatile string _element = "overdrachtRequest";

    /// <summary>How many answers were lost.</summary>
    public int Lost => _lost;

    private int _lost;

    /// <summary>Loses the answer to the next request whose body names <paramref name="element"/> (once).</summary>
    public void ArmOnce(string element = "overdrachtRequest")
    {
        _element = element;
        Interlocked.Exchange(ref _armed, 1);
    }

    /// <summary>The middleware, first in Central's pipeline.</summary>
    public void Use(WebApplication app) => app.Use(async (HttpContext context, Func<Task> next) =>
    {
        if (Volatile.Read(ref _armed) == 0 || !HttpMethods.IsPost(context.Request.Method))
        {
            await next();
            return;
        }
        context.Request.EnableBuffering();
        using var request = new MemoryStream();
        await context.Request.Body.CopyToAsync(request, context.RequestAborted);
        context.Request.Body.Position = 0;
        if (!System.Text.Encoding.UTF8.GetString(request.ToArray()).Contains(_element, StringComparison.Ordinal)
            || Interlocked.Exchange(ref _armed, 0) == 0)
        {
            await next();
            return;
        }
        var original = context.Response.Body;
        using var answer = new MemoryStream();
        context.Response.Body = answer;
        try
        {
            await next(); // the TC grants and commits
        }
        finally
        {
            context.Response.Body = original;
        }
        Interlocked.Increment(ref _lost);
        context.Abort(); // ... and the answer never reaches the doel
    });
}
