using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;

namespace Oso.Hosting.Portal;

/// <summary>When the current portal session ends (for the page's warning), set while the sign-in cookie is checked.</summary>
/// <param name="IdleEnd">Without another request, the session ends at this time.</param>
/// <param name="AbsoluteEnd">The session ends at this time at the latest, however active the person is.</param>
public sealed record PortalSessionState(DateTimeOffset IdleEnd, DateTimeOffset AbsoluteEnd);

/// <summary>
/// Portal sessions that last a working day and end cleanly, the same on both portals: a sliding idle timeout and an
/// absolute limit (<see cref="PortalSessionOptions"/>) on the sign-in cookie; the way back to the page after a session
/// ended (<see cref="SignInUrl"/>); and <c>/sessie</c>, where the page's script (<c>/assets/sessie.js</c>) reads when
/// the session ends and renews it when the person chooses "Ingelogd blijven".
/// </summary>
public static class PortalSessions
{
    /// <summary>
    /// The header a <c>POST</c> to <see cref="StatusPath"/> must carry to renew the session. A form on another site cannot
    /// send a custom header, and a cross-site script that tries needs a CORS preflight that the portal never allows, so
    /// no other site can keep a staff member's session alive; a <c>POST</c> without it only reads the state, like <c>GET</c>.
    /// </summary>
    public const string RenewHeader = "X-Oso-Sessie";

    /// <summary>The session endpoint: GET reads the session's end without renewing it, POST renews it.</summary>
    public const string StatusPath = "/sessie";

    /// <summary>The sign-in page of both portals.</summary>
    public const string SignInPath = "/inloggen";

    /// <summary>When the person signed in (UTC ticks), kept in the cookie's properties across renewals.</summary>
    private const string SignedInItem = ".oso.aangemeld";

