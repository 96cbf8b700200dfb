using System.Globalization;
using System.Net;
using System.Net.Mail;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Oso.School.Audit;
using Oso.School.Crypto;
using Oso.School.Outbox;
using Oso.School.Portal;
using Oso.School.Storage;

namespace Oso.School.Parents;

/// <summary>A message to parents.</summary>
/// <param name="MessageId">Unique per link (a retry writes or sends the same message id).</param>
/// <param name="To">The address.</param>
/// <param name="Subject">ASCII subject.</param>
/// <param name="Body">Plain text.</param>
public sealed record OutgoingMail(string MessageId, string To, string Subject, string Body);

/// <summary>How mail leaves the node.</summary>
public interface IMailTransport
{
    /// <summary>Sends (or, in development, writes) one message.</summary>
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}

/// <summary>
/// Mails a parents' link (outbox work, so a crash or a mail server away for a while loses nothing): decrypts the pending
/// token and the address, sends, then erases the token — afterwards it exists only in the parents' mailbox.
/// </summary>
public sealed class ParentMail(SchoolStore store, PupilDataProtector protector, AuditLog audit, IMailTransport transport, PortalAddress portal,
    TimeProvider time) : IOutboxHandler
{
    /// <summary>The outbox kind.</summary>
    public const string Kind = "ouderlink.mailen";

    /// <summary>The outbox payload.</summary>
    /// <param name="LinkId">The link to mail.</param>
    public sealed record Payload(Guid LinkId);

    string IOutboxHandler.Kind => Kind;

    /// <inheritdoc />
    public async Task<OutboxOutcome> HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var id = JsonSerializer.Deserialize<Payload>(message.Payload)!.LinkId;
        ParentLink? link;
        string schoolNaam;
        string sector;
        await using (var db = store.Read())
        {
            link = await db.ParentLinks.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, cancellationToken).ConfigureAwait(false);
            if (link is null || link.PendingToken is null) return OutboxOutcome.Done; // sent already (or revoked)
            if (link.RevokedAt is not null || link.ExpiresAt <= time.GetUtcNow()) return OutboxOutcome.GiveUp("De link is ingetrokken of verlopen.");
            var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Brin == link.Brin, cancellationToken).ConfigureAwait(false);
            (schoolNaam, sector) = (tenant.Naam, tenant.Sector);
        }
        if (portal.Current is not { } baseUrl) return OutboxOutcome.RetryLater("Het adres van het portaal is nog niet bekend.");

        var token = protector.UnprotectText(link.Brin, link.PendingToken, ParentLinks.TokenContext(id));
        var email = protector.UnprotectText(link.Brin, link.Email, ParentLinks.EmailContext(id));
        try
        {
            await transport.SendAsync(Compose(id, email, token, baseUrl, schoolNaam, sector, Amsterdam.Local(link.ExpiresAt)), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is SmtpException or IOException or InvalidOperationException)
        {
            return OutboxOutcome.RetryLater("Mail niet verstuurd: " + e.GetType().Name);
        }

        await store.WriteAsync(async db =>
        {
            var row = await db.ParentLinks.FirstAsync(l => l.Id == id, cancellationToken).ConfigureAwait(false);
            row.SentAt = time.GetUtcNow();
            row.PendingToken = null;
            await audit.RecordAsync(db, row.Brin, Actor.Node, "ouderlink.verstuurd", "De persoonlijke link is naar de ouders gemaild.", row.PupilId.ToString(),
                "link=" + id, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return OutboxOutcome.Done;
    }

    /// <summary>The link as it appears in the mail: the token is in the fragment, which browsers never send to a server (or a proxy's log).</summary>
    public static Uri LinkUrl(Uri portal, string token) => new(portal, "ouders#code=" + token);

    internal static OutgoingMail Compose(Guid id, string to, string token, Uri portal, string school, string sector, DateTimeOffset expires)
    {
        var until = Dutch.Date(DateOnly.FromDateTime(expires.DateTime));
        var vraag = sector == "VO"
            ? "U kunt het bekijken, laten weten of u het eens bent met de inhoud, en toestemming geven (of weigeren) om het over te dragen aan de nieuwe school. Is uw kind 16 jaar of ouder, dan beslist uw kind zelf over de toestemming."
            : "U kunt het bekijken en laten weten of u het eens bent met de inhoud. Bent u het er niet mee eens, dan gaat uw zienswijze mee met het dossier.";
        var body = new StringBuilder()
            .AppendLine("Beste ouder of verzorger,")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"{school} heeft het overstapdossier van uw kind klaargezet. Dit dossier gaat mee naar de nieuwe school.")
            .AppendLine(vraag)
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Open het dossier met deze persoonlijke link (geldig tot en met {until}):")
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
        return new OutgoingMail($"<{id:N}@openoso>", to, "Overstapdossier van uw kind: bekijken en reageren", body);
    }
}

/// <summary>Development: writes each message as an <c>.eml</c> file (UTF-8, 8bit, one file per link) instead of sending it.</summary>
public sealed class PickupDirectoryTransport(string directory, string from, TimeProvider time) : IMailTransport
{
    /// <summary>The directory.</summary>
    public string Directory => directory;

    /// <inheritdoc />
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        System.IO.Directory.CreateDirectory(directory);
        var name = new string(mail.MessageId.Where(char.IsAsciiLetterOrDigit).ToArray());
        var path = Path.Combine(directory, name + ".eml");
        var text = new StringBuilder()
            .Append("Date: ").Append(time.GetUtcNow().ToString("ddd, dd MMM yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture)).Append("\r\n")
            .Append("From: ").Append(from).Append("\r\n")
            .Append("To: ").Append(mail.To).Append("\r\n")
            .Append("Subject: ").Append(mail.Subject).Append("\r\n")
            .Append("Message-ID: ").Append(mail.MessageId).Append("\r\n")
            .Append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
            .Append(mail.Body.ReplaceLineEndings("\r\n"))
            .ToString();
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        await using (var stream = new FileStream(temporary, options))
            await stream.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
    }
}

/// <summary>Production: sends through an SMTP server (submission with STARTTLS).</summary>
public sealed class SmtpTransport(MailOptions options) : IMailTransport
{
    /// <inheritdoc />
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        using var client = new SmtpClient(options.SmtpHost, options.SmtpPort) { EnableSsl = true, DeliveryMethod = SmtpDeliveryMethod.Network };
        if (options.SmtpUserName is not null) client.Credentials = new NetworkCredential(options.SmtpUserName, options.SmtpPassword);
        using var message = new MailMessage { From = new MailAddress(ParseAddress(options.From)), Subject = mail.Subject, Body = mail.Body, BodyEncoding = Encoding.UTF8 };
        message.To.Add(new MailAddress(mail.To));
        message.Headers.Add("Message-ID", mail.MessageId);
        await client.SendMailAsync(message, cancellationToken).ConfigureAwait(false);
    }

    private static string ParseAddress(string from) => MailAddress.TryCreate(from, out var a) ? a.ToString() : from;
}
