using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Oso.Hosting.Portal;

/// <summary>
/// A form posted to a page that has no handler for it (no <c>OnPost</c>, or an unknown <c>?handler=</c>) is refused with
/// 400 — instead of the page being rendered for a post it never prepared for (which failed with a 500).
/// </summary>
public sealed class UnknownHandlerFilter : IAsyncPageFilter
{
    /// <inheritdoc />
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var method = context.HttpContext.Request.Method;
        if (context.HandlerMethod is null && !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
        {
            context.Result = new BadRequestResult();
            return;
        }
        await next().ConfigureAwait(false);
    }
}
