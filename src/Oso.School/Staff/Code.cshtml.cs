using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Oso.School.Portal;
using QRCoder;

namespace Oso.School.Staff;

/// <summary>
/// Step two of signing in: the TOTP code. On the first sign-in the account has no authenticator yet: the page shows a
/// new key (QR code and text) and turns two-factor authentication on once a code from it checks out. Only a sign-in
/// with a code carries the <c>amr=mfa</c> claim the portal requires.
/// </summary>
public sealed class CodeModel(SignInManager<StaffUser> signIn) : PageModel
{
    /// <summary>The code.</summary>
    [BindProperty]
    public string? Code { get; set; }

    /// <summary>Where to go after signing in.</summary>
    [BindProperty(SupportsGet = true, Name = "terug")]
    public string? Terug { get; set; }

    /// <summary>First sign-in: set up the authenticator.</summary>
    public bool Instellen { get; private set; }

    /// <summary>The key, in groups of four.</summary>
    public string? SleutelGegroepeerd { get; private set; }

    /// <summary>The key as a QR code (PNG data URL).</summary>
    public string? QrDataUrl { get; private set; }

    /// <summary>The account.</summary>
    public string? Email { get; private set; }

    /// <summary>Errors.</summary>
    public FormErrors Errors { get; } = new();

    /// <summary>Shows the code step (or the set-up).</summary>
    public async Task<IActionResult> OnGetAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return Redirect("/inloggen");
        await PrepareAsync(user);
        return Page();
    }

    /// <summary>Checks the code and signs in.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return Redirect("/inloggen");
        var code = TotpProvider.Normalize(Code);
        if (code is null)
        {
            Errors.Add("code", "Vul de code van 6 cijfers uit uw authenticator-app in.");
            await PrepareAsync(user);
            return Page();
        }
        var users = signIn.UserManager;
        if (user.TwoFactorEnabled)
        {
            var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
            if (result.Succeeded) return Redirect(Next());
            Errors.Add("code", result.IsLockedOut
                ? "Te veel mislukte pogingen: dit account is een kwartier geblokkeerd."
                : "Deze code klopt niet (of is al gebruikt). Wacht op de volgende code en probeer het opnieuw.");
            await PrepareAsync(user);
            return Page();
        }

        if (await users.IsLockedOutAsync(user) || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            await users.AccessFailedAsync(user);
            Errors.Add("code", await users.IsLockedOutAsync(user)
                ? "Te veel mislukte pogingen: dit account is een kwartier geblokkeerd."
                : "Deze code klopt niet. Controleer of de app de sleutel hierboven gebruikt en of de klok van uw telefoon goed staat.");
            await PrepareAsync(user);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        await users.ResetAccessFailedCountAsync(user);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "mfa")]);
        await HttpContext.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        return Redirect(Next());
    }

    private string Next() => Url.IsLocalUrl(Terug) && !Terug!.StartsWith("/inloggen", StringComparison.Ordinal) ? Terug : "/";

    private async Task PrepareAsync(StaffUser user)
    {
        PortalLayout.Plain(ViewData, user.TwoFactorEnabled ? "Code invullen" : "Tweestapsverificatie instellen");
        Instellen = !user.TwoFactorEnabled;
        if (!Instellen) return;
        var users = signIn.UserManager;
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? "";
        }
        Email = user.Email;
        SleutelGegroepeerd = string.Join(' ', key.Chunk(4).Select(c => new string(c)));
        var uri = $"otpauth://totp/{Uri.EscapeDataString("OpenOSO School:" + user.Email)}?secret={key}&issuer={Uri.EscapeDataString("OpenOSO School")}&digits=6&period=30";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        QrDataUrl = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
    }
}
