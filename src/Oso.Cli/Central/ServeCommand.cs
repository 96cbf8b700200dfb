using System.CommandLine;
using Oso.Central;
using Oso.Hosting.Configuration;

namespace Oso.Cli.Central;

/// <summary><c>oso central serve</c>: runs Central until Ctrl+C, with its settings from <c>--config</c>, <c>OSO_</c> variables and flags.</summary>
internal static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var flags = new SettingFlags();
        flags.Map(new Option<string>("--data") { Description = $"De gegevensmap (standaard {CentralCommand.DefaultData})." }, nameof(CentralOptions.DataDirectory));
        flags.Map(new Option<string?>("--database") { Description = "Een verbindingsreeks: leeg is SQLite in de gegevensmap; 'Host=…' is PostgreSQL (liever via OSO_Database of DatabaseFile: het wachtwoord hoort niet in de proceslijst)." }, nameof(CentralOptions.Database));
        flags.Map(new Option<int>("--portal-port") { Description = "Poort van portaal en beheer-API (HTTPS); 0 is een vrije poort (standaard 7400)." }, nameof(CentralOptions.PortalPort));
        flags.Map(new Option<int>("--protocol-port") { Description = "Poort van het protocol (HTTPS met clientcertificaat); 0 is een vrije poort (standaard 7401)." }, nameof(CentralOptions.ProtocolPort));
        flags.Map(new Option<string>("--bind") { Description = "Adres om op te luisteren (standaard 127.0.0.1; 0.0.0.0 voor alle netwerken)." }, nameof(CentralOptions.BindAddress));
        flags.Map(new Option<string?>("--public-url") { Description = "Het adres waarop anderen het protocol bereiken (https://…), bijvoorbeeld een load balancer voor meerdere instanties; standaard het gebonden adres." }, nameof(CentralOptions.PublicProtocolUrl));
        flags.MapList(new Option<string[]>("--host") { Description = "Extra hostnaam voor het ontwikkel-servercertificaat (herhaalbaar); de eerste is ook het adres van de testschool." }, nameof(CentralOptions.HostNames));
        flags.MapList(new Option<string[]>("--trust-anchor") { Description = "Productie: PEM-bestand met vertrouwensankers (herhaalbaar); dan geen ontwikkel-CA." }, nameof(CentralOptions.TrustAnchorPems));
        flags.Map(new Option<string?>("--server-cert") { Description = "Productie: servercertificaat (PEM)." }, nameof(CentralOptions.ServerCertificatePem));
        flags.Map(new Option<string?>("--server-key") { Description = "Productie: sleutel van het servercertificaat (PEM)." }, nameof(CentralOptions.ServerKeyPem));
        flags.Map(new Option<int>("--sessie-uren") { Description = "Hoe lang een sessie van het Traffic Center openblijft, in uren (standaard 24)." }, nameof(CentralOptions.SessieDuur), SettingFlags.Hours);
        flags.Map(new Option<bool>("--ontwikkeling") { Description = "Ontwikkelmodus, ook met echte certificaten: API-documentatie, uitgebreide foutpagina's, geen HSTS." }, nameof(CentralOptions.Development));
        flags.Map(new Option<bool>("--api-docs") { Description = "Ook in productie de API-documentatie (Scalar) op /scalar." }, nameof(CentralOptions.ApiDocs));
        flags.Map(LogFormatOption(), nameof(CentralOptions.LogFormat));
        var command = flags.AddTo(new Command("serve", "Start Central: portaal en beheer-API, en het protocol (Traffic Center en testschool 00YY). Met echte certificaten (--trust-anchor, --server-cert, --server-key) in productiemodus. Stop met Ctrl+C."));
        command.SetAction(async (p, ct) =>
        {
            CentralOptions options;
            try
            {
                options = flags.Bind(p, new CentralOptions { DataDirectory = CentralCommand.DefaultData });
                options = options with { DataDirectory = Path.GetFullPath(options.DataDirectory), TimeProvider = context.Time, Output = context.Out };
            }
            catch (SettingsException e)
            {
                await context.Error.WriteLineAsync("oso: " + e.Message);
                return ExitCodes.Usage;
            }
            CentralHandle central;
            try
            {
                central = await CentralHost.StartAsync(options, ct);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or System.Security.Cryptography.CryptographicException)
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

    /// <summary><c>--log-format text|json</c>.</summary>
    internal static Option<string> LogFormatOption()
    {
        var option = new Option<string>("--log-format") { Description = "Het logformaat op de console: text (standaard) of json (één object per regel, met trace-id)." };
        option.AcceptOnlyFromAmong("text", "json");
        return option;
    }
}
