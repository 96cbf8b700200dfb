using System.Globalization;
using System.Text;

namespace Oso.Hosting.Mail;

/// <summary>Development: writes each message as an <c>.eml</c> file (UTF-8, 8bit, one file per message id) instead of sending it.</summary>
public sealed class PickupDirectoryTransport(string directory, string from, TimeProvider time) : IMailTransport
{
    /// <summary>The directory.</summary>
    public string Directory => directory;

    /// <inheritdoc />
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        try
        {
            System.IO.Directory.CreateDirectory(directory);
            var name = new string(mail.MessageId.Where(char.IsAsciiLetterOrDigit).ToArray());
            var path = Path.Combine(directory, name + ".eml");
            var text = new StringBuilder()
                .Append("Date: ").Append(time.GetUtcNow().ToString("ddd, dd MMM yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture)).Append("\r\n")
                .Append("From: ").Append(from).Append("\r\n")
                .Append("To: ").Append(mail.To).Append("\r\n")
                .Append("Subject: ").Append(MailHeaders.Encode(mail.Subject)).Append("\r\n")
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
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MailNotSentException("Het bericht kon niet worden weggeschreven: " + e.GetType().Name, e);
        }
    }
}

/// <summary>Header values outside ASCII as RFC 2047 encoded words (a subject in Dutch may carry ‘ë’).</summary>
internal static class MailHeaders
{
    public static string Encode(string value) =>
        value.All(c => c is >= ' ' and <= '~') ? value : "=?utf-8?B?" + Convert.ToBase64String(Encoding.UTF8.GetBytes(value)) + "?=";
}
