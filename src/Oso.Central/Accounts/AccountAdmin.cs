using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Oso.Hosting.Accounts;
using Oso.Central.Accounts;
using Oso.Central.Mail;

namespace Oso.Central;

/// <summary>A new account for a person.</summary>
/// <param name="Email">E-mail address (the login name).</param>
/// <param name="Naam">The person's name.</param>
/// <param name="Wachtwoord">At least 12 characters.</param>
/// <param name="Rol">What the account may do.</param>
/// <param name="Scope">BRIN (School), board id (Bestuur) or system id (Leverancier); null for Beheerder.</param>
public sealed record NieuweGebruiker(string Email, string Naam, string Wachtwoord, Rol Rol, string? Scope);

/// <summary>An account.</summary>
public sealed record GebruikerInfo(string Id, string Email, string Naam, Rol Rol, string? Scope, AccountStatus Status, bool TweestapsVerificatie,
    DateTimeOffset AangemaaktOp, DateTimeOffset? GeverifieerdOp)
{
    /// <summary>The phone number the contact gave with the request (for the operator's check; not in the API's answers).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? Telefoon { get; init; }
}

public sealed partial class CentralAdmin
{
    /// <summary>Creates an active account (operators create board, supplier and operator accounts; schools register themselves).</summary>
    public Task<Uitkomst<GebruikerInfo>> AddUserAsync(NieuweGebruiker gebruiker, CancellationToken cancellationToken = default) =>
        CreateUserAsync(gebruiker, AccountStatus.Actief, null, cancellationToken);

    /// <summary>
    /// A school registers for Mijn OSO with its BRIN and a contact; the account waits until an operator verifies it
    /// (<see cref="VerifyAccountAsync"/>).
    /// </summary>
    public Task<Uitkomst<GebruikerInfo>> RegisterSchoolAccountAsync(string brin, string naam, string email, string wachtwoord, string? telefoon,
        CancellationToken cancellationToken = default) =>
        CreateUserAsync(new NieuweGebruiker(email, naam, wachtwoord, Rol.School, brin), AccountStatus.Aangevraagd, telefoon, cancellationToken);

    private async Task<Uitkomst<GebruikerInfo>> CreateUserAsync(NieuweGebruiker g, AccountStatus status, string? telefoon, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(g);
        if (string.IsNullOrWhiteSpace(g.Naam)) return Fout.Ongeldig("account.naam", "Geef de naam van de contactpersoon.");
        await using (var db = await DbAsync(ct))
        {
            var scopeBestaat = g.Rol switch
            {
                Rol.Beheerder => g.Scope is null,
                Rol.School => await db.Scholen.AnyAsync(s => s.Brin == g.Scope, ct),
                Rol.Bestuur => await db.Besturen.AnyAsync(b => b.Id == g.Scope, ct),
                Rol.Leverancier => await db.Systemen.AnyAsync(s => s.Id == g.Scope, ct),
                _ => false,
            };
            if (!scopeBestaat)
                return Fout.NietGevonden("account.scope", g.Rol switch
                {
                    Rol.Beheerder => "Een beheerdersaccount hoort niet bij een school, bestuur of systeem.",
                    Rol.School => $"School {g.Scope} staat niet in het OSO-register; neem contact op met de servicedesk.",
                    Rol.Bestuur => $"Bestuur '{g.Scope}' bestaat niet.",
                    _ => $"Systeem '{g.Scope}' bestaat niet.",
                });
        }
        return await WithUsersAsync<Uitkomst<GebruikerInfo>>(async users =>
        {
            if (await users.FindByEmailAsync(g.Email) is not null) return Fout.Conflict("account.bestaat", $"Er is al een account met e-mailadres {g.Email}.");
            var user = new CentralUser
            {
                UserName = g.Email, Email = g.Email, Naam = g.Naam.Trim(), Rol = g.Rol, Scope = g.Scope, Telefoon = telefoon, Status = status,
                AangemaaktOp = Nu, GeverifieerdOp = status == AccountStatus.Actief ? Nu : null, GeverifieerdDoor = status == AccountStatus.Actief ? Door : null,
            };
            var result = await users.CreateAsync(user, g.Wachtwoord);
            if (!result.Succeeded) return Fout.Ongeldig("account.ongeldig", IdentityTeksten.Vertaal(result.Errors));
            await using var db = await DbAsync(ct);
            Audit(db, status == AccountStatus.Actief ? "account.aanmaken" : "account.aanvragen", g.Scope ?? "-", $"{g.Email} ({g.Rol})");
            if (status == AccountStatus.Aangevraagd) await CentralMail.AccountRequestedAsync(db, user, Nu, ct);
            await db.SaveChangesAsync(ct);
            return Info(user);
        });
    }

