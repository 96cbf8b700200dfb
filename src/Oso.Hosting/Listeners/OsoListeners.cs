using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Oso.Protocol.Security;

namespace Oso.Hosting.Listeners;

/// <summary>The addresses and limits of a host's two listeners.</summary>
public sealed record ListenerOptions
{
    /// <summary>The address to bind (loopback by default).</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>The portal/API port (0: any free port).</summary>
    public int PortalPort { get; init; }

    /// <summary>The protocol port (0: any free port).</summary>
    public int ProtocolPort { get; init; }

    /// <summary>Largest request body on the protocol listener (a documentResponse travels the other way; requests are small, but terugkoppelingen and dossiers pushed by a LAS are not).</summary>
    public long MaxProtocolBody { get; init; } = 256L * 1024 * 1024;
}

/// <summary>
/// Configures Kestrel with the portal listener (HTTPS) and the protocol listener (HTTPS + client certificate), both with
/// the TLS settings of <see cref="OsoTls"/> (TLS 1.2/1.3, AEAD suites only).
/// </summary>
public static class OsoListeners
{
    /// <summary>Binds both listeners.</summary>
    /// <param name="builder">The web application builder.</param>
    /// <param name="options">Ports and limits.</param>
    /// <param name="serverCertificate">The host's TLS certificate (with private key).</param>
    /// <param name="clientValidator">Validates callers' client certificates on the protocol listener.</param>
    public static void Configure(WebApplicationBuilder builder, ListenerOptions options, X509Certificate2 serverCertificate, OsoCertificateValidator clientValidator)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxProtocolBody;
            kestrel.Listen(options.Address, options.PortalPort, listen =>
            {
                listen.UseHttps(https =>
                {
                    https.ServerCertificate = serverCertificate;
                    https.SslProtocols = OsoTls.Protocols;
                    https.OnAuthenticate = (_, ssl) => OsoTls.Apply(ssl); // AEAD suites only (NCSC "goed")
                    https.ClientCertificateMode = ClientCertificateMode.AllowCertificate; // systems may use the API with their certificate
                    https.ClientCertificateValidation = clientValidator.ValidateKestrelClientCertificate;
                });
                listen.Use(ListenerRoles.Mark(ListenerRole.Portal).Apply);
            });
            kestrel.Listen(options.Address, options.ProtocolPort, listen =>
            {
                listen.UseHttps(https =>
                {
                    https.ServerCertificate = serverCertificate;
                    https.SslProtocols = OsoTls.Protocols;
                    https.OnAuthenticate = (_, ssl) => OsoTls.Apply(ssl);
                    https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                    https.ClientCertificateValidation = clientValidator.ValidateKestrelClientCertificate;
                });
                listen.Use(ListenerRoles.Mark(ListenerRole.Protocol).Apply);
            });
        });
    }

    /// <summary>The bound URLs after start: the portal first, then the protocol.</summary>
    public static (Uri Portal, Uri Protocol) BoundUrls(WebApplication app, ListenerOptions options)
    {
        ArgumentNullException.ThrowIfNull(app);
        // a wildcard bind (0.0.0.0, [::]) is not an address a client can use: name the local host instead
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a.Replace("[::]", "localhost", StringComparison.Ordinal).Replace("0.0.0.0", "localhost", StringComparison.Ordinal))).ToList();
        // Kestrel reports addresses in the order the endpoints were configured
        var portal = addresses[0];
        var protocol = addresses[1];
        if (options.PortalPort != 0 && portal.Port != options.PortalPort) (portal, protocol) = (protocol, portal);
        return (portal, protocol);
    }
}
