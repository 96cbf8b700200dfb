using System.CommandLine;
using System.Text;
using System.Text.Json;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Security;

namespace Oso.Cli.School;

/// <summary>
/// <c>oso school cert request</c>: a node on its own host makes its private key (mode 600) and a certificate request;
/// Central's CA signs the request (<c>oso central cert sign</c>), so neither the node's key nor the CA's ever travels.
/// </summary>
internal static class CertCommand
{
    /// <summary>Where the key and the request go when no <c>--output</c> is given: <c>DATA/certificaten</c>.</summary>
    public const string Folder = "certificaten";

    public static Command Create(CliContext context)
    {
        var data = new Option<string>("--data") { Description = $"De gegevensmap van de node (standaard {SchoolCommand.DefaultData}).", DefaultValueFactory = _ => SchoolCommand.DefaultData };
        var hosts = new Option<string[]>("--host") { Description = "Hostnaam of IP-adres waaronder de node bereikbaar is (herhaalbaar): een servercertificaat.", AllowMultipleArgumentsPerToken = false };
        var systeem = new Option<string?>("--system") { Description = "Het systeem-id van de node (urn:oso:systeem:<id>): een systeemcertificaat." };
        var output = new Option<string?>("--output", "-o") { Description = $"Map voor de sleutel en het verzoek (standaard <gegevensmap>/{Folder})." };
        var json = new Option<bool>("--json") { Description = "Uitvoer als JSON." };
        var request = new Command("request",
            "Maak een privésleutel (modus 600) en een certificaatverzoek (PKCS#10) voor deze node: met --host een servercertificaat, met --system een "
            + "systeemcertificaat. Laat het verzoek tekenen met oso central cert sign --csr en start de node met --server-cert/--server-key "
            + "(of --system-cert/--system-key) en --trust-anchor: de sleutel van de CA komt nooit op de node.") { data, hosts, systeem, output, json };
        request.SetAction(async (parse, ct) =>
        {
            var names = parse.GetValue(hosts) ?? [];
            var id = parse.GetValue(systeem);
            if ((names.Length > 0) == (id is not null))
                return await UsageAsync(context, "geef --host (servercertificaat) of --system (systeemcertificaat), niet beide.");
            string kind, keyPem, requestPem;
            try
            {
                if (id is not null)
                {
                    if (!SysteemId.TryParse(id, out var systeemId)) return await UsageAsync(context, $"'{id}' is geen systeem-id (1 tot 64 letters, cijfers, '.', '_' of '-').");
                    (kind, (keyPem, requestPem)) = ("system", CertificateRequests.ForSystem(systeemId));
                }
                else
                {
                    (kind, (keyPem, requestPem)) = ("server", CertificateRequests.ForServer(names));
                }
            }
            catch (ArgumentException e)
            {
                return await UsageAsync(context, e.Message.Split(" (Parameter", StringSplitOptions.None)[0]);
            }

            var folder = Path.GetFullPath(parse.GetValue(output) ?? Path.Combine(parse.GetValue(data)!, Folder));
            var keyFile = Path.Combine(folder, kind + ".key.pem");
            var requestFile = Path.Combine(folder, kind + ".csr.pem");
            if (File.Exists(keyFile))
            {
                await context.Error.WriteLineAsync($"oso: {keyFile} bestaat al; een bestaande sleutel wordt niet overschreven. Kies een andere map (--output) of verwijder hem eerst.");
                return ExitCodes.Failed;
            }
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
            else Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            DevelopmentCertificateAuthority.WritePrivate(keyFile, keyPem);
            await File.WriteAllTextAsync(requestFile, requestPem + "\n", Encoding.ASCII, ct);
            await context.Out.WriteLineAsync(parse.GetValue(json)
                ? JsonSerializer.Serialize(new { soort = kind == "server" ? "Server" : "Systeem", sleutel = keyFile, verzoek = requestFile })
                : $"Sleutel geschreven naar {keyFile} (alleen leesbaar voor de eigenaar) en certificaatverzoek naar {requestFile}.{Environment.NewLine}"
                  + $"Laat het verzoek tekenen: oso central cert sign --csr {requestFile}");
            return ExitCodes.Ok;
        });
        return new Command("cert", "Certificaten van deze node.") { request };
    }

    private static async Task<int> UsageAsync(CliContext context, string message)
    {
        await context.Error.WriteLineAsync("oso: " + message);
        return ExitCodes.Usage;
    }
}
