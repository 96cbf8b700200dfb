namespace Oso.Hosting.Mail;

/// <summary>A message a host sends: plain text, one recipient.</summary>
/// <param name="MessageId">Unique per message and stable across retries (<c>&lt;…@openoso&gt;</c>): a retry writes or sends the same id, so a receiver can drop a duplicate.</param>
/// <param name="To">The address.</param>
/// <param name="Subject">The subject.</param>
/// <param name="Body">Plain text (never pupil names, numbers or dossier content: mail travels outside the portal).</param>
public sealed record OutgoingMail(string MessageId, string To, string Subject, string Body);

/// <summary>How mail leaves a host.</summary>
public interface IMailTransport
{
    /// <summary>Sends (or, in development, writes) one message. Throws <see cref="MailNotSentException"/> when it could not.</summary>
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}

/// <summary>A message could not be sent now (the server away, refused, a write failed): the caller retries later.</summary>
public sealed class MailNotSentException : Exception
{
    /// <summary>Creates one.</summary>
    public MailNotSentException()
    {
    }

    /// <summary>Creates one.</summary>
    public MailNotSentException(string message) : base(message)
    {
    }

    /// <summary>Creates one around the transport's error (whose message is never logged: it may quote an address).</summary>
    public MailNotSentException(string message, Exception inner) : base(message, inner)
    {
    }
}
