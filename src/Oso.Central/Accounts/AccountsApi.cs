using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Oso.Central.Api;
using Oso.Central.Hosting;
using Oso.Central.Storage;

namespace Oso.Central.Accounts;

/// <summary>Signing in with password and TOTP, setting up two-factor authentication, and a school's Mijn OSO registration.</summary>
internal static class AccountsApi
{
    public sealed record Inloggen(string Email, string Wachtwoord, string? Code);

    public sealed record Aanmelding(string Brin, string Naam, string Email, string Wachtwoord, string? Telefoon);

    public sealed record TweestapsCode(string Code);

    public sealed record TweestapsSleutel(string Sleutel, string Uri);

    public sealed record Ik(string Email, string Naam, Rol Rol, string? Scope, AccountStatus Status, bool TweestapsVerificatie, bool TweestapsGebruikt);

    public static IServiceCollection AddCentralAuthentication(this IServiceCollection services)
    {
        services.AddIdentityApiEndpoints<CentralUser>(CentralServices.ConfigureIdentity).AddEntityFrameworkStores<CentralDb>();
        services.AddAuthorization();
        return services;
    }

    public static WebApplication MapAccountsApi(this WebApplication app)
    {
        var group = app.MapGroup("/api/account").WithTags("Account");
        group.MapPost("/inloggen", InloggenAsync).WithSummary("Aanmelden met e-mailadres, wachtwoord en (als ingesteld) TOTP-code; geeft een bearer-token.");
        group.MapPost("/aanmelden", AanmeldenAsync).WithSummary("Een school vraagt een Mijn OSO-account aan met haar BRIN; de servicedesk verifieert het.");
        group.MapGet("/", IkAsync).WithSummary("Het aangemelde account.");
        group.MapPost("/tweestaps/sleutel", SleutelAsync).WithSummary("Een nieuwe TOTP-sleutel voor de authenticator-app (zolang tweestapsverificatie nog uit staat).");
        group.MapPost("/tweestaps", InschakelenAsync).WithSummary("Tweestapsverificatie inschakelen met een code uit de authenticator-app.");
        return app;
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> InloggenAsync(Inloggen login, SignInManager<CentralUser> signIn)
    {
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(login.Email ?? "", login.Wachtwoord ?? "", isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
        {
            if (string.IsNullOrWhiteSpace(login.Code))
                return Problem(401, "account.code-nodig", "Geef ook de code uit uw authenticator-app (tweestapsverificatie staat aan).");
            result = await signIn.TwoFactorAuthenticatorSignInAsync(login.Code.Replace(" ", "", StringComparison.Ordinal), isPersistent: false, rememberClient: false);
        }
        if (result.IsLockedOut) return Problem(429, "account.geblokkeerd", "Te veel mislukte pogingen; probeer het over een kwartier opnieuw.");
        return result.Succeeded ? TypedResults.Empty : Problem(401, "account.inloggen", "E-mailadres, wachtwoord of code klopt niet.");
    }

    private static async Task<Results<Ok<GebruikerInfo>, ProblemHttpResult>> AanmeldenAsync(Aanmelding a, CentralAdmin admin, CancellationToken ct) =>
        ApiResults.From(await admin.Als(a.Email ?? "aanmelding").RegisterSchoolAccountAsync(a.Brin ?? "", a.Naam ?? "", a.Email ?? "", a.Wachtwoord ?? "", a.Telefoon, ct));

    private static async Task<Results<Ok<Ik>, ProblemHttpResult>> IkAsync(HttpContext context, UserManager<CentralUser> users)
    {
        var user = context.User.Identity?.IsAuthenticated == true ? await users.GetUserAsync(context.User) : null;
        if (user is null) return Problem(401, "account.niet-aangemeld", "Meld u eerst aan.");
        return TypedResults.Ok(new Ik(user.Email ?? "", user.Naam, user.Rol, user.Scope, user.Status, user.TwoFactorEnabled, context.User.HasClaim("amr", "mfa")));
    }

    private static async Task<Results<Ok<TweestapsSleutel>, ProblemHttpResult>> SleutelAsync(HttpContext context, UserManager<CentralUser> users)
    {
        var user = context.User.Identity?.IsAuthenticated == true ? await users.GetUserAsync(context.User) : null;
        if (user is null) return Problem(401, "account.niet-aangemeld", "Meld u eerst aan.");
        if (user.TwoFactorEnabled) return Problem(409, "account.tweestaps-aan", "Tweestapsverificatie staat al aan; een nieuwe sleutel kan alleen via de servicedesk.");
        await users.ResetAuthenticatorKeyAsync(user);
        var sleutel = await users.GetAuthenticatorKeyAsync(user) ?? "";
        return TypedResults.Ok(new TweestapsSleutel(sleutel, OtpauthUri(user.Email, sleutel)));
    }

    private static async Task<Results<Ok<Ik>, ProblemHttpResult>> InschakelenAsync(TweestapsCode code, HttpContext context, UserManager<CentralUser> users)
    {
        var user = context.User.Identity?.IsAuthenticated == true ? await users.GetUserAsync(context.User) : null;
        if (user is null) return Problem(401, "account.niet-aangemeld", "Meld u eerst aan.");
        var geldig = await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, (code.Code ?? "").Replace(" ", "", StringComparison.Ordinal));
        if (!geldig) return Problem(400, "account.code-onjuist", "Deze code klopt niet; controleer de tijd op uw telefoon en probeer de volgende code.");
        await users.SetTwoFactorEnabledAsync(user, true);
        return TypedResults.Ok(new Ik(user.Email ?? "", user.Naam, user.Rol, user.Scope, user.Status, true, false));
    }

    /// <summary>The key as an authenticator app reads it (typed in, or scanned as a QR code in the portal).</summary>
    public static string OtpauthUri(string? email, string sleutel) =>
        $"otpauth://totp/OpenOSO:{Uri.EscapeDataString(email ?? "")}?secret={sleutel}&issuer=OpenOSO&digits=6";

    private static ProblemHttpResult Problem(int status, string code, string tekst) =>
        TypedResults.Problem(statusCode: status, title: ApiResults.Titel(status), detail: tekst, type: ApiResults.TypePrefix + code);
}
