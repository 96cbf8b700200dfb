using Microsoft.EntityFrameworkCore;
using Oso.Central.Accounts;
using Oso.Central.Qualification;
using Oso.Central.Storage;
using Oso.Hosting.Mail;

namespace Oso.Central.Mail;

/// <summary>
/// The mail Central sends, queued with the change it is about (<see cref="MailQueue"/>; sent by the host's
/// <see cref="MailQueueWorker{TContext}"/>): a school hears that its account may sign in and how its evidence was
/// judged; operators hear that an account or evidence waits for them. Each ends with a link to the portal page.
/// </summary>
internal static class CentralMail
{
    /// <summary>The account was verified: its holder may sign in now (the promise of the "wacht op verificatie" page).</summary>
    public static Task AccountVerifiedAsync(CentralDb db, CentralUser user, DateTimeOffset now, CancellationToken ct) =>
        MailQueue.QueueAsync(db, $"account-geverifieerd:{user.Id}", user.Email!, "Uw account voor Mijn OSO is geverifieerd",
            $"Beste {user.Naam},\n\nDe OSO-servicedesk heeft uw account voor Mijn OSO geverifieerd. U kunt nu inloggen met uw e-mailadres en wachtwoord; "
            + "bij de eerste keer stelt u tweestapsverificatie in met een authenticator-app.\n\nInloggen:", "/inloggen", now, ct);

    /// <summary>Evidence was approved or rejected: every active account of the school hears it (and when the school is now qualified).</summary>
    public static async Task EvidenceReviewedAsync(CentralDb db, Bewijs bewijs, bool nowQualified, DateTimeOffset now, CancellationToken ct)
    {
        var item = Handboek.Find(bewijs.ItemCode)?.Titel ?? bewijs.ItemCode;
        var school = await db.Scholen.AsNoTracking().Where(s => s.Brin == bewijs.Brin).Select(s => s.Naam).FirstOrDefaultAsync(ct) ?? bewijs.Brin;
        var goed = bewijs.Status == BewijsStatus.Goedgekeurd;
        var subject = goed ? $"Kwalificatie: ‘{item}’ goedgekeurd" : $"Kwalificatie: ‘{item}’ afgewezen";
        var text = goed
            ? $"De OSO-servicedesk heeft het bewijs voor ‘{item}’ van {school} goedgekeurd."
              + (nowQualified ? " Daarmee zijn alle onderdelen goedgekeurd: uw school is gekwalificeerd en kan overstapdossiers uitwisselen met elke andere gekwalificeerde school." : "")
            : $"De OSO-servicedesk heeft het bewijs voor ‘{item}’ van {school} afgewezen. Opmerking van de servicedesk: {bewijs.Opmerking}\n\nDien nieuw bewijs in voor dit onderdeel.";
        foreach (var user in await SchoolAccountsAsync(db, bewijs.Brin, ct))
            await MailQueue.QueueAsync(db, $"bewijs-beoordeeld:{bewijs.Id}:{user.Id}", user.Email!, subject, $"Beste {user.Naam},\n\n{text}\n\nIn Mijn OSO:",
                "/mijn-oso/kwalificatie/" + Uri.EscapeDataString(bewijs.ItemCode), now, ct);
    }

    /// <summary>A school asked for an account: every operator hears that it waits for verification.</summary>
    public static async Task AccountRequestedAsync(CentralDb db, CentralUser user, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var op in await OperatorsAsync(db, ct))
            await MailQueue.QueueAsync(db, $"account-aangevraagd:{user.Id}:{op.Id}", op.Email!, $"Accountaanvraag voor school {user.Scope}",
                $"Beste {op.Naam},\n\nSchool {user.Scope} vraagt een account voor Mijn OSO aan (contactpersoon: {user.Naam}). Controleer of de aanvraag echt van de school komt en verifieer het account.\n\nWachtende accounts:",
                "/beheer/accounts", now, ct);
    }

    /// <summary>A school submitted evidence: every operator hears that it waits for review.</summary>
    public static async Task EvidenceSubmittedAsync(CentralDb db, Bewijs bewijs, DateTimeOffset now, CancellationToken ct)
    {
        var item = Handboek.Find(bewijs.ItemCode)?.Titel ?? bewijs.ItemCode;
        foreach (var op in await OperatorsAsync(db, ct))
            await MailQueue.QueueAsync(db, $"bewijs-ingediend:{bewijs.Id}:{op.Id}", op.Email!, $"Bewijs te beoordelen: {bewijs.Brin}, ‘{item}’",
                $"Beste {op.Naam},\n\nSchool {bewijs.Brin} heeft bewijs ingediend voor ‘{item}’. Het wacht op uw beoordeling.\n\nBeoordelen:",
                "/beheer/bewijzen/" + bewijs.Id, now, ct);
    }

    private static async Task<List<CentralUser>> SchoolAccountsAsync(CentralDb db, string brin, CancellationToken ct) =>
        await db.Users.AsNoTracking().Where(u => u.Rol == Rol.School && u.Scope == brin && u.Status == AccountStatus.Actief && u.Email != null).ToListAsync(ct);

    private static async Task<List<CentralUser>> OperatorsAsync(CentralDb db, CancellationToken ct) =>
        await db.Users.AsNoTracking().Where(u => u.Rol == Rol.Beheerder && u.Status == AccountStatus.Actief && u.Email != null).ToListAsync(ct);
}
