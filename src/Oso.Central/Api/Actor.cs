using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Oso.Central.Accounts;
using Oso.Hosting.Http;
using Oso.Protocol.Security;

namespace Oso.Central.Api;

/// <summary>
/// Who calls the management API: a person (Identity bearer token; active account; signed in with two-factor
/// authentication) or a system (its client certificate on the portal listener, as a supplier scoped to itself).
/// Resolved once per request, from the database, so a blocked account or revoked certificate stops at once.
/// </summary>
internal sealed record Actor(string Door, Rol Rol, string? Scope, bool IsSysteem)
{
    private const string ItemKey = "oso.actor";
    private static readonly Actor Niemand = new("-", Rol.School, "\0", false);

    /// <summary>Minimal-API binding: always succeeds; <see cref="ActorGate"/> refused what is not allowed before.</summary>
    public static async ValueTask<Actor?> BindAsync(HttpContext context) => (await ResolveAsync(context)).Actor ?? Niemand;

    public static async Task<(Actor? Actor, Fout? Fout, int Status)> ResolveAsync(HttpContext context)
    {
        if (context.Items.TryGetValue(ItemKey, out var cached) && cached is ValueTuple<Actor?, Fout?, int> hit) return hit;
        var result = await ComputeAsync(context);
        context.Items[ItemKey] = result;
        return result;
    }

    private static async Task<(Actor?, Fout?, int)> ComputeAsync(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated == true)
        {
            var users = context.RequestServices.GetRequiredService<UserManager<CentralUser>>();
            var user = await users.GetUserAsync(context.User);
            if (user is null) return (null, Fout.Geweigerd("account.onbekend", "Dit account bestaat niet meer."), 401);
            if (user.Status != AccountStatus.Actief)
                return (null, Fout.Geweigerd("account.niet-actief", user.Status == AccountStatus.Aangevraagd
                    ? "Uw account wacht op verificatie door de OSO-servicedesk."
                    : "Uw account is geblokkeerd; neem contact op met de OSO-servicedesk."), 403);
            if (!user.TwoFactorEnabled || !context.User.HasClaim("amr", "mfa"))
                return (null, Fout.Geweigerd("account.tweestaps", "Meld u aan met tweestapsverificatie (TOTP) om deze gegevens te zien; stel die zo nodig eerst in via /api/account/tweestaps."), 403);
            return (new Actor(user.Email ?? user.Id, user.Rol, user.Scope, false), null, 200);
        }
        var certificate = context.Connection.ClientCertificate;
        if (certificate is not null
            && context.RequestServices.GetRequiredService<OsoCertificateValidator>().ValidateClient(certificate) is CertificateCheck.Accepted { Systeem: { } systeem })
            return (new Actor("systeem " + systeem.Value, Rol.Leverancier, systeem.Value, true), null, 200);
        return (null, Fout.Geweigerd("account.niet-aangemeld", "Meld u eerst aan (POST /api/account/inloggen) en stuur het token mee als 'Authorization: Bearer …'."), 401);
    }
}

/// <summary>
/// Lets only the given roles through (with their scope checked by each endpoint against the actor) — before the
/// endpoint reads the request, so a caller without the right gets 401/403 whatever the body holds.
/// </summary>
internal sealed class ActorGate(params Rol[] rollen) : IEndpointGate
{
    public async ValueTask<IResult?> CheckAsync(HttpContext context)
    {
        var (actor, fout, status) = await Actor.ResolveAsync(context);
        if (actor is null)
            return TypedResults.Problem(statusCode: status, title: ApiResults.Titel(status), detail: fout!.Tekst, type: ApiResults.TypePrefix + fout.Code);
        if (!rollen.Contains(actor.Rol))
            return TypedResults.Problem(statusCode: 403, title: ApiResults.Titel(403), type: ApiResults.TypePrefix + "rol",
                detail: $"Dit deel van de API is voor {string.Join(" of ", rollen.Select(Naam))}; u bent aangemeld als {Naam(actor.Rol)}.");
        return null;
    }

    private static string Naam(Rol rol) => rol switch
    {
        Rol.Beheerder => "beheerders",
        Rol.School => "scholen",
        Rol.Bestuur => "besturen",
        _ => "leveranciers",
    };
}

internal static class ActorExtensions
{
    public static RouteGroupBuilder Voor(this RouteGroupBuilder group, params Rol[] rollen)
    {
        return group.WithGate(new ActorGate(rollen));
    }

    public static string? UserId(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);
}
