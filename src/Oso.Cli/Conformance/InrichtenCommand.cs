using System.CommandLine;
using Oso.Central;
using Oso.Cli.Central;

namespace Oso.Cli.Conformance;

/// <summary>
/// <c>oso conformance inrichten</c>: gives the kit an identity at a development Central (as <c>oso up</c> runs it): the
/// system <c>oso-conformance</c> with a doel school, a bron school, a school that is not qualified and one without a
/// mandate, each with an aanleverpunt, and a certificate from Central's development CA. Prints the commands to run.
/// </summary>
internal static class InrichtenCommand
{
    public static Command Create(CliContext context)
    {
        var common = new CentralCommand.Common();
        var output = new Option<string>("-o", "--uitvoer") { Description = "Map voor het certificaat, de sleutel en het vertrouwensanker.", DefaultValueFactory = _ => ".oso/conformance" };
        var systeem = new Option<string>("--systeem") { Description = "Het systeem-id van de kit.", DefaultValueFactory = _ => KitIdentiteiten.StandaardSysteem };
        var command = common.AddTo(new Command("inrichten", "Registreer een systeem voor de conformancekit bij een Central in ontwikkeling (met de ontwikkel-CA) en schrijf zijn certificaat.") { output, systeem });
        command.SetAction(async (parse, ct) =>
        {
            var map = Path.GetFullPath(parse.GetValue(output)!);
            CentralAdmin admin;
            try
            {
                admin = await CentralAdmin.OpenAsync(common.Options(parse), "beheer (cli: conformance inrichten)", ct);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or System.Data.Common.DbException)
            {
                await context.Error.WriteLineAsync($"oso: de database van Central kan niet worden geopend: {e.Message}");
                return ExitCodes.Failed;
            }
            await using (admin)
            {
                KitIdentiteit id;
                try
                {
                    id = await KitIdentiteiten.RegisterAsync(admin, parse.GetValue(systeem)!, KitIdentiteiten.Standaard, map, context.Time, ct);
                }
                catch (InvalidOperationException e)
                {
                    await context.Error.WriteLineAsync("oso: " + e.Message);
                    return ExitCodes.Failed;
                }
                var kit = $"--cert {id.Certificaat} --key {id.Sleutel} --trust-anchor {id.TrustAnchor}";
                await context.Out.WriteLineAsync($"""
                    Systeem {id.SysteemId} ingericht; certificaat in {map}.
                    Scholen: {string.Join(", ", KitIdentiteiten.Standaard.Select(s => $"{s.Brin} ({s.RouteringsKenmerk})"))}.
                    Met 'oso up' op de standaardpoorten:
                      oso conformance tc   --target https://127.0.0.1:7401/oso/tc {kit} --doel {KitIdentiteiten.Doel.RouteringsKenmerk} --bron {KitIdentiteiten.Bron.RouteringsKenmerk} --ongekwalificeerd {KitIdentiteiten.Ongekwalificeerd.RouteringsKenmerk} --zonder-mandaat {KitIdentiteiten.ZonderMandaat.RouteringsKenmerk}
                      oso conformance bron --target https://127.0.0.1:7401/oso/testschool --traffic-center https://127.0.0.1:7401/oso/tc {kit} --doel {KitIdentiteiten.Doel.RouteringsKenmerk}
                    """);
                return ExitCodes.Ok;
            }
        });
        return command;
    }
}
