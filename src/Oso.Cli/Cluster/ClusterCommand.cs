using System.CommandLine;
using Oso.Cli.School;

namespace Oso.Cli.Cluster;

/// <summary><c>oso cluster up --instances N --data DIR</c>.</summary>
internal static class ClusterCommand
{
    public static Command Create(CliContext context)
    {
        var instances = new Option<int>("--instances") { Description = "Instanties van Central en van de School-node (elk; standaard 2).", DefaultValueFactory = _ => 2 };
        var data = new Option<string>("--data") { Description = "De gegevensmap (standaard .oso-cluster); wordt bij elke start geleegd: de database is tijdelijk.", DefaultValueFactory = _ => ".oso-cluster" };
        var basePort = new Option<int>("--base-port") { Description = "De eerste poort (standaard 7500): load balancer op 7500/7501 (Central) en 7510/7511 (School-node), instanties vanaf 7520 en 7540.", DefaultValueFactory = _ => 7500 };
        var up = new Command("up", "Start OpenOSO als cluster op deze machine: een tijdelijke PostgreSQL, N instanties van Central en van de School-node, HAProxy ervoor, en de demoscholen. Stop met Ctrl+C.")
        {
            instances, data, basePort,
        };
        up.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(instances);
            if (n is < 1 or > 9) { await context.Error.WriteLineAsync("oso: --instances is 1 tot en met 9.").ConfigureAwait(false); return ExitCodes.Usage; }
            LocalCluster cluster;
            try
            {
                cluster = await LocalCluster.StartAsync(new ClusterOptions
                {
                    DataDirectory = parse.GetValue(data)!, Instances = n, BasePort = parse.GetValue(basePort), Log = context.Error,
                }, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidOperationException or IOException)
            {
                await context.Error.WriteLineAsync("oso: het cluster kon niet starten: " + e.Message).ConfigureAwait(false);
                return ExitCodes.Failed;
            }
            await using (cluster)
            {
                var s = cluster.State;
                var o = context.Out;
                await o.WriteLineAsync().ConfigureAwait(false);
                await o.WriteLineAsync($"OpenOSO draait als cluster: {n} × Central en {n} × School-node op één PostgreSQL (127.0.0.1:{cluster.Postgres.Port}), achter HAProxy.").ConfigureAwait(false);
                await o.WriteLineAsync($"  Central-portaal en beheer-API   {cluster.CentralPortal}").ConfigureAwait(false);
                await o.WriteLineAsync($"  Traffic Center (protocol, mTLS) {cluster.TrafficCenter}").ConfigureAwait(false);
                await o.WriteLineAsync($"  School-node portaal en LAS-API  {cluster.SchoolPortal}").ConfigureAwait(false);
                await o.WriteLineAsync($"  School-node protocol (mTLS)     {cluster.SchoolProtocol}").ConfigureAwait(false);
                await o.WriteLineAsync("  Instanties (pid, portaal/protocol):").ConfigureAwait(false);
                foreach (var i in cluster.Instances)
                    await o.WriteLineAsync($"    {i.Name,-10} pid {i.ProcessId,-8} :{i.PortalPort}/:{i.ProtocolPort}").ConfigureAwait(false);
                await o.WriteLineAsync($"  Demoscholen: {s.Po.Brin} {s.Po.Naam} (LAS-sleutel {s.Po.LasSleutel}), {s.Vo.Brin} {s.Vo.Naam} (LAS-sleutel {s.Vo.LasSleutel})").ConfigureAwait(false);
                await o.WriteLineAsync("  Demo-logins:").ConfigureAwait(false);
                foreach (var l in s.Logins) await o.WriteLineAsync($"    {l.Rol,-40} {l.Email} / {l.Wachtwoord}  ({l.Waar})").ConfigureAwait(false);
                await o.WriteLineAsync($"  Logboeken en HAProxy-configuratie: {Path.GetFullPath(parse.GetValue(data)!)}").ConfigureAwait(false);
                await o.WriteLineAsync("  Stop met Ctrl+C.").ConfigureAwait(false);
                await SchoolServeCommand.WaitForStopAsync(ct).ConfigureAwait(false);
                await context.Error.WriteLineAsync("Het cluster stopt…").ConfigureAwait(false);
            }
            return ExitCodes.Ok;
        });
        return new Command("cluster", "OpenOSO met meerdere instanties op deze machine.") { up };
    }
}
