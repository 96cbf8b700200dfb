using System.Net;
using System.Net.Mail;
using System.Text;

namespace Oso.Hosting.Mail;

/// <summary>Production: sends through an SMTP server (submission with STARTTLS unless <see cref="MailOptions.SmtpStartTls"/> is off).</summary>
public sealed class SmtpTransport(MailOptions options) : IMailTransport
{
    /// <inheritdoc />
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentNullException.ThrowIfNull(options);
        using var client = new SmtpClient(options.SmtpHost, options.SmtpPort) { EnableSsl = options.SmtpStartTls, DeliveryMethod = SmtpDeliveryMethod.Network };
        if (options.SmtpUserName is not null) client.Credentials = new NetworkCredential(options.SmtpUserName, options.SmtpPassword);
        using var message = new MailMessage
        {
            From = new MailAddress(ParseAddress(options.From)), Subject = mail.Subject, SubjectEncoding = Encoding.UTF8, Body = mail.Body, BodyEncoding = Encoding.UTF8,
        };
        message.To.Add(new MailAddress(mail.To));
        message.Headers.Add("Message-ID", mail.MessageId);
        try
        {
            await client.SendMailAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SmtpException or IOException or InvalidOperationException or System.Security.Authentication.AuthenticationException)
        {
            throw new MailNotSentException("De mailserver nam het bericht niet aan: " + e.GetType().Name, e);
        }
    }

    private static string ParseAddress(string from) => MailAddress.TryCreate(from, out var a) ? a.ToString() : from;
}
