using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Oso.Central.Accounts;
using QRCoder;

namespace Oso.Central.Portal.Account;

/// <summary>
/// First sign-in: setting up two-factor authentication. Shows the key (typed in, or scanned as a QR code made here,
/// not by an outside service) and switches it on with a code from the app; the session then counts as signed in with
/// two factors.
/// </summary>
[Voor(Toegang.Aangemeld)]
internal sealed class TweestapsModel(SignInManager<CentralUser> signIn, UserManager<CentralUser> users) : PortaalPagina
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Terug { get; set; }

    /// <summary>The key (base32) as the app wants it.</summary>
    public string Sleutel { get; private set; } = "";

    /// <summary>The key in groups of four, to type over.</summary>
    public string SleutelLeesbaar => string.Join(" ", Sleutel.Chunk(4).Select(c => new string(c))).ToLowerInvariant();

    /// <summary>The QR code as a PNG data URI.</summary>
    public string QrCode { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Redirect("/inloggen");
        if (user.TwoFactorEnabled) return Redirect(Ik.Start);
        await LaadSleutelAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Redirect("/inloggen");
        if (user.TwoFactorEnabled) return Redirect(Ik.Start);
        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (code.Length != 6 || !code.All(char.IsAsciiDigit)) Fouten.Add("code", "Vul de code van zes cijfers uit uw authenticator-app in.");
        else if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
            Fouten.Add("code", "Deze code klopt niet. Controleer of u de sleutel goed hebt overgenomen en of de tijd op uw telefoon juist staat.");
        if (Fouten.Any)
        {
            await LaadSleutelAsync(user);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        // the person has just shown both factors: sign in again as such (the security stamp changed with the setting)
        signIn.AuthenticationScheme = PortaalAanmelding.Schema;
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "mfa")]);
        PortaalAanmelding.Vergeet(HttpContext);
        return MetMelding(InloggenModel.IsLokaal(Terug) ? Terug! : PortaalGebruiker.StartVoor(user.Rol), Meldingen.TweestapsAan);
    }

    private async Task LaadSleutelAsync(CentralUser user)
    {
        var sleutel = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(sleutel))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            sleutel = await users.GetAuthenticatorKeyAsync(user) ?? "";
            // a new key changes the security stamp: keep this session
            signIn.AuthenticationScheme = PortaalAanmelding.Schema;
            await signIn.RefreshSignInAsync(user);
        }
        Sleutel = sleutel;
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(AccountsApi.OtpauthUri(user.Email, sleutel), QRCodeGenerator.ECCLevel.M);
        QrCode = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
    }
}
