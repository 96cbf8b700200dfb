using System.Net.Mail;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Oso.Hosting.Accounts;
using Oso.School.Audit;
using Oso.School.Storage;
using Oso.School.Tenancy;

namespace Oso.School.Staff;

/// <summary>The outcome of adding a staff member to a school.</summary>
public abstract record StaffResult
{
    private StaffResult()
    {
    }

    /// <summary>Added (a new account, or an existing account given a role at this school).</summary>
    /// <param name="UserId">The account.</param>
    /// <param name="InitialPassword">The generated first password (shown once), or null when one was given or the account existed.</param>
    public sealed record Added(string UserId, string? InitialPassword) : StaffResult;

    /// <summary>Not added.</summary>
    /// <param name="Reason">Dutch.</param>
    /// <param name="Field">The input concerned (email, naam, wachtwoord), if one.</param>
    public sealed record Invalid(string Reason, string? Field = null) : StaffResult;

    /// <summary>No such school or staff member on this node.</summary>
    public sealed record NotFound : StaffResult;
}

/// <summary>A staff member as the school's beheerder sees them.</summary>
/// <param name="UserId">The account.</param>
/// <param name="Email">Login.</param>
/// <param name="Naam">Name.</param>
/// <param name="Rol">Role at this school.</param>
/// <param name="TweestapsAan">Whether the authenticator is set up.</param>
/// <param name="GeblokkeerdTot">Locked out after failed attempts, until.</param>
public sealed record StaffInfo(string UserId, string Email, string Naam, StaffRol Rol, bool TweestapsAan, DateTimeOffset? GeblokkeerdTot)
{
    /// <summary>What they are mailed about at this school.</summary>
    public StaffMailEvents MailEvents { get; init; } = StaffMailEvents.Alle;

    /// <summary>A daily digest instead of a mail per event.</summary>
    public bool MailDigest { get; init; }
}

/// <summary>A school a staff member works for.</summary>
/// <param name="Brin">The school.</param>
/// <param name="Naam">Its name.</param>
/// <param name="Sector">PO, VO, SO or SWV.</param>
/// <param name="Rol">The staff member's role there.</param>
public sealed record StaffSchool(string Brin, string Naam, string Sector, StaffRol Rol);

/// <summary>
/// Staff accounts and their roles per school: used by the node admin command (<c>oso school staff</c>), <c>oso up</c>
/// and the beheerder's page. Accounts are ASP.NET Core Identity users; every change of a role is audited in the
/// school's chain.
/// </summary>
public sealed class StaffAccounts(IServiceScopeFactory scopes, SchoolStore store, AuditLog audit, TimeProvider time)
{
    private const string PasswordAlphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>The password rules (also used by the portal's login).</summary>
    public static void ConfigureIdentity(IdentityOptions o) => Oso.Hosting.Portal.PortalAccounts.ConfigureIdentity(o);

    /// <summary>
    /// Gives a person a role at a school: creates the account when the e-mail address is new (with the given password,
    /// or a generated one that is returned once), or adds the school to an existing account (its password unchanged).
    /// </summary>
    public async Task<StaffResult> AddAsync(string brin, string email, string naam, StaffRol rol, string? password, Actor actor,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        email = (email ?? "").Trim();
        naam = (naam ?? "").Trim();
        if (!IsEmail(email)) return new StaffResult.Invalid("Vul een geldig e-mailadres in, bijvoorbeeld naam@school.nl.", "email");
        if (naam.Length is 0 or > 200) return new StaffResult.Invalid("Vul de naam van de medewerker in (hoogstens 200 tekens).", "naam");
        await using (var db = store.Read())
            if (!await db.Tenants.AnyAsync(t => t.Brin == brin, cancellationToken).ConfigureAwait(false)) return new StaffResult.NotFound();

        string userId;
        string? generated = null;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var user = await users.FindByEmailAsync(email).ConfigureAwait(false);
            if (user is null)
            {
                generated = password is null ? GeneratePassword() : null;
                user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, Naam = naam, AangemaaktOp = time.GetUtcNow() };
                var created = await users.CreateAsync(user, password ?? generated!).ConfigureAwait(false);
                if (!created.Succeeded) return new StaffResult.Invalid(IdentityTexts.Dutch(created.Errors), IdentityTexts.Field(created.Errors));
            }
            userId = user.Id;
        }

