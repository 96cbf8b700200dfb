using System.CommandLine;
using System.Net;
using Oso.School;

namespace Oso.Cli.School;

/// <summary><c>oso school serve</c>: runs a School node until Ctrl+C.</summary>
internal static class SchoolServeCommand
{
    public static Command Create(CliContext context)
    {
        var common = new SchoolCommand.Common();
        var portal = new Option<int>("--portal-port") { Description = "Poort van portaal en LAS-API (standaard 7410).", DefaultValueFactory = _ => 7410 };
        var protocol = new Option<int>("--protocol-port") { Description = "Poort van het OSO-protocol (standaard 7411).", DefaultValueFactory = _ => 7411 };
        var bind = new Option<string>("--bind") { Description = "Adres om op te luisteren (standaard 127.0.0.1; 0.0.0.0 voor alle netwerken).", DefaultValueFactory = _ => "127.0.0.1" };
        var publicUrl = new Option<string?>("--public-url") { Description = "Het adres waarop andere scholen het protocol van deze node bereiken (https://…); standaard het gebonden adres." };
        var tc = new Option<string>("--traffic-center") { Description = "Het SOAP-adres van het Traffic Center, bijvoorbeeld https://localhost:7401/oso/tc.", Required = true };
        var systemCert = new Option<string>("--system-cert") { Description = "Het systeemcertificaat van deze node (PEM).", Required = true };
        var systemKey = new Option<string>("--system-key") { Description = "De sleutel van het systeemcertificaat (PEM).", Required = true };
        var anchors = new Option<string[]>("--trust-anchor") { Description = "Vertrouwde basiscertificaten (PEM), herhaalbaar.", AllowMultipleArgumentsPerToken = true };
        var serverCert = new Option<string?>("--server-cert") { Description = "Het servercertificaat (PEM); zonder: uit --dev-ca." };
        var serverKey = new Option<string?>("--server-key") { Description = "De sleutel van het servercertificaat (PEM)." };
        var devCa = new Option<string?>("--dev-ca") { Description = "Alleen ontwikkeling: de map van de ontwikkel-CA die het servercertificaat uitgeeft." };
        var revocations = new Option<string?>("--revocations") { Description = "Waar Central ingetrokken certificaten publiceert (JSON)." };
        var register = new Option<string?>("--register") { Description = "Waar Central de gekwalificeerde scholen publiceert (JSON, /api/scholen/gekwalificeerd): om een vorige school op naam te vinden." };
        var command = common.AddTo(new Command("serve", "Start een School-node (portaal/LAS-API en protocol met wederzijdse TLS). Stop met Ctrl+C.")
        {
            portal, protocol, bind, publicUrl, tc, systemCert, systemKey, anchors, serverCert, serverKey, devCa, revocations, register,
        });
        command.SetAction(async (parse, ct) =>
        {
            SchoolOptions options;
            try
            {
                if (!IPAddress.TryParse(parse.GetValue(bind), out var address))
                    throw new ArgumentException($"'{parse.GetValue(bind)}' bij --bind is geen IP-adres.");
                options = common.Options(parse) with
                {
                    PortalPort = parse.GetValue(portal),
                    ProtocolPort = parse.GetValue(protocol),
                    BindAddress = address,
                    PublicProtocolUrl = HttpsUrl(parse.GetValue(publicUrl), "--public-url"),
                    TrafficCenterUrl = HttpsUrl(parse.GetValue(tc), "--traffic-center"),
                    SystemCertificate = parse.GetValue(systemCert),
                    SystemKey = parse.GetValue(systemKey),
                    TrustAnchors = parse.GetValue(anchors) ?? [],
                    ServerCertificate = parse.GetValue(serverCert),
                    ServerKey = parse.GetValue(serverKey),
                    DevelopmentCaDirectory = parse.GetValue(devCa),
                    RevocationListUrl = HttpsUrl(parse.GetValue(revocations), "--revocations"),
                    RegisterListUrl = HttpsUrl(parse.GetValue(register), "--register"),
                };
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                await context.Error.WriteLineAsync("oso: " + e.Message).ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            try
            {
                await using var node = await SchoolNode.StartAsync(options, cancellationToken: ct).ConfigureAwait(false);
                await context.Out.WriteLineAsync($"School-node portaal en LAS-API: {node.PortalUrl}").ConfigureAwait(false);
                await context.Out.WriteLineAsync($"School-node protocol (mTLS):    {node.ProtocolUrl}").ConfigureAwait(false);
                await context.Out.WriteLineAsync("Stop met Ctrl+C.").ConfigureAwait(false);
                await WaitForStopAsync(ct).ConfigureAwait(false);
                return ExitCodes.Ok;
            }
            catch (InvalidOperationException e)
            {
                await context.Error.WriteLineAsync("oso: " + e.Message).ConfigureAwait(false);
                return ExitCodes.Failed;
            }
        });
        return command;
    }

    // OSO traffic is HTTPS only: an http:// or relative address is a mistake to report, not to try
    private static Uri? HttpsUrl(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            throw new ArgumentException($"'{text}' bij {option} is geen https-adres (bijvoorbeeld https://tc.example.nl/oso/tc).");
        return uri;
    }

    /// <summary>Waits for Ctrl+C (or the invocation's cancellation).</summary>
    internal static async Task WaitForStopAsync(CancellationToken ct)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: System.CommandLine cancels the token; the caller stops cleanly
        }
    }
}
