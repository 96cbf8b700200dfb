using Microsoft.Extensions.DependencyInjection;

namespace Oso.Hosting.Mail;

/// <summary>Mail for a host: SMTP when a server is configured, else the development pickup directory in the data directory.</summary>
public static class MailSetup
{
    /// <summary>Registers the <see cref="IMailTransport"/> (a later registration, such as a test's, replaces it).</summary>
    public static IServiceCollection AddOsoMail(this IServiceCollection services, MailOptions options, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        return services.AddSingleton<IMailTransport>(sp => string.IsNullOrWhiteSpace(options.SmtpHost)
            ? new PickupDirectoryTransport(Path.Combine(dataDirectory, options.PickupDirectory), options.From, sp.GetRequiredService<TimeProvider>())
            : new SmtpTransport(options));
    }
}