    /// <summary>
    /// The cookie is renewed on a request at most once a minute (ASP.NET Core's own sliding expiration only renews after
    /// half the idle time, which would make a 20-minute timeout anything from 10 to 20 minutes).
    /// </summary>
    private static readonly TimeSpan RenewAfter = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Applies the session rules to a portal's sign-in cookie: idle timeout (sliding, renewed at most once a minute),
    /// absolute limit from the moment of signing in, and the sign-in page with the way back when a session has ended.
    /// Keeps whatever the cookie's events already do (Identity's security-stamp check) and runs it after the limit.
    /// </summary>
    public static void Apply(CookieAuthenticationOptions cookie, PortalSessionOptions session)
    {
        ArgumentNullException.ThrowIfNull(cookie);
        ArgumentNullException.ThrowIfNull(session);
        cookie.ExpireTimeSpan = session.IdleTimeout;
        cookie.SlidingExpiration = true;
        cookie.LoginPath = SignInPath;
        cookie.ReturnUrlParameter = "terug";
        var events = cookie.Events ?? new CookieAuthenticationEvents();
        cookie.Events = events;
        var validate = events.OnValidatePrincipal;
        var signingIn = events.OnSigningIn;
        var sliding = events.OnCheckSlidingExpiration;

        events.OnSigningIn = context =>
        {
            // a new sign-in starts the absolute limit; a refresh of the same sign-in (RefreshSignInAsync) keeps it
            context.Properties.Items.TryAdd(SignedInItem, Now(context.Options).UtcTicks.ToString(CultureInfo.InvariantCulture));
            return signingIn(context);
        };
        events.OnCheckSlidingExpiration = async context =>
        {
            await sliding(context).ConfigureAwait(false);
            if (IsStatusProbe(context.Request)) context.ShouldRenew = false;
        };
        events.OnValidatePrincipal = async context =>
        {
            var now = Now(context.Options);
            var signedIn = SignedInAt(context.Properties);
            if (signedIn is null)
            {
                // a cookie from before this rule: its limit counts from now
                signedIn = now;
                context.Properties.Items[SignedInItem] = now.UtcTicks.ToString(CultureInfo.InvariantCulture);
                context.ShouldRenew = true;
            }
            if (now - signedIn >= session.AbsoluteLimit)
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(context.Scheme.Name).ConfigureAwait(false);
                return;
            }
            await validate(context).ConfigureAwait(false);
            if (context.Principal?.Identity?.IsAuthenticated != true) return;
            if (IsStatusProbe(context.Request)) context.ShouldRenew = false;
            else if (context.Properties.IssuedUtc is { } issued && now - issued >= RenewAfter) context.ShouldRenew = true;
            var idleEnd = context.ShouldRenew ? now + session.IdleTimeout : context.Properties.ExpiresUtc ?? now + session.IdleTimeout;
            var absoluteEnd = signedIn.Value + session.AbsoluteLimit;
            context.HttpContext.Features.Set(new PortalSessionState(idleEnd < absoluteEnd ? idleEnd : absoluteEnd, absoluteEnd));
        };
        events.OnRedirectToLogin = context =>
        {
            context.Response.Redirect(SignInUrl(context.HttpContext, context.Options));
            return Task.CompletedTask;
        };
    }

    /// <summary>
    /// Keeps how the person signed in (the <c>amr</c> claim: <c>mfa</c> after the authenticator code) when Identity's
    /// security-stamp check rebuilds the principal from the database; without it a session lost its second factor — and
    /// with it every page — at the first check, a minute after signing in.
    /// </summary>
    public static Task KeepSignInMethod(SecurityStampRefreshingPrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.NewPrincipal?.Identity is ClaimsIdentity identity && context.CurrentPrincipal is { } current)
            foreach (var claim in current.FindAll("amr"))
                if (!identity.HasClaim("amr", claim.Value)) identity.AddClaim(new Claim("amr", claim.Value));
        return Task.CompletedTask;
    }

    /// <summary>
    /// The sign-in page with the way back to this request's page (a form's handler left out: after signing in the
    /// person comes back to the page, not to a repeat of the post) and <c>verlopen=true</c> when the request carried a
    /// session cookie that no longer counts, so the page can say the session ended.
    /// </summary>
    public static string SignInUrl(HttpContext http, CookieAuthenticationOptions cookie)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(cookie);
        var request = http.Request;
        var query = request.Query.Where(q => HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || !q.Key.Equals("handler", StringComparison.OrdinalIgnoreCase));
        var back = request.PathBase + request.Path + QueryString.Create(query);
        var url = SignInPath + "?terug=" + Uri.EscapeDataString(back);
        var name = cookie.Cookie.Name;
        return name is not null && (request.Cookies.ContainsKey(name) || request.Cookies.ContainsKey(name + "C1")) ? url + "&verlopen=true" : url;
    }

    /// <summary>
    /// Maps <c>/sessie</c> for the scheme of the portal's cookie: <c>GET</c> tells the page when the session ends without
    /// renewing it (a page left open in another tab does not keep a session alive), <c>POST</c> with
    /// <c>X-Oso-Sessie: verlengen</c> (<see cref="RenewHeader"/>) renews it ("Ingelogd blijven"). Answers
    /// <c>{"aangemeld": false}</c> when the session has ended. Antiforgery tokens are not used here: the header does their work.
    /// </summary>
    public static IEndpointRouteBuilder MapPortalSession(this IEndpointRouteBuilder endpoints, string scheme)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapMethods(StatusPath, [HttpMethods.Get, HttpMethods.Post], async (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            var result = await http.AuthenticateAsync(scheme).ConfigureAwait(false);
            var state = result.Succeeded ? http.Features.Get<PortalSessionState>() : null;
            return state is null
                ? Results.Json(new { aangemeld = false })
                : Results.Json(new { aangemeld = true, verlooptOp = state.IdleEnd, eindigtOp = state.AbsoluteEnd });
        }).ExcludeFromDescription().DisableAntiforgery();
        return endpoints;
    }

    // Every request to /sessie reads the session without renewing it, except a POST with the renewal header ("Ingelogd blijven").
    private static bool IsStatusProbe(HttpRequest request) =>
        request.Path.Equals(StatusPath, StringComparison.OrdinalIgnoreCase)
        && !(HttpMethods.IsPost(request.Method) && request.Headers[RenewHeader] == "verlengen");

    private static DateTimeOffset Now(AuthenticationSchemeOptions options) => (options.TimeProvider ?? TimeProvider.System).GetUtcNow();

    private static DateTimeOffset? SignedInAt(AuthenticationProperties properties) =>
        properties.Items.TryGetValue(SignedInItem, out var value) && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            ? new DateTimeOffset(ticks, TimeSpan.Zero)
            : null;
}
