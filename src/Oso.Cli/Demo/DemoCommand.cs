using System.CommandLine;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.Encodings.Web;
using System.Text.Json;
using Oso.Cli.Up;

namespace Oso.Cli.Demo;

/// <summary><c>oso demo [--data DIR] [--out DIR] [--json]</c>: plays the whole OSO story against a running <c>oso up</c> (or its own).</summary>
internal static class DemoCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create(CliContext context)
    {
        var data = new Option<string>("--data") { Description = $"De gegevensmap van 'oso up' (standaard {UpCommand.DefaultData}).", DefaultValueFactory = _ => UpCommand.DefaultData };
        var output = new Option<string>("--out") { Description = "Waar de ontvangen dossiers en het transcript komen (standaard ./oso-demo).", DefaultValueFactory = _ => "oso-demo" };
        var json = new Option<bool>("--json") { Description = "Een machineleesbare samenvatting op standaarduitvoer." };
        var nodeUrl = new Option<string?>("--node") { Description = "Het portaal van een draaiende School-node elders (https://…/), met demo.json in --data (de LAS-sleutels van 91PO en 92VO); bijvoorbeeld de node uit deploy/try-image.sh." };
        var anchorFile = new Option<string?>("--trust-anchor") { Description = "Het basiscertificaat (PEM) waarmee het servercertificaat van de node is uitgegeven (standaard de ontwikkel-CA in --data)." };
        var command = new Command("demo", "Speel het hele verhaal af via de openbare koppelvlakken: de basisschool legt inzage vast en geeft vrij, de vo-school meldt aan en vraagt op, het dossier komt aan en wordt gecontroleerd; plus een verzoek dat eerst wordt geweigerd en na de vrijgave via een notificatie alsnog wordt geleverd. Gebruikt een draaiende 'oso up' of start er zelf een. Exitcode 0 alleen als alles slaagde.")
        {
            data, output, json, nodeUrl, anchorFile,
        };
        command.SetAction(async (parse, ct) =>
        {
            var directory = Path.GetFullPath(parse.GetValue(data)!);
            var log = parse.GetValue(json) ? context.Error : context.Out;
            DemoChain? own = null;
            var state = DemoState.Load(directory);
            Uri node;
            if (parse.GetValue(nodeUrl) is { } given)
            {
                if (state is null || !Uri.TryCreate(given, UriKind.Absolute, out node!))
                {
                    await context.Error.WriteLineAsync($"oso: --node vraagt een volledig adres en {DemoState.PathIn(directory)} met de LAS-sleutels.").ConfigureAwait(false);
                    return ExitCodes.Usage;
                }
            }
            else if (state is not null && await ListeningAsync(7410).ConfigureAwait(false))
            {
                await log.WriteLineAsync($"Draaiende OpenOSO gevonden (gegevens in {directory}).").ConfigureAwait(false);
                node = new Uri("https://127.0.0.1:7410/");
            }
            else
            {
                await log.WriteLineAsync($"Geen draaiende 'oso up' gevonden: OpenOSO wordt gestart in {directory}.").ConfigureAwait(false);
                own = await DemoChain.StartAsync(new ChainOptions { DataDirectory = directory, Log = context.Error, Time = context.Time }, ct).ConfigureAwait(false);
                state = own.State;
                node = own.School.PortalUrl;
            }
            try
            {
                using var anchor = X509CertificateLoader.LoadCertificateFromFile(parse.GetValue(anchorFile) ?? Path.Combine(directory, "central", "ca", "ca.crt.pem"));
                var outcome = await new DemoStory(node, state, anchor, Path.GetFullPath(parse.GetValue(output)!), context.Time, log).RunAsync(ct).ConfigureAwait(false);
                await log.WriteLineAsync().ConfigureAwait(false);
                await log.WriteLineAsync(outcome.Geslaagd
                    ? $"Alles geslaagd. Dossiers en transcript in {Path.GetDirectoryName(outcome.Transcript)}."
                    : "Niet alles slaagde; zie het transcript: " + outcome.Transcript).ConfigureAwait(false);
                if (parse.GetValue(json))
                    await context.Out.WriteLineAsync(JsonSerializer.Serialize(outcome, Json)).ConfigureAwait(false);
                return outcome.Geslaagd ? ExitCodes.Ok : ExitCodes.Failed;
            }
            finally
            {
                if (own is not null) await own.DisposeAsync().ConfigureAwait(false);
            }
        });
        return command;
    }

    private static async Task<bool> ListeningAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port).WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is SocketException or TimeoutException)
        {
            return false;
        }
    }
}
