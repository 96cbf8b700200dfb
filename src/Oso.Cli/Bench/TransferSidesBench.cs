using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Oso.Cli.Cluster;
using Oso.Cli.Demo;
using Oso.School.LasApi;

namespace Oso.Cli.Bench;

public static partial class TransferBench
{
    /// <summary>How long one transfer in the per-side run may take before it counts as failed.</summary>
    private static readonly TimeSpan SideTimeout = TimeSpan.FromMinutes(10);

    /// <summary>
    /// <c>--sides</c>: the same transfers, each side in a process of its own. The chain is prepared in this process as in
    /// the one-process run (the bron's dossiers delivered and released), then stopped; the School node's data directory is
    /// copied for the doel, and three children of this CLI take over: Central (<c>oso central serve</c>), the bron's node
    /// on the node's registered ports (<c>oso school serve</c>) and the doel's node on ports of its own, with
    /// <c>Outbox:Workers</c> set to the concurrency. The doel's LAS (this process) registers the pupils and requests the
    /// dossiers through the doel's LAS API and polls each request until it is finished, as a LAS does; the doel's outbox
    /// runs the transfers. After the warm-up each child is brought to its floor (<see cref="ChildPeakRss"/>); the
    /// children stop before the echo runs here.
    /// </summary>
    private static async Task<TransferBenchResult> RunSidesAsync(TransferBenchOptions options, TextWriter log, CancellationToken ct)
    {
        if (options.Database is not null) throw new ArgumentException("--sides draait alleen op SQLite (zonder --database).", nameof(options));
        var (count, concurrency) = (options.Count, options.Concurrency);
        var directory = Directory.CreateTempSubdirectory("oso-bench-").FullName;
        try
        {
            var warmUp = Math.Clamp(count / 10, 3, 20);
            List<string> dossiers;
            List<long> attachments;
            List<AanmeldingDto> pupils;
            Uri centralPortal, centralProtocol, trafficCenter, bronPortal, bronProtocol;
            string anchors, caDirectory;
            Oso.Cli.Up.DemoSchool vo;
            await using (var chain = await BenchDatabases.StartChainAsync(directory, null, log, ct).ConfigureAwait(false))
            {
                await log.WriteLineAsync(options.AttachmentBytes > 0
                    ? $"Voorbereiden (SQLite, elke kant een eigen proces): {count} leerlingen met een dossier met {options.AttachmentBytes / (1024.0 * 1024):0.#} MB aan bijlagen, vrijgegeven…"
                    : $"Voorbereiden (SQLite, elke kant een eigen proces): {count} leerlingen met een dossier van ~{options.TargetBytes / 1024} kB, vrijgegeven…").ConfigureAwait(false);
                (_, dossiers, attachments, pupils) = await PrepareAsync(chain, warmUp, count, options, directory, request: false, ct).ConfigureAwait(false);
                (centralPortal, centralProtocol, trafficCenter) = (chain.Central.PortalUrl, chain.Central.ProtocolUrl, chain.Central.TrafficCenterUrl);
                (bronPortal, bronProtocol) = (chain.School.PortalUrl, chain.School.ProtocolUrl);
                (anchors, caDirectory, vo) = (chain.Central.TrustAnchorPemPath, chain.Central.CertificateAuthorityDirectory!, chain.State.Vo);
            }

            // the doel's node: a copy of the node's data as the chain left it (its own database, keys and certificates)
            var bronData = Path.Combine(directory, "school");
            var doelData = Path.Combine(directory, "school-doel");
            CopyDirectory(bronData, doelData);
            var logs = Directory.CreateDirectory(Path.Combine(directory, "logs")).FullName;
            var (doelPortal, doelProtocol) = (FreePort(), FreePort());
            string[] School(string data, int portal, int protocol) =>
            [
                "school", "serve", "--data", data, "--portal-port", Text(portal), "--protocol-port", Text(protocol),
                "--traffic-center", trafficCenter.ToString(),
                "--system-cert", Path.Combine(data, "tls", "system.crt.pem"), "--system-key", Path.Combine(data, "tls", "system.key.pem"),
                "--trust-anchor", anchors, "--dev-ca", caDirectory,
                "--revocations", new Uri(centralPortal, "/api/certificaten/ingetrokken").ToString(),
                "--register", new Uri(centralPortal, "/api/scholen/gekwalificeerd").ToString(),
            ];
            var central = new InstanceProcess("central", centralPortal.Port, centralProtocol.Port,
                ["central", "serve", "--data", Path.Combine(directory, "central"), "--portal-port", Text(centralPortal.Port), "--protocol-port", Text(centralProtocol.Port)],
                new Dictionary<string, string>(), logs);
            var bron = new InstanceProcess("bron", bronPortal.Port, bronProtocol.Port, School(bronData, bronPortal.Port, bronProtocol.Port), new Dictionary<string, string>(), logs);
            var doel = new InstanceProcess("doel", doelPortal, doelProtocol, School(doelData, doelPortal, doelProtocol),
                new Dictionary<string, string> { ["OSO_Outbox__Workers"] = Text(Math.Min(concurrency, 64)) }, logs);
            await using (central)
            await using (bron)
            await using (doel)
            {
                await log.WriteLineAsync("Central, de School-node van de bron en die van het doel starten, elk als eigen proces…").ConfigureAwait(false);
                await central.StartAsync(TimeSpan.FromMinutes(3), ct).ConfigureAwait(false);
                await Task.WhenAll(bron.StartAsync(TimeSpan.FromMinutes(3), ct), doel.StartAsync(TimeSpan.FromMinutes(3), ct)).ConfigureAwait(false);
                using var anchor = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(directory, "central", "ca", "ca.crt.pem"));
                using var las = new LasApiClient(new Uri($"https://127.0.0.1:{Text(doelPortal)}/"), vo.Brin, vo.LasSleutel, anchor);
                var aanmeldingen = new List<Guid>(pupils.Count);
                foreach (var pupil in pupils) aanmeldingen.Add(await las.RegisterAsync(pupil, ct).ConfigureAwait(false));
                // each process at rest, before its first transfer
                var cold = new[] { bron, doel, central }.ToDictionary(p => p.Name, p => p.ProcessId is { } pid ? ChildPeakRss.Rss(pid) : null);

                var finished = new ConcurrentDictionary<Guid, AanvraagDto>();
                async Task<bool> Transfer(Guid aanmelding)
                {
                    var id = await las.RequestAsync(aanmelding, null, ct).ConfigureAwait(false);
                    var request = await las.WaitForRequestAsync(id, SideTimeout, TimeSpan.FromMilliseconds(50), ct).ConfigureAwait(false);
                    finished[id] = request;
                    return request.Resultaat == "OverdrachtGeslaagd";
                }
                await log.WriteLineAsync($"Opwarmen: {warmUp} overdrachten, niet gemeten…").ConfigureAwait(false);
                await MeasureAsync(aanmeldingen.Take(warmUp).ToList(), concurrency, Transfer, ct).ConfigureAwait(false);
                finished.Clear();

                await log.WriteLineAsync("Elk proces naar zijn bodem: een volledige garbage collection, wachten tot het RSS niet verder daalt…").ConfigureAwait(false);
                var floors = new Dictionary<string, ChildPeakRss?>();
                foreach (var side in new[] { bron, doel, central })
                {
                    floors[side.Name] = side.ProcessId is { } pid ? await ChildPeakRss.StartAsync(pid, cold[side.Name], ct).ConfigureAwait(false) : null;
                    if (floors[side.Name] is { } f)
                        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {side.Name}: RSS in rust {cold[side.Name] / 1024.0:F0} MB, na het opwarmen {f.BeforeKb / 1024.0:F0} MB, bodem {f.FloorKb / 1024.0:F0} MB")).ConfigureAwait(false);
                }

                await log.WriteLineAsync($"Meten: {count} overdrachten over het volledige protocol, {concurrency} tegelijk, elke kant een eigen proces…").ConfigureAwait(false);
                var measuredAanmeldingen = aanmeldingen.Skip(warmUp).ToList();
                var transfers = await MeasureAsync(measuredAanmeldingen, concurrency, Transfer, ct).ConfigureAwait(false);
                var figures = floors.ToDictionary(f => f.Key, f => f.Value?.Figures(measuredAanmeldingen.Count));
                // a request the API calls OverdrachtGeslaagd must have its received dossier
                var received = (await las.ReceivedAsync(onlyNew: false, ct).ConfigureAwait(false)).Select(r => r.AanvraagId).ToHashSet();
                var ok = finished.Values.Where(r => r.Resultaat == "OverdrachtGeslaagd" && received.Contains(r.Id)).ToList();
                foreach (var why in finished.Values.Where(r => r.Resultaat != "OverdrachtGeslaagd").GroupBy(r => $"{r.Status}: {r.Resultaat} ({r.Toelichting})", StringComparer.Ordinal))
                    await log.WriteLineAsync($"Mislukt ({why.Count()}×): {why.Key}").ConfigureAwait(false);
                transfers = transfers with { Failures = measuredAanmeldingen.Count - ok.Count };
                var steps = StepFigures.From(ok.Select(r => (r.Aangemaakt, r.Stappen)));
                await doel.StopAsync().ConfigureAwait(false);
                await bron.StopAsync().ConfigureAwait(false);
                await central.StopAsync().ConfigureAwait(false);

                await log.WriteLineAsync($"Meten: {count} keer dezelfde bytes heen en terug over een kale mTLS-verbinding, {concurrency} tegelijk (in dit proces)…").ConfigureAwait(false);
                var measured = new List<byte[]>(count);
                foreach (var path in dossiers.Skip(warmUp)) measured.Add(await File.ReadAllBytesAsync(path, ct).ConfigureAwait(false));
                var echoPeak = PeakRss.Start();
                var echo = await EchoAsync(caDirectory, Path.Combine(bronData, "tls"), concurrency, measured, ct).ConfigureAwait(false);
                var echoExtra = echoPeak?.ExtraMb();
                SidesFigures? sides = figures is { } x && x["bron"] is { } b && x["doel"] is { } d && x["central"] is { } c ? new SidesFigures(b, d, c) : null;
                return new TransferBenchResult((int)measured.Average(m => m.Length), concurrency, transfers, echo, steps)
                {
                    Database = "SQLite",
                    AttachmentBytes = (long)attachments.Skip(warmUp).Average(),
                    // the three processes' growth together (each from its own floor)
                    ExtraPeakRssMb = sides is null ? null : sides.Bron.ExtraPeakRssMb + sides.Doel.ExtraPeakRssMb + sides.Central.ExtraPeakRssMb,
                    EchoExtraPeakRssMb = echoExtra,
                    Sides = sides,
                };
            }
        }
        finally
        {
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    // a port the kernel hands out now (released at once; the child binds it a moment later)
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }
}
