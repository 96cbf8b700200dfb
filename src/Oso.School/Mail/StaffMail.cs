using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Oso.Hosting.Mail;
using Oso.Protocol.Results;
using Oso.School.Crypto;
using Oso.School.Outbox;
using Oso.School.Portal;
using Oso.School.Portal.Dossiers;
using Oso.School.Staff;
using Oso.School.Storage;
using static Oso.School.Crypto.ProtectedDossiers;

namespace Oso.School.Mail;

/// <summary>
/// One mail to one staff member: an event as it happened, or their daily digest. It names schools, groups and counts —
/// never a pupil's name, number or anything from a dossier (mail leaves the portal) — and links to the portal page
/// where they act. Composed when it is sent, from the stored rows, so the outbox holds ids only.
/// </summary>
public sealed class StaffMail(SchoolStore store, ProtectedDossiers crypto, IMailTransport transport, PortalAddress portal, StaffDigest digest)
    : IOutboxHandler
{
    /// <summary>The outbox kind.</summary>
    public const string Kind = "medewerker.mailen";

    /// <summary>The outbox payload.</summary>
    /// <param name="Brin">The school.</param>
    /// <param name="UserId">The staff member.</param>
    /// <param name="Event">What happened; <see cref="StaffMailEvents.Geen"/> for the daily digest.</param>
    /// <param name="Ref">The row it is about (empty for the digest).</param>
    /// <param name="Day">The digest's day (yyyy-MM-dd), else null.</param>
    public sealed record Payload(string Brin, string UserId, StaffMailEvents Event, Guid Ref, string? Day);

    string IOutboxHandler.Kind => Kind;

    /// <summary>The idempotency key (and message id) of one mail to one staff member.</summary>
    public static string Key(StaffMailEvents what, string about, string userId) =>
        $"mail:{what}:{about}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(userId)))[..16]}";

    /// <inheritdoc />
    public async Task<OutboxOutcome> HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var p = JsonSerializer.Deserialize<Payload>(message.Payload)!;
        if (portal.Current is not { } baseUrl) return OutboxOutcome.RetryLater("Het adres van het portaal is nog niet bekend.");
        (string Subject, string Body)? content;
        string to, naam;
        await using (var db = store.Read())
        {
            // still working for the school, and still wanting this mail (settings may have changed since it was queued)
            var member = await db.StaffMemberships.AsNoTracking().FirstOrDefaultAsync(m => m.UserId == p.UserId && m.Brin == p.Brin, cancellationToken)
                .ConfigureAwait(false);
            var user = await db.Users.AsNoTracking().Where(u => u.Id == p.UserId).Select(u => new { u.Email, u.Naam }).FirstOrDefaultAsync(cancellationToken)
                .ConfigureAwait(false);
            if (member is null || user?.Email is null) return OutboxOutcome.Done;
            if (p.Event != StaffMailEvents.Geen && (member.MailDigest || (member.MailEvents & p.Event) == 0)) return OutboxOutcome.Done;
            (to, naam) = (user.Email, user.Naam);
            var school = await db.Tenants.AsNoTracking().Where(t => t.Brin == p.Brin).Select(t => t.Naam).FirstAsync(cancellationToken).ConfigureAwait(false);
            var home = new Uri(baseUrl, $"scholen/{p.Brin}");
            content = p.Event switch
            {
                StaffMailEvents.Verzoek => await RequestAsync(db, p, school, baseUrl, cancellationToken).ConfigureAwait(false),
                StaffMailEvents.Reactie => await AnswerAsync(db, p, school, baseUrl, cancellationToken).ConfigureAwait(false),
                StaffMailEvents.Ontvangen => await ReceivedAsync(db, p, school, baseUrl, cancellationToken).ConfigureAwait(false),
                _ => await digest.ComposeAsync(db, p.Brin, school, member.MailEvents, p.Day!, home, cancellationToken).ConfigureAwait(false),
            };
        }
        if (content is not { } c) return OutboxOutcome.Done; // the row is gone, or a digest with nothing to say
        var body = new StringBuilder().AppendLine(CultureInfo.InvariantCulture, $"Beste {naam},").AppendLine().Append(c.Body).AppendLine()
            .AppendLine("U krijgt deze e-mail omdat u voor deze school in het School-portaal werkt. Welke berichten u krijgt, stelt de beheerder van uw school in (Medewerkers).")
            .ToString();
        try
        {
            await transport.SendAsync(new OutgoingMail($"<{message.IdempotencyKey.Replace(':', '.')}@openoso>", to, c.Subject, body), cancellationToken).ConfigureAwait(false);
        }
        catch (MailNotSentException e)
        {
            return OutboxOutcome.RetryLater("Mail niet verstuurd: " + e.InnerException?.GetType().Name);
        }
        return OutboxOutcome.Done;
    }

    private static async Task<(string, string)?> RequestAsync(SchoolDbContext db, Payload p, string school, Uri portal, CancellationToken ct)
    {
        var r = await db.IncomingRequests.AsNoTracking().FirstOrDefaultAsync(x => x.Id == p.Ref && x.Brin == p.Brin, ct).ConfigureAwait(false);
        if (r is null) return null;
        var doel = await SchoolNameAsync(db, r.DoelBrin, ct).ConfigureAwait(false);
        var waarom = r.Resultaat switch
        {
            nameof(ResultaatCode.LeerlingOnbekend) => "de leerling staat (nog) niet in het School-portaal. Laat het LAS het dossier aanleveren, leg de inzage vast en geef het vrij",
            nameof(ResultaatCode.LeerlinginfoNietOpvraagbaar) => "de ouders hebben het nog niet ingezien (of er is geen toestemming). Laat de ouders het dossier inzien en geef het daarna vrij",
            _ => "het is nog niet vrijgegeven. Laat de ouders het dossier inzien en geef het vrij",
        };
        var link = r.PupilId is { } pupil ? new Uri(portal, $"scholen/{p.Brin}/dossiers/{pupil}") : new Uri(portal, $"scholen/{p.Brin}/verzoeken");
        return ($"Verzoek om een overstapdossier van {doel}",
            $"{doel} vroeg op {Dutch.Moment(r.ReceivedAt)} het overstapdossier op van een leerling van {school}. Het kon nog niet worden verstrekt: {waarom}. "
            + $"Zodra het dossier is vrijgegeven, krijgt {doel} daar vanzelf bericht van.\n\nBekijk het verzoek in het School-portaal:\n{link.AbsoluteUri}\n");
    }

    private async Task<(string, string)?> AnswerAsync(SchoolDbContext db, Payload p, string school, Uri portal, CancellationToken ct)
    {
        var link = await db.ParentLinks.AsNoTracking().FirstOrDefaultAsync(l => l.Id == p.Ref && l.Brin == p.Brin, ct).ConfigureAwait(false);
        if (link?.RespondedAt is not { } at) return null;
        var groep = await GroupAsync(db, p.Brin, link.PupilId, ct).ConfigureAwait(false);
        var wie = link.GegevenDoor == "leerling" ? "Een leerling" : "De ouders van een leerling";
        return ("Reactie op een overstapdossier",
            $"{wie}{(groep is null ? "" : " van groep " + groep)} van {school} reageerde op {Dutch.Moment(at)} op het overstapdossier. "
            + "Bekijk de reactie en geef het dossier daarna vrij.\n\n"
            + $"Naar het dossier in het School-portaal:\n{new Uri(portal, $"scholen/{p.Brin}/dossiers/{link.PupilId}").AbsoluteUri}\n");
    }

    private static async Task<(string, string)?> ReceivedAsync(SchoolDbContext db, Payload p, string school, Uri portal, CancellationToken ct)
    {
        var r = await db.TransferRequests.AsNoTracking().FirstOrDefaultAsync(x => x.Id == p.Ref && x.Brin == p.Brin, ct).ConfigureAwait(false);
        if (r is null) return null;
        var bronBrin = await db.Aanmeldingen.AsNoTracking().Where(a => a.Id == r.AanmeldingId).Select(a => a.BronBrin).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        var bron = bronBrin is null ? "de vorige school" : await SchoolNameAsync(db, bronBrin, ct).ConfigureAwait(false);
        var link = new Uri(portal, $"scholen/{p.Brin}/aanvragen/{r.Id}").AbsoluteUri;
        var received = await db.ReceivedDossiers.AnyAsync(d => d.RequestId == r.Id, ct).ConfigureAwait(false);
        if (received)
            return ("Overstapdossier ontvangen", $"Het overstapdossier van een leerling die bij {school} is aangemeld, is ontvangen van {bron}. Lees het en markeer het als geïmporteerd.\n\nIn het School-portaal:\n{link}\n");
        var uitleg = Enum.TryParse<ResultaatCode>(r.Resultaat, out var code) ? code.Info().Toelichting : "De opvraging is afgebroken.";
        return ("Overstapdossier niet ontvangen", $"Het overstapdossier van een leerling die bij {school} is aangemeld, kon niet worden opgehaald bij {bron}. {uitleg}\n\nElke stap staat in het School-portaal:\n{link}\n");
    }

    private async Task<string?> GroupAsync(SchoolDbContext db, string brin, Guid pupil, CancellationToken ct)
    {
        var identity = await db.Pupils.AsNoTracking().Where(x => x.Id == pupil && x.Brin == brin).Select(x => x.Identity).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        return identity is null ? null : crypto.Json<PupilIdentity>(brin, identity, Contexts.PupilIdentity(pupil)).Groep;
    }

    /// <summary>A school's name and BRIN ("Het Stadslyceum (92VO)") from this node or the register's list, else "school 92VO".</summary>
    internal static async Task<string> SchoolNameAsync(SchoolDbContext db, string brin, CancellationToken ct)
    {
        var names = await DossierOverview.SchoolNamesAsync(db, [brin], ct).ConfigureAwait(false);
        return names.TryGetValue(brin, out var naam) ? $"{naam} ({brin})" : "school " + brin;
    }
}