    /// <summary>The operator verifies a school's account (by e-mail address or id): it becomes active.</summary>
    public async Task<Uitkomst<GebruikerInfo>> VerifyAccountAsync(string emailOfId, CancellationToken cancellationToken = default)
    {
        var uitkomst = await WithUsersAsync<Uitkomst<GebruikerInfo>>(async users =>
        {
            var user = await users.FindByEmailAsync(emailOfId) ?? await users.FindByIdAsync(emailOfId);
            if (user is null) return Fout.NietGevonden("account.onbekend", $"Er is geen account '{emailOfId}'.");
            if (user.Status == AccountStatus.Actief) return Fout.Conflict("account.actief", $"Het account van {user.Email} is al actief.");
            user.Status = AccountStatus.Actief;
            user.GeverifieerdOp = Nu;
            user.GeverifieerdDoor = Door;
            var result = await users.UpdateAsync(user);
            return result.Succeeded ? Info(user) : Fout.Ongeldig("account.ongeldig", IdentityTeksten.Vertaal(result.Errors));
        });
        if (uitkomst.Gelukt)
        {
            await using var db = await DbAsync(cancellationToken);
            Audit(db, "account.verifieren", uitkomst.Waarde!.Scope ?? "-", uitkomst.Waarde.Email);
            if (await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == uitkomst.Waarde.Id, cancellationToken) is { } user)
                await CentralMail.AccountVerifiedAsync(db, user, Nu, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        return uitkomst;
    }

    /// <summary>
    /// The servicedesk resets a person's two-step verification (a lost phone) after checking who asks: the key and the
    /// recovery codes are gone, a lockout ends, every session ends (new security stamp), and the person sets it up again
    /// at the next sign-in. Audited with how the identity was checked and by whom.
    /// </summary>
    public async Task<Uitkomst<GebruikerInfo>> ResetTwoFactorAsync(string emailOfId, IdentityCheck check, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(check);
        await using var scope = _services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CentralUser>>();
        var user = await users.FindByEmailAsync(emailOfId) ?? await users.FindByIdAsync(emailOfId);
        if (user is null) return Fout.NietGevonden("account.onbekend", $"Er is geen account '{emailOfId}'.");
        await users.SetTwoFactorEnabledAsync(user, false);
        await scope.ServiceProvider.GetRequiredService<AccountSignIn<CentralUser>>().ClearRecoveryCodesAsync(user);
        await users.ResetAuthenticatorKeyAsync(user); // a new security stamp: every session ends
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await using var db = await DbAsync(cancellationToken);
        Audit(db, "account.tweestaps-hersteld", user.Scope ?? "-", $"{user.Email}; {check.AuditText}");
        await db.SaveChangesAsync(cancellationToken);
        return Info(user);
    }

    /// <summary>
    /// <see cref="ResetTwoFactorAsync(string, IdentityCheck, CancellationToken)"/> with the check as typed: the method's
    /// value (<c>teruggebeld</c>, <c>persoonlijk</c>, <c>video</c>, <c>leidinggevende</c>) and what was checked.
    /// </summary>
    public Task<Uitkomst<GebruikerInfo>> ResetTwoFactorAsync(string emailOfId, string? methode, string? toelichting, CancellationToken cancellationToken = default)
    {
        var (check, _, fout) = IdentityCheck.Parse(methode, toelichting);
        return check is null ? Task.FromResult<Uitkomst<GebruikerInfo>>(Fout.Ongeldig("account.identiteit", fout!)) : ResetTwoFactorAsync(emailOfId, check, cancellationToken);
    }

    /// <summary>One account by e-mail address or id, or null.</summary>
    public async Task<GebruikerInfo?> AccountAsync(string emailOfId, CancellationToken cancellationToken = default)
    {
        var normalized = emailOfId.Trim().ToUpperInvariant(); // Identity's normalized form
        await using var db = await DbAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedEmail == normalized || u.Id == emailOfId, cancellationToken);
        return user is null ? null : Info(user);
    }

    /// <summary>Accounts, optionally by status (e.g. those waiting for verification).</summary>
    public async Task<IReadOnlyList<GebruikerInfo>> AccountsAsync(AccountStatus? status = null, CancellationToken cancellationToken = default)
    {
        await using var db = await DbAsync(cancellationToken);
        var lijst = await db.Users.AsNoTracking().Where(u => status == null || u.Status == status).OrderBy(u => u.Email).ToListAsync(cancellationToken);
        return lijst.Select(Info).ToList();
    }

    private static GebruikerInfo Info(CentralUser u) =>
        new(u.Id, u.Email ?? "", u.Naam, u.Rol, u.Scope, u.Status, u.TwoFactorEnabled, u.AangemaaktOp, u.GeverifieerdOp) { Telefoon = u.Telefoon };
}

/// <summary>Identity's (English) errors in Dutch, by their stable codes.</summary>
internal static class IdentityTeksten
{
    public static string Vertaal(IEnumerable<IdentityError> errors) => string.Join(" ", errors.Select(e => e.Code switch
    {
        "PasswordTooShort" => "Het wachtwoord is te kort (minstens 12 tekens).",
        "DuplicateEmail" or "DuplicateUserName" => "Dit e-mailadres is al in gebruik.",
        "InvalidEmail" or "InvalidUserName" => "Dit is geen geldig e-mailadres.",
        "PasswordRequiresUniqueChars" => "Het wachtwoord heeft te weinig verschillende tekens.",
        _ => "Het account kon niet worden opgeslagen (" + e.Code + ").",
    }).Distinct());
}
