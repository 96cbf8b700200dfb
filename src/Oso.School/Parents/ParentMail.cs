using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Oso.Hosting.Mail;
using Oso.School.Audit;
using Oso.School.Crypto;
using Oso.School.Outbox;
using Oso.School.Portal;
using Oso.School.Storage;

namespace Oso.School.Parents;

/// <summary>
/// Mails a parents' link (outbox work, so a crash or a mail server away for a while loses nothing): decrypts the pending
/// token and the address and sends. When a reminder is due before the link expires (<see cref="SchoolOptions.ParentLinkReminder"/>)
/// the token stays encrypted until <see cref="ParentReminder"/> has sent it (or the parents answered, or the link was
/// revoked); otherwise it is erased at once — afterwards it exists only in the parents' mailbox.
/// </summary>
public sealed class ParentMail(SchoolStore store, PupilDataProtector protector, AuditLog audit, IMailTransport transport, PortalAddress portal,
    OutboxQueue outbox, SchoolOptions options, TimeProvider time) : IOutboxHandler
{
    /// <summary>The outbox kind.</summary>
    public const string Kind = "ouderlink.mailen";

    /// <summary>The outbox payload (of the first mail and of the reminder).</summary>
    /// <param name="LinkId">The link to mail.</param>
    public sealed record Payload(Guid LinkId);

    string IOutboxHandler.Kind => Kind;

    /// <inheritdoc />
    public async Task<OutboxOutcome> HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var id = JsonSerializer.Deserialize<Payload>(message.Payload)!.LinkId;
        var ready = await LoadAsync(store, time, id, cancellationToken).ConfigureAwait(false);
        if (ready is not { } l || l.Link.SentAt is not null) return OutboxOutcome.Done; // sent already (or revoked)
        if (portal.Current is not { } baseUrl) return OutboxOutcome.RetryLater("Het adres van het portaal is nog niet bekend.");

        var token = protector.UnprotectText(l.Link.Brin, l.Link.PendingToken!, ParentLinks.TokenContext(id));
        var email = protector.UnprotectText(l.Link.Brin, l.Link.Email, ParentLinks.EmailContext(id));
        try
        {
            await transport.SendAsync(Compose(id, email, token, baseUrl, l.School, l.Sector, Amsterdam.Local(l.Link.ExpiresAt)), cancellationToken).ConfigureAwait(false);
        }
        catch (MailNotSentException e)
        {
            return OutboxOutcome.RetryLater("Mail niet verstuurd: " + e.InnerException?.GetType().Name);
        }

        await store.WriteAsync(async db =>
        {
            var row = await db.ParentLinks.FirstAsync(x => x.Id == id, cancellationToken).ConfigureAwait(false);
            var now = time.GetUtcNow();
            row.SentAt = now;
            var remindAt = row.ExpiresAt - options.ParentLinkReminder;
            if (options.ParentLinkReminder > TimeSpan.Zero && remindAt > now)
                await outbox.EnqueueAsync(db, ParentReminder.Kind, new Payload(id), "ouderlink-herinnering:" + id, remindAt - now, cancellationToken).ConfigureAwait(false);
            else
                row.PendingToken = null;
            await audit.RecordAsync(db, row.Brin, Actor.Node, "ouderlink.verstuurd", "De persoonlijke link is naar de ouders gemaild.", row.PupilId.ToString(),
                "link=" + id, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return OutboxOutcome.Done;
    }

    /// <summary>The link as it appears in the mail: the token is in the fragment, which browsers never send to a server (or a proxy's log).</summary>
    public static Uri LinkUrl(Uri portal, string token) => new(portal, "ouders#code=" + token);

    /// <summary>A link with its token still pending and still working, with its school; null otherwise.</summary>
    internal static async Task<(ParentLink Link, string School, string Sector)?> LoadAsync(SchoolStore store, TimeProvider time, Guid id, CancellationToken cancellationToken)
    {
        await using var db = store.Read();
        var link = await db.ParentLinks.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, cancellationToken).ConfigureAwait(false);
        if (link?.PendingToken is null || link.RevokedAt is not null || link.ExpiresAt <= time.GetUtcNow()) return null;
        var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Brin == link.Brin, cancellationToken).ConfigureAwait(false);
        return (link, tenant.Naam, tenant.Sector);
    }

    internal static OutgoingMail Compose(Guid id, string to, string token, Uri portal, string school, string sector, DateTimeOffset expires)
    {
        var vraag = sector == "VO"
            ? "U kunt het bekijken, laten weten of u het eens bent met de inhoud, en toestemming geven (of weigeren) om het over te dragen aan de nieuwe school. Is uw kind 16 jaar of ouder, dan beslist uw kind zelf over de toestemming."
            : "U kunt het bekijken en laten weten of u het eens bent met de inhoud. Bent u het er niet mee eens, dan gaat uw zienswijze mee met het dossier.";
        var intro = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{school} heeft het overstapdossier van uw kind klaargezet. Dit dossier gaat mee naar de nieuwe school.")
            .Append(vraag).ToString();
        return new OutgoingMail($"<{id:N}@openoso>", to, "Overstapdossier van uw kind: bekijken en reageren", Body(intro, token, portal, school, expires));
    }

    internal static OutgoingMail ComposeReminder(Guid id, string to, string token, Uri portal, string school, DateTimeOffset expires)
    {
        var intro = $"Enige tijd geleden kreeg u een persoonlijke link om het overstapdossier van uw kind bij {school} te bekijken. We hebben nog geen reactie van u ontvangen. De link werkt nog tot en met {Until(expires)}; daarna vraagt u de school om een nieuwe.";
        return new OutgoingMail($"<{id:N}.herinnering@openoso>", to, "Herinnering: overstapdossier van uw kind bekijken", Body(intro, token, portal, school, expires));
    }

    private static string Until(DateTimeOffset expires) => Dutch.Date(DateOnly.FromDateTime(expires.DateTime));

    private static string Body(string intro, string token, Uri portal, string school, DateTimeOffset expires) => new StringBuilder()
        .AppendLine("Beste ouder of verzorger,")
        .AppendLine()
        .AppendLine(intro)
        .AppendLine()
        .AppendLine(CultureInfo.InvariantCulture, $"Open het dossier met deze persoonlijke link (geldig tot en met {Until(expires)}):")
        .AppendLine(LinkUrl(portal, token).AbsoluteUri)
        .AppendLine()
        .AppendLine(CultureInfo.InvariantCulture, $"Werkt de link niet? Ga dan naar {new Uri(portal, "ouders").AbsoluteUri} en vul deze toegangscode in:")
        .AppendLine(token)
        .AppendLine()
        .AppendLine("Deze link is alleen voor u bedoeld: stuur hem niet door. Heeft u vragen over het dossier, neem dan contact op met de school.")
        .AppendLine()
        .AppendLine("Met vriendelijke groet,")
        .AppendLine(school)
        .ToString();
}

