using Microsoft.AspNetCore.Identity;
using QRCoder;

namespace Oso.Hosting.Accounts;

/// <summary>The key a person types or scans into an authenticator app, as both portals show it.</summary>
/// <param name="Key">The key (base32, as the app wants it).</param>
/// <param name="Uri">The <c>otpauth://</c> URI (what the QR code holds).</param>
public sealed record AuthenticatorEnrolment(string Key, string Uri)
{
    /// <summary>The key in groups of four, to type over.</summary>
    public string Grouped => string.Join(' ', Key.Chunk(4).Select(c => new string(c)));

    /// <summary>The QR code as a PNG data URL, made in the process (no outside service sees the key).</summary>
    public string QrDataUrl()
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(Uri, QRCodeGenerator.ECCLevel.M);
        return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
    }

    /// <summary>The key for an account (<paramref name="issuer"/> names the service in the app): <c>otpauth://totp/ISSUER:ACCOUNT?…</c>.</summary>
    public static AuthenticatorEnrolment For(string key, string issuer, string? account) => new(key,
        $"otpauth://totp/{System.Uri.EscapeDataString(issuer)}:{System.Uri.EscapeDataString(account ?? "")}?secret={key}&issuer={System.Uri.EscapeDataString(issuer)}&digits=6&period=30");

    /// <summary>
    /// The account's authenticator key, made when it has none; <paramref name="created"/> says whether it was just made
    /// (which renews the security stamp: the caller refreshes its own session).
    /// </summary>
    public static async Task<(string Key, bool Created)> KeyAsync<TUser>(UserManager<TUser> users, TUser user) where TUser : class
    {
        ArgumentNullException.ThrowIfNull(users);
        var key = await users.GetAuthenticatorKeyAsync(user).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(key)) return (key, false);
        await users.ResetAuthenticatorKeyAsync(user).ConfigureAwait(false);
        return (await users.GetAuthenticatorKeyAsync(user).ConfigureAwait(false) ?? "", true);
    }
}
