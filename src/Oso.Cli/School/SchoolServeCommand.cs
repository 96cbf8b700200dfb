using System.CommandLine;
using Oso.School;

namespace Oso.Cli.School;

/// <summary><c>oso school serve</c>: runs a School node until Ctrl+C.</summary>
internal static class SchoolServeCommand
{
    public static Command Create(CliContext context)
    {
        var common = new SchoolCommand.Common();
        var flags = common.Flags;
        flags.Map(new Option<int>("--portal-port") { Description = "Poort van portaal en LAS-API (standaard 7410)." }, nameof(SchoolOptions.PortalPort));
        flags.Map(new Option<int>("--protocol-port") { Description = "Poort van het OSO-protocol (standaard 7411)." }, nameof(SchoolOptions.ProtocolPort));
        flags.Map(new Option<string>("--bind") { Description = "Adres om op te luisteren (standaard 127.0.0.1; 0.0.0.0 voor alle netwerken)." }, nameof(SchoolOptions.BindAddress));
        flags.Map(new Option<string?>("--public-url") { Description = "Het adres waarop andere scholen het protocol van deze node bereiken (https://…); standaard het gebonden adres." }, nameof(SchoolOptions.PublicProtocolUrl));
        flags.Map(new Option<string>("--traffic-center") { Description = "Het SOAP-adres van het Traffic Center, bijvoorbeeld https://localhost:7401/oso/tc (verplicht, hier of in de configuratie)." }, nameof(SchoolOptions.TrafficCenterUrl));
        flags.Map(new Option<string>("--system-cert") { Description = "Het systeemcertificaat van deze node (PEM; verplicht, hier of in de configuratie)." }, nameof(SchoolOptions.SystemCertificate));
        flags.Map(new Option<string>("--system-key") { Description = "De sleutel van het systeemcertificaat (PEM)." }, nameof(SchoolOptions.SystemKey));
        flags.MapList(new Option<string[]>("--trust-anchor") { Description = "Vertrouwde basiscertificaten (PEM), herhaalbaar.", AllowMultipleArgumentsPerToken = true }, nameof(SchoolOptions.TrustAnchors));
        flags.Map(new Option<string?>("--server-cert") { Description = "Het servercertificaat (PEM); zonder: uit --dev-ca." }, nameof(SchoolOptions.ServerCertificate));
        flags.Map(new Option<string?>("--server-key") { Description = "De sleutel van het servercertificaat (PEM)." }, nameof(SchoolOptions.ServerKey));
        flags.Map(new Option<string?>("--dev-ca") { Description = "Alleen ontwikkeling: de map van de ontwikkel-CA die het servercertificaat uitgeeft." }, nameof(SchoolOptions.DevelopmentCaDirectory));
        flags.Map(new Option<string?>("--revocations") { Description = "Waar Central ingetrokken certificaten publiceert (JSON)." }, nameof(SchoolOptions.RevocationListUrl));
        flags.Map(new Option<string?>("--register") { Description = "Waar Central de gekwalificeerde scholen publiceert (JSON, /api/scholen/gekwalificeerd): om een vorige school op naam te vinden." }, nameof(SchoolOptions.RegisterListUrl));
        flags.Map(new Option<bool>("--ontwikkeling") { Description = "Ontwikkelmodus, ook met echte certificaten: API-documentatie, uitgebreide foutpagina's, geen HSTS." }, nameof(SchoolOptions.Development));
        flags.Map(new Option<bool>("--api-docs") { Description = "Ook in productie de API-documentatie (Scalar) op /scalar." }, nameof(SchoolOptions.ApiDocs));
        flags.Map(Central.ServeCommand.LogFormatOption(), nameof(SchoolOptions.LogFormat));
        var command = common.AddTo(new Command("serve", "Start een School-node (portaal/LAS-API en protocol met wederzijdse TLS). Met echte certificaten in productiemodus. Stop met Ctrl+C."));
        command.SetAction(async (parse, ct) =>
        {
            SchoolOptions options;
            try
            {
                options = common.Bind(parse, validate: true);
            }
            catch (ArgumentException e)
            {
                await context.Error.WriteLineAsync("oso: " + e.Message).ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            try
            {
                await using var node = await SchoolNode.StartAsync(options, cancellationToken: ct).ConfigureAwait(false);
                await context.Out.WriteLineAsync($"School-node draait ({(node.Development ? "ontwikkeling" : "productie")}).").ConfigureAwait(false);
                await context.Out.WriteLineAsync($"School-node portaal en LAS-API: {node.PortalUrl}").ConfigureAwait(false);
                await context.Out.WriteLineAsync($"School-node protocol (mTLS):    {node.ProtocolUrl}").ConfigureAwait(false);
                await context.Out.WriteLineAsync("Stop met Ctrl+C.").ConfigureAwait(false);
                await WaitForStopAsync(ct).ConfigureAwait(false);
                return ExitCodes.Ok;
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or System.Security.Cryptography.CryptographicException)
            {
                await context.Error.WriteLineAsync("oso: " + e.Message).ConfigureAwait(false);
                return ExitCodes.Failed;
            }
        });
        return command;
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
