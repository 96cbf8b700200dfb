using System.CommandLine;
using System.Net;
using Oso.Central;

namespace Oso.Cli.Central;

/// <summary><c>oso central serve</c>: runs Central until Ctrl+C.</summary>
internal static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var data = new Option<string>("--data") { Description = $"De gegevensmap (standaard {CentralCommand.DefaultData}).", DefaultValueFactory = _ => CentralCommand.DefaultData };
        var database = new Option<string?>("--database") { Description = "Een verbindingsreeks: leeg is SQLite in de gegevensmap; 'Host=…' is PostgreSQL." };
        var portal = new Option<int>("--portal-port") { Description = "Poort van portaal en beheer-API (HTTPS); 0 is een vrije poort.", DefaultValueFactory = _ => 7400 };
        var protocol = new Option<int>("--protocol-port") { Description = "Poort van het protocol (HTTPS met clientcertificaat); 0 is een vrije poort.", DefaultValueFactory = _ => 7401 };
        var bind = new Option<string>("--bind") { Description = "Adres om op te luisteren (standaard 127.0.0.1).", DefaultValueFactory = _ => "127.0.0.1" };
        var host = new Option<string[]>("--host") { Description = "Extra hostnaam voor het ontwikkel-servercertificaat (herhaalbaar)." };
        var anchors = new Option<string[]>("--trust-anchor") { Description = "Productie: PEM-bestand met vertrouwensankers (herhaalbaar); dan geen ontwikkel-CA." };
        var cert = new Option<string?>("--server-cert") { Description = "Productie: servercertificaat (PEM)." };
        var key = new Option<string?>("--server-key") { Description = "Productie: sleutel van het servercertificaat (PEM)." };
        var uren = new Option<int>("--sessie-uren") { Description = "Hoe lang een sessie van het Traffic Center openblijft, in uren (standaard 24).", DefaultValueFactory = _ => 24 };
        var command = new Command("serve", "Start Central: portaal en beheer-API, en het protocol (Traffic Center en testschool 00YY). Stop met Ctrl+C.")
        {
            data, database, portal, protocol, bind, host, anchors, cert, key, uren,
        };
        command.SetAction(async (p, ct) =>
        {
            if (p.GetValue(uren) is < 1 or > 24 * 365)
            {
                await context.Error.WriteLineAsync("oso: --sessie-uren ligt tussen 1 en 8760.");
                return ExitCodes.Usage;
            }
            if (!IPAddress.TryParse(p.GetValue(bind), out var address))
            {
                await context.Error.WriteLineAsync($"oso: '{p.GetValue(bind)}' is geen IP-adres.");
                return ExitCodes.Usage;
            }
            var options = new CentralOptions
            {
                DataDirectory = Path.GetFullPath(p.GetValue(data)!),
                Database = p.GetValue(database),
                PortalPort = p.GetValue(portal),
                ProtocolPort = p.GetValue(protocol),
                BindAddress = address,
                HostNames = p.GetValue(host) ?? [],
                TrustAnchorPems = p.GetValue(anchors) ?? [],
                ServerCertificatePem = p.GetValue(cert),
                ServerKeyPem = p.GetValue(key),
                SessieDuur = TimeSpan.FromHours(p.GetValue(uren)),
                TimeProvider = context.Time,
                Output = context.Out,
            };
            CentralHandle central;
            try
            {
                central = await CentralHost.StartAsync(options, ct);
            }
            catch (IOException e)
            {
                await context.Error.WriteLineAsync($"oso: Central kon niet starten: {e.Message}");
                return ExitCodes.Failed;
            }
            await using (central)
            {
                await context.Out.WriteLineAsync("Stop met Ctrl+C.");
                try
                {
                    await Task.Delay(Timeout.Infinite, ct);
                }
                catch (OperationCanceledException)
                {
                    await context.Out.WriteLineAsync("Central stopt.");
                }
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
