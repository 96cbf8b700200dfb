using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Oso.Central.Api;
using Oso.Central.Hosting;
using Oso.Central.Storage;
using Oso.Hosting.Accounts;

namespace Oso.Central.Accounts;

/// <summary>Signing in with password and TOTP, setting up two-factor authentication, and a school's Mijn OSO registration.</summary>
internal static class AccountsApi
{
    public sealed record Inloggen(string Email, string Wachtwoord, string? Code, string? Herstelcode = null);

    public sealed record Aanmelding(string Brin, string Naam, string Email, string Wachtwoord, string? Telefoon);

    public sealed record TweestapsCode(string Code);

    public sealed record TweestapsSleutel(string Sleutel, string Uri);

    public sealed record Ik(string Email, string Naam, Rol Rol, string? Scope, AccountStatus Status, bool TweestapsVerificatie, bool TweestapsGebruikt);

    /// <summary>Two-step verification switched on: the account, and its recovery codes (shown this once).</summary>
    public sealed record TweestapsAan(Ik Account, IReadOnlyList<string> Herstelcodes);

    public static IServiceCollection AddCentralAuthentication(this IServiceCollection services)
    {
        services.AddIdentityApiEndpoints<CentralUser>(CentralServices.ConfigureIdentity).AddEntityFrameworkStores<CentralDb>()
            .AddOsoAccounts<CentralUser, CentralDb>();
        services.AddAuthorization();
        return services;
    }

    public static WebApplication MapAccountsApi(this WebApplication app)
    {
        var group = app.MapGroup("/api/account").WithTags("Account");
        group.MapPost("/inloggen", InloggenAsync).RequireRateLimiting(SignInRateLimits.Policy)
            .WithSummary("Aanmelden met e-mailadres, wachtwoord en (als ingesteld) TOTP-code of herstelcode; geeft een bearer-token.");
        group.MapPost("/aanmelden", AanmeldenAsync).RequireRateLimiting(SignInRateLimits.Policy)
            .WithSummary("Een school vraagt een Mijn OSO-account aan met haar BRIN; de servicedesk verifieert het.");
        group.MapGet("/", IkAsync).WithSummary("Het aangemelde account.");
        group.MapPost("/tweestaps/sleutel", SleutelAsync).RequireRateLimiting(SignInRateLimits.Policy)
            .WithSummary("Een nieuwe TOTP-sleutel voor de authenticator-app (zolang tweestapsverificatie nog uit staat).");
        group.MapPost("/tweestaps", InschakelenAsync).RequireRateLimiting(SignInRateLimits.Policy)
            .WithSummary("Tweestapsverificatie inschakelen met een code uit de authenticator-app; geeft eenmalig de herstelcodes.");
        return app;
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> InloggenAsync(Inloggen login, SignInManager<CentralUser> signIn, AccountSignIn<CentralUser> accounts)
    {
        var check = await accounts.CheckPasswordAsync(login.Email, login.Wachtwoord);
        // an unknown address and a wrong password: the same answer in the same time; a lockout only for the right password
        if (check.Outcome == PasswordOutcome.Wrong) return Problem(401, "account.inloggen", "E-mailadres, wachtwoord of code klopt niet.");
        if (check.Outcome == PasswordOutcome.LockedOut) return Geblokkeerd(check.LockedUntil);
        var user = check.User!;
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        if (!user.TwoFactorEnabled)
        {
            await signIn.SignInAsync(user, isPersistent: false);
            return TypedResults.Empty;
        }
        if (string.IsNullOrWhiteSpace(login.Code) && string.IsNullOrWhiteSpace(login.Herstelcode))
            return Problem(401, "account.code-nodig", "Geef ook de code uit uw authenticator-app (tweestapsverificatie staat aan), of een herstelcode.");
        var code = await accounts.CheckSecondFactorAsync(user, login.Code, login.Herstelcode);
        if (code.Outcome == CodeOutcome.LockedOut) return Geblokkeerd(code.LockedUntil);
        if (code.Outcome == CodeOutcome.Wrong) return Problem(401, "account.inloggen", "E-mailadres, wachtwoord of code klopt niet (een code werkt één keer).");
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [SecondFactor.MultiFactorClaim()]);
        return TypedResults.Empty;
    }

    private static ProblemHttpResult Geblokkeerd(DateTimeOffset? tot) =>
        Problem(429, "account.geblokkeerd", "Te veel mislukte pogingen; dit account is tijdelijk geblokkeerd."
            + (tot is { } t ? $" Probeer het na {Register.Kalender.Lokaal(t):HH:mm} uur opnieuw." : " Probeer het over een kwartier opnieuw."));

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

    private static async Task<Results<Ok<TweestapsAan>, ProblemHttpResult>> InschakelenAsync(TweestapsCode code, HttpContext context, UserManager<CentralUser> users,
        AccountSignIn<CentralUser> accounts)
    {
        var user = context.User.Identity?.IsAuthenticated == true ? await users.GetUserAsync(context.User) : null;
        if (user is null) return Problem(401, "account.niet-aangemeld", "Meld u eerst aan.");
        if (user.TwoFactorEnabled) return Problem(409, "account.tweestaps-aan", "Tweestapsverificatie staat al aan.");
        var result = await accounts.CheckSecondFactorAsync(user, code.Code);
        if (result.Outcome == CodeOutcome.LockedOut) return Geblokkeerd(result.LockedUntil);
        if (result.Outcome != CodeOutcome.Accepted) return Problem(400, "account.code-onjuist", "Deze code klopt niet; controleer de tijd op uw telefoon en probeer de volgende code.");
        await users.SetTwoFactorEnabledAsync(user, true);
        var herstelcodes = await accounts.NewRecoveryCodesAsync(user);
        return TypedResults.Ok(new TweestapsAan(new Ik(user.Email ?? "", user.Naam, user.Rol, user.Scope, user.Status, true, false), herstelcodes));
    }

    /// <summary>The key as an authenticator app reads it (typed in, or scanned as a QR code in the portal).</summary>
    public static string OtpauthUri(string? email, string sleutel) => AuthenticatorEnrolment.For(sleutel, "OpenOSO", email).Uri;

    private static ProblemHttpResult Problem(int status, string code, string tekst) =>
        TypedResults.Problem(statusCode: status, title: ApiResults.Titel(status), detail: tekst, type: ApiResults.TypePrefix + code);
}
