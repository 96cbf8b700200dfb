using Oso.Hosting.Configuration;

namespace Oso.Hosting.Mail;

/// <summary>
/// How a host's mail leaves it. Without an SMTP server (development) every message is written as an <c>.eml</c> file to a
/// pickup directory (default <c>DATA/outbox-mail</c>) instead of being sent.
/// </summary>
public sealed record MailOptions
{
    /// <summary>The sender.</summary>
    public string From { get; init; } = "OpenOSO <noreply@openoso.invalid>";

    /// <summary>The SMTP server's host name; empty: write to <see cref="PickupDirectory"/>.</summary>
    public string? SmtpHost { get; init; }

    /// <summary>The SMTP port (587: submission with STARTTLS).</summary>
    public int SmtpPort { get; init; } = 587;

    /// <summary>
    /// STARTTLS before anything is sent (default). Only for a relay on the same machine (<c>localhost:25</c>) may this be
    /// false: mail to parents carries their personal link.
    /// </summary>
    public bool SmtpStartTls { get; init; } = true;

    /// <summary>The SMTP user name, if the server wants one.</summary>
    public string? SmtpUserName { get; init; }

    /// <summary>The SMTP password.</summary>
    [Secret]
    public string? SmtpPassword { get; init; }

    /// <summary>Where messages are written when no SMTP server is set (relative to the data directory); default <c>outbox-mail</c>.</summary>
    public string PickupDirectory { get; init; } = "outbox-mail";

    /// <summary>What is wrong with these settings, named under <paramref name="section"/> (<c>Mail</c>).</summary>
    public IEnumerable<SettingProblem> Problems(string section)
    {
        if (SmtpPort is < 1 or > 65535) yield return new SettingProblem(section + ":SmtpPort", $"{SmtpPort} is geen poort (1 tot en met 65535).");
        if (string.IsNullOrWhiteSpace(From) || !System.Net.Mail.MailAddress.TryCreate(From, out _))
            yield return new SettingProblem(section + ":From", $"'{From}' is geen afzender (bijvoorbeeld OpenOSO <noreply@school.nl>).");
        if (string.IsNullOrWhiteSpace(SmtpHost) && string.IsNullOrWhiteSpace(PickupDirectory))
            yield return new SettingProblem(section + ":PickupDirectory", "ontbreekt: zonder SmtpHost gaat de mail naar deze map.");
    }
}