/// <summary>
/// Reminds parents who have not answered a few days before their link expires (outbox work queued when the first mail
/// went), then erases the token. Nothing is sent when they answered, the link was revoked or it already expired.
/// </summary>
public sealed class ParentReminder(SchoolStore store, PupilDataProtector protector, AuditLog audit, IMailTransport transport, PortalAddress portal,
    TimeProvider time) : IOutboxHandler
{
    /// <summary>The outbox kind.</summary>
    public const string Kind = "ouderlink.herinneren";

    string IOutboxHandler.Kind => Kind;

    /// <inheritdoc />
    public async Task<OutboxOutcome> HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var id = JsonSerializer.Deserialize<ParentMail.Payload>(message.Payload)!.LinkId;
        var ready = await ParentMail.LoadAsync(store, time, id, cancellationToken).ConfigureAwait(false);
        if (ready is not { } l || l.Link.RespondedAt is not null || l.Link.RemindedAt is not null)
        {
            await EraseAsync(id, reminded: false, cancellationToken).ConfigureAwait(false);
            return OutboxOutcome.Done;
        }
        if (portal.Current is not { } baseUrl) return OutboxOutcome.RetryLater("Het adres van het portaal is nog niet bekend.");
        var token = protector.UnprotectText(l.Link.Brin, l.Link.PendingToken!, ParentLinks.TokenContext(id));
        var email = protector.UnprotectText(l.Link.Brin, l.Link.Email, ParentLinks.EmailContext(id));
        try
        {
            await transport.SendAsync(ParentMail.ComposeReminder(id, email, token, baseUrl, l.School, Amsterdam.Local(l.Link.ExpiresAt)), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (MailNotSentException e)
        {
            return OutboxOutcome.RetryLater("Herinnering niet verstuurd: " + e.InnerException?.GetType().Name);
        }
        await EraseAsync(id, reminded: true, cancellationToken).ConfigureAwait(false);
        return OutboxOutcome.Done;
    }

    private Task EraseAsync(Guid id, bool reminded, CancellationToken cancellationToken) =>
        store.WriteAsync(async db =>
        {
            var row = await db.ParentLinks.FirstOrDefaultAsync(x => x.Id == id, cancellationToken).ConfigureAwait(false);
            if (row is null) return;
            row.PendingToken = null;
            if (!reminded) return;
            row.RemindedAt = time.GetUtcNow();
            await audit.RecordAsync(db, row.Brin, Actor.Node, "ouderlink.herinnerd", "De ouders kregen een herinnering voordat hun link verloopt.",
                row.PupilId.ToString(), "link=" + id, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
}
