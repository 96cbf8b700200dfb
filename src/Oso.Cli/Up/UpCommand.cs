using System.CommandLine;
using Oso.Cli.School;

namespace Oso.Cli.Up;

/// <summary><c>oso up [--data DIR]</c>: Central and a School node with two demo schools, on localhost.</summary>
internal static class UpCommand
{
    public const string DefaultData = ".oso";

    public static Command Create(CliContext context)
    {
        var data = new Option<string>("--data") { Description = $"De gegevensmap (standaard {DefaultData}); een tweede keer starten hergebruikt de gegevens.", DefaultValueFactory = _ => DefaultData };
        var pupils = new Option<int>("--leerlingen") { Description = "Aantal synthetische leerlingen van de demo-basisschool (alleen bij de eerste start).", DefaultValueFactory = _ => 24 };
        var command = new Command("up", "Start OpenOSO op deze machine: Central (register en Traffic Center) en een School-node met een demo-basisschool en een demo-vo-school, gekwalificeerd en gemandateerd, met leerlingen. Stop met Ctrl+C.")
        {
            data, pupils,
        };
        command.SetAction(async (parse, ct) =>
        {
            var directory = parse.GetValue(data)!;
            var first = DemoState.Load(Path.GetFullPath(directory)) is null;
            DemoChain chain;
            try
            {
                chain = await DemoChain.StartAsync(new ChainOptions
                {
                    DataDirectory = directory, Pupils = parse.GetValue(pupils), Log = context.Error, Time = context.Time,
                }, ct).ConfigureAwait(false);
            }
            catch (IOException e) when (e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                await context.Error.WriteLineAsync("oso: een van de poorten 7400, 7401, 7410 of 7411 is al in gebruik (draait 'oso up' al?).").ConfigureAwait(false);
                return ExitCodes.Failed;
            }
            await using (chain)
            {
                await PrintAsync(context.Out, chain, first, Path.GetFullPath(directory)).ConfigureAwait(false);
                await SchoolServeCommand.WaitForStopAsync(ct).ConfigureAwait(false);
                await context.Error.WriteLineAsync("OpenOSO stopt…").ConfigureAwait(false);
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task PrintAsync(TextWriter output, DemoChain chain, bool first, string directory)
    {
        var s = chain.State;
        var lines = new List<string>
        {
            "",
            first ? "OpenOSO draait (nieuw ingericht)." : "OpenOSO draait (bestaande gegevens hergebruikt).",
            "",
            $"  Central-portaal en beheer-API   {chain.Central.PortalUrl}   (API-documentatie: {chain.Central.PortalUrl}scalar)",
            $"  Traffic Center (protocol, mTLS) {chain.Central.TrafficCenterUrl}",
            $"  School-node portaal en LAS-API  {chain.School.PortalUrl}   (API-documentatie: {chain.School.PortalUrl}scalar)",
            $"  School-node protocol (mTLS)     {chain.School.ProtocolUrl}",
            "",
            $"  Demoscholen: {s.Po.Brin} {s.Po.Naam} (PO, aanleverpunt {s.Po.RouteringsKenmerk})",
            $"               {s.Vo.Brin} {s.Vo.Naam} (VO, aanleverpunt {s.Vo.RouteringsKenmerk})",
            $"  LAS-API-sleutels (Authorization: Bearer …):",
            $"    {s.Po.Brin}: {s.Po.LasSleutel}",
            $"    {s.Vo.Brin}: {s.Vo.LasSleutel}",
            "  Demo-logins (bij de eerste aanmelding stel je tweestapsverificatie in):",
        };
        lines.AddRange(s.Logins.Select(l => $"    {l.Rol,-40} {l.Email} / {l.Wachtwoord}  ({l.Waar})"));
        if (chain.ParentLink is { } parentLink)
        {
            lines.Add($"  Ouderlink (demo: leerling {SchoolDemoLogins.ParentLinkPupil} van {s.Po.Brin}; geen account nodig, 14 dagen geldig, bij elke start een nieuwe):");
            lines.Add($"    {parentLink}");
            lines.Add($"  E-mail aan ouders schrijft de node in ontwikkeling naar {Path.Combine(directory, "school", "outbox-mail")}.");
        }
        lines.Add("");
        lines.Add($"  Gegevens: {directory}   (certificaten van de ontwikkel-CA: {chain.Central.CertificateAuthorityDirectory})");
        lines.Add("  Speel het hele verhaal af in een ander venster met: ./oso demo");
        lines.Add("  Stop met Ctrl+C.");
        foreach (var line in lines) await output.WriteLineAsync(line).ConfigureAwait(false);
    }
}