        await store.WriteAsync(async db =>
        {
            var membership = await db.StaffMemberships.FirstOrDefaultAsync(m => m.UserId == userId && m.Brin == brin, cancellationToken).ConfigureAwait(false);
            if (membership is null)
                db.StaffMemberships.Add(new StaffMembership { UserId = userId, Brin = brin, Rol = rol, AangemaaktOp = time.GetUtcNow(), AangemaaktDoor = actor.Id });
            else
                membership.Rol = rol;
            await audit.RecordAsync(db, brin, actor, "medewerker.toegevoegd", "Een medewerker kreeg toegang tot het schoolportaal.",
                detail: $"gebruiker={userId};rol={rol}", cancellationToken: cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return new StaffResult.Added(userId, generated);
    }

    /// <summary>The school's staff.</summary>
    public async Task<IReadOnlyList<StaffInfo>> ListAsync(string brin, CancellationToken cancellationToken = default)
    {
        await using var db = store.Read();
        var rows = await (from m in db.StaffMemberships.AsNoTracking()
                          join u in db.Users.AsNoTracking() on m.UserId equals u.Id
                          where m.Brin == brin
                          select new { u.Id, u.Email, u.Naam, m.Rol, u.TwoFactorEnabled, u.LockoutEnd, m.MailEvents, m.MailDigest })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        return rows.OrderBy(r => r.Naam, StringComparer.OrdinalIgnoreCase)
            .Select(r => new StaffInfo(r.Id, r.Email ?? "", r.Naam, r.Rol, r.TwoFactorEnabled, r.LockoutEnd > now ? r.LockoutEnd : null)
            {
                MailEvents = r.MailEvents, MailDigest = r.MailDigest,
            }).ToList();
    }

    /// <summary>Sets which mail a staff member gets for this school (audited); false when they do not work for it.</summary>
    public async Task<bool> SetMailAsync(string brin, string userId, StaffMailEvents events, bool digest, Actor actor, CancellationToken cancellationToken = default) =>
        await store.WriteAsync(async db =>
        {
            var membership = await db.StaffMemberships.FirstOrDefaultAsync(m => m.UserId == userId && m.Brin == brin, cancellationToken).ConfigureAwait(false);
            if (membership is null) return false;
            if (membership.MailEvents == (events & StaffMailEvents.Alle) && membership.MailDigest == digest) return true;
            membership.MailEvents = events & StaffMailEvents.Alle;
            membership.MailDigest = digest;
            await audit.RecordAsync(db, brin, actor, "medewerker.mail", "Ingesteld welke e-mailberichten een medewerker krijgt.",
                detail: $"gebruiker={userId};berichten={(int)membership.MailEvents};dagoverzicht={(digest ? "ja" : "nee")}", cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>The schools a staff member works for (only schools that still exist on the node).</summary>
    public async Task<IReadOnlyList<StaffSchool>> SchoolsAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = store.Read();
        var rows = await (from m in db.StaffMemberships.AsNoTracking()
                          join t in db.Tenants.AsNoTracking() on m.Brin equals t.Brin
                          where m.UserId == userId
                          orderby t.Brin
                          select new { t.Brin, t.Naam, t.Sector, m.Rol }).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(r => new StaffSchool(r.Brin, r.Naam, r.Sector, r.Rol)).ToList();
    }

    /// <summary>Takes a staff member's role at a school away (never the last beheerder's).</summary>
    public async Task<StaffResult> RemoveAsync(string brin, string userId, Actor actor, CancellationToken cancellationToken = default) =>
        await store.WriteAsync<StaffResult>(async db =>
        {
            var membership = await db.StaffMemberships.FirstOrDefaultAsync(m => m.UserId == userId && m.Brin == brin, cancellationToken).ConfigureAwait(false);
            if (membership is null) return new StaffResult.NotFound();
            if (membership.Rol == StaffRol.Beheerder
                && await db.StaffMemberships.CountAsync(m => m.Brin == brin && m.Rol == StaffRol.Beheerder, cancellationToken).ConfigureAwait(false) == 1)
                return new StaffResult.Invalid("Dit is de enige beheerder van de school; maak eerst iemand anders beheerder.");
            db.StaffMemberships.Remove(membership);
            await audit.RecordAsync(db, brin, actor, "medewerker.verwijderd", "Een medewerker heeft geen toegang meer tot het schoolportaal.",
                detail: "gebruiker=" + userId, cancellationToken: cancellationToken).ConfigureAwait(false);
            return new StaffResult.Added(userId, null);
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Turns two-factor authentication off for a staff member of the school (a lost phone), after the actor checked who
    /// asks (<paramref name="check"/>, audited in the school's chain): the key and recovery codes are gone, a new key is
    /// made at the next sign-in, a lockout ends and every open session ends.
    /// </summary>
    public async Task<StaffResult> ResetTwoFactorAsync(string brin, string userId, IdentityCheck check, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(check);
        await using (var db = store.Read())
            if (!await db.StaffMemberships.AnyAsync(m => m.UserId == userId && m.Brin == brin, cancellationToken).ConfigureAwait(false))
                return new StaffResult.NotFound();
        await using (var scope = scopes.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var user = await users.FindByIdAsync(userId).ConfigureAwait(false);
            if (user is null) return new StaffResult.NotFound();
            await users.SetTwoFactorEnabledAsync(user, false).ConfigureAwait(false);
            await scope.ServiceProvider.GetRequiredService<AccountSignIn<StaffUser>>().ClearRecoveryCodesAsync(user).ConfigureAwait(false);
            await users.ResetAuthenticatorKeyAsync(user).ConfigureAwait(false); // also renews the security stamp: sessions end
            await users.SetLockoutEndDateAsync(user, null).ConfigureAwait(false);
            await users.ResetAccessFailedCountAsync(user).ConfigureAwait(false);
        }
        await store.WriteAsync(db => audit.RecordAsync(db, brin, actor, "medewerker.tweestaps-hersteld",
            "De tweestapsverificatie van een medewerker is opnieuw in te stellen, na controle van de identiteit.",
            detail: $"gebruiker={userId};{check.AuditText}", cancellationToken: cancellationToken),
            cancellationToken).ConfigureAwait(false);
        return new StaffResult.Added(userId, null);
    }

    /// <summary>The account id for an e-mail address, or null.</summary>
    public async Task<string?> FindAsync(string email, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        return (await users.FindByEmailAsync(email.Trim()).ConfigureAwait(false))?.Id;
    }

    /// <summary>A random first password of 16 characters (about 93 bits; no look-alike characters).</summary>
    public static string GeneratePassword() => RandomNumberGenerator.GetString(PasswordAlphabet, 16);

    /// <summary>True for a plain e-mail address (no display name, no line breaks).</summary>
    public static bool IsEmail(string? value) =>
        value is { Length: > 3 and <= 254 } && !value.Any(char.IsControl) && !value.Contains(' ', StringComparison.Ordinal)
        && MailAddress.TryCreate(value, out var address) && address.Address == value && value.Contains('.', StringComparison.Ordinal);
}

/// <summary>Identity's (English) errors in Dutch, by their stable codes.</summary>
internal static class IdentityTexts
{
    public static string Dutch(IEnumerable<IdentityError> errors) => string.Join(" ", errors.Select(e => e.Code switch
    {
        "PasswordTooShort" => "Het wachtwoord is te kort (minstens 12 tekens).",
        "PasswordRequiresUniqueChars" => "Het wachtwoord heeft te weinig verschillende tekens.",
        "DuplicateEmail" or "DuplicateUserName" => "Dit e-mailadres is al in gebruik.",
        "InvalidEmail" or "InvalidUserName" => "Dit is geen geldig e-mailadres.",
        _ => "Het account kon niet worden opgeslagen (" + e.Code + ").",
    }).Distinct());

    public static string? Field(IEnumerable<IdentityError> errors) =>
        errors.Any(e => e.Code.StartsWith("Password", StringComparison.Ordinal)) ? "wachtwoord" : "email";
}
